"""Streamlit AppTest for the ui and chat tests: the real app.py with one page open.

A fresh `AppTest` pays for two things that cannot change while the tests run, so this module keeps them
for the whole process (its import installs both):
- the scan of every installed distribution for Streamlit component manifests (about 0.15 s an AppTest);
- the compiled page scripts (app.py and the open page, compiled again on every run), kept per path and
  source text, so a changed file is compiled again.
and it waits for a run without polling (`_wait_for_shutdown`).
What a run executes is unchanged: the same scripts, the same session state, the same widgets.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any

from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"


@functools.cache
def _installed_manifests() -> tuple[Any, ...]:
    return tuple(_scan_component_manifests())


def _scan_once(max_workers: int | None = None) -> list[Any]:
    return list(_installed_manifests())


_scan_component_manifests = manifest_scanner.scan_component_manifests
manifest_scanner.scan_component_manifests = _scan_once

_compiled: dict[tuple[str, str], Any] = {}
_compiled_lock = threading.Lock()
_get_bytecode = ScriptCache.get_bytecode


def _get_bytecode_once(self: ScriptCache, script_path: str) -> Any:
    source = Path(script_path).read_text(encoding="utf-8")
    key = (str(Path(script_path).resolve()), source)
    with _compiled_lock:
        if key not in _compiled:
            _compiled[key] = _get_bytecode(self, script_path)
        return _compiled[key]


ScriptCache.get_bytecode = _get_bytecode_once  # type: ignore[method-assign]


def _wait_for_shutdown(runner: LocalScriptRunner, timeout: float = 3) -> None:
    """Streamlit's `require_widgets_deltas` with one blocking wait in place of its 1 ms poll: the poll
    woke the test thread 1,000 times a second to scan the runner's whole event list, taking the GIL
    from the script thread it waits for. This waits for the same SHUTDOWN event, and on a timeout stops
    the runner and raises the same error."""
    shut_down = threading.Event()

    def on_event(sender: Any, event: ScriptRunnerEvent, **kwargs: Any) -> None:
        if event == ScriptRunnerEvent.SHUTDOWN:
            shut_down.set()

    runner.on_event.connect(on_event, weak=False)
    try:
        # The script thread is already running: SHUTDOWN may have come before the connect.
        if runner.script_stopped() or shut_down.wait(timeout):
            return
    finally:
        runner.on_event.disconnect(on_event)
    runner.request_stop()
    runner.join()
    raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")


local_script_runner.require_widgets_deltas = _wait_for_shutdown


def open_app(page: str) -> AppTest:
    """app.py after its first run with `page` ("ui/compose.py") open, without an exception."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    # The first run registers the pages (their url paths differ from the file names); then switch.
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
