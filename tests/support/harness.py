"""Run the real app and drive it in headless Chromium: shared by the browser test, the bench and the
screenshot script (Playwright is a test extra, so it is imported only here, inside the functions).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, FrameLocator, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("INMAIL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# How long a browser step may take: one Streamlit run on a loaded 2-core CI machine can take many seconds.
# Waits are on conditions (an element, a value), so a fast machine never waits this long.
PATIENCE_MS = 60_000
# Model settings are dropped so the app runs on the offline template engine, whatever the shell has.
_MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INMAIL_MODEL")


# Counts the app's script runs in the page, for `wait_for_run`: a run is seen when the app's script state
# leaves "notRunning" and counted when it comes back. The app's root element can be drawn again, so the
# whole document is watched and the state read afresh at each change.
COUNT_RUNS = """(() => {
  const runs = { finished: 0, seen: 0 };
  let last = "notRunning";
  const note = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const now = app ? app.getAttribute("data-test-script-state") : last;
    if (now === "notRunning" && last !== "notRunning") runs.finished += 1;
    last = now;
  };
  window.__inmailRuns = runs;
  new MutationObserver(note).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-test-script-state"],
  });
})();"""
_STATE = 'document.querySelector(\'[data-testid="stApp"]\')?.getAttribute("data-test-script-state")'
# A run has ended since the last wait (never true on a page without the counter: the half-second look).
_RUNS = "window.__inmailRuns"
_RUN_DONE = f"({_RUNS}?.finished > {_RUNS}?.seen && {_STATE} === 'notRunning')"
_RUNNING = f"({_STATE} === 'running')"


class AppDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_app(*, data_dir: Path, port: int | None = None, extra_env: dict[str, str] | None = None):
    """Start `streamlit run app.py` on 127.0.0.1; returns (process, url) without waiting for health."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in _MODEL_ENV}
    env.update({"INMAIL_DATA_DIR": str(data_dir), **(extra_env or {})})
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process, f"http://127.0.0.1:{port}"


def wait_healthy(process: subprocess.Popen, url: str, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AppDidNotStart(f"streamlit exited with {process.returncode}:\n{output}")
        if healthy(url):
            return
        time.sleep(0.02)
    raise AppDidNotStart(f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s")


def stop_app(process: subprocess.Popen) -> None:
    """Kill the server: it keeps nothing of its own (the data directory is written as each run goes), and
    a polite SIGTERM costs half a second of Streamlit's shutdown per server."""
    process.kill()
    process.wait()
    if process.stdout:
        process.stdout.close()


@contextmanager
def running_app(*, data_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The URL of a healthy app serving `data_dir`; the server stops when the block ends."""
    process, url = start_app(data_dir=data_dir, extra_env=extra_env)
    try:
        wait_healthy(process, url)
        yield url
    finally:
        stop_app(process)


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Headless Debian Chromium, launched once; each `fresh_context` in it is a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_context(browser: Browser, *, origin: str | None = None) -> Iterator[BrowserContext]:
    """A context with no cookies or storage of any other; clipboard access granted for `origin`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(PATIENCE_MS)
    context.add_init_script(COUNT_RUNS)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        yield context
    finally:
        context.close()


@contextmanager
def chromium(*, origin: str | None = None) -> Iterator[BrowserContext]:
    """Headless Debian Chromium with a fresh profile; clipboard access granted for `origin`."""
    with launched_chromium() as browser, fresh_context(browser, origin=origin) as context:
        yield context


def wait_for_run(page: Page) -> None:
    """Wait until Streamlit has finished the script run that the last action started.

    A run may start a moment after the click, or be over before we look, so this only settles the page:
    wait for the action's visible outcome first (an element, a value), then call this. It returns at once
    when a run has come and gone since the last call (COUNT_RUNS counts them in the page), waits for the
    end of a run that is going, and otherwise looks half a second for one to start: without the look,
    the chat test's click on a copy button, made under heavy load, landed on a frame that a later run
    replaced. A run chained by `st.rerun()` is not an action of its own: wait for its outcome.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => {_RUN_DONE} || {_RUNNING}", timeout=500)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=PATIENCE_MS)
    page.evaluate(f"() => {{ if ({_RUNS}) {_RUNS}.seen = {_RUNS}.finished; }}")


def open_page(page: Page, url: str, title: str) -> None:
    """Open the app, then the page by its sidebar link (the default page has no url path of its own)."""
    from playwright.sync_api import expect

    if not page.url.startswith(url):
        page.goto(url)
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=PATIENCE_MS)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=PATIENCE_MS)
    wait_for_run(page)


def copy_frame(page: Page, title: str) -> FrameLocator:
    """The copy buttons' frame of the draft card titled `title` ("Draft 1", "Current draft")."""
    return page.frame_locator(f'iframe[title="Copy {title}"]')


def expect_copied(page: Page, frame: FrameLocator, text: str) -> None:
    """The copy frame says it copied `text`'s length, and the clipboard holds exactly `text`."""
    from playwright.sync_api import expect

    expect(frame.get_by_role("status")).to_have_text(f"Copied {len(text)} characters.", timeout=PATIENCE_MS)
    copied = page.evaluate("navigator.clipboard.readText()")
    if copied != text:
        raise AssertionError(f"the clipboard holds {copied!r}, not {text!r}")


def compose_sample_draft(page: Page, url: str, *, lead: str = "Maria Lopez") -> None:
    """Open Compose, pick a sample lead and the sample sender, and generate a draft (template engine).

    Each step waits for its own outcome before the next one: a click made while an earlier run is still
    on its way can be lost when Streamlit restarts that run.
    """
    from playwright.sync_api import expect

    from composer import SAMPLE_SENDER

    open_page(page, url, "Compose")
    page.get_by_test_id("stSelectbox").filter(has_text="Pick a saved or sample lead").click()
    page.get_by_role("option", name=f"Sample: {lead}").click()
    first_name = lead.split()[0]
    expect(page.get_by_label("First name", exact=True)).to_have_value(first_name, timeout=PATIENCE_MS)
    wait_for_run(page)
    page.get_by_role("tab", name="You").click()
    page.get_by_role("button", name="Use the sample sender").click()
    expect(page.get_by_label("Your name", exact=True)).to_have_value(SAMPLE_SENDER.name, timeout=PATIENCE_MS)
    wait_for_run(page)
    page.get_by_role("tab", name="Lead").click()
    page.get_by_role("button", name="Generate draft").click()
    expect(copy_frame(page, "Draft 1").get_by_role("button", name="Copy all")).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_run(page)
