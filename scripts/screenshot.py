"""Take the README's pictures from the real app in headless Chromium: Compose, Chat, Limits and Sent.

    .venv/bin/python scripts/screenshot.py [--out docs]

It starts `streamlit run app.py` on a free loopback port with a throw-away data directory holding a
Premium Business plan and a little history, then clicks through the app as a user would: a draft for a
sample lead (marked as sent), a chat without a model ("write to Maria", "shorter"), the Limits page and
the Sent list with its answer buttons. Writes compose.png, chat.png, limits.png and sent.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support import harness  # noqa: E402  (after the path line, so the script runs from a checkout)
from support.harness import compose_sample_draft  # noqa: E402

WIDTH = 1440


def seed(data_dir: Path) -> None:
    from limits import Account

    now = datetime.now(UTC)
    with Account.open(data_dir) as account:
        account.init_plan("premium_business", start=now - timedelta(days=40), at=now - timedelta(days=40))
        for index in range(4):
            lead = f"https://www.linkedin.com/in/prospect-{index}"
            account.record_inmail(lead, at=now - timedelta(days=3 + index))
        account.record_response("https://www.linkedin.com/in/prospect-3", at=now - timedelta(days=1))


def _shoot(page, path: Path, *, height: int) -> None:
    page.set_viewport_size({"width": WIDTH, "height": height})
    harness.wait_for_run(page)
    page.mouse.move(0, 0)
    page.screenshot(path=str(path))
    print(f"wrote {path}")


def _chat(page, text: str, reply: str) -> None:
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_enabled(timeout=harness.PATIENCE_MS)
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_text(reply).last).to_be_visible(timeout=harness.PATIENCE_MS)
    harness.wait_for_run(page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="inmail-shot-") as tmp:
        data_dir = Path(tmp)
        seed(data_dir)
        with harness.running_app(data_dir=data_dir) as url, harness.chromium(origin=url) as browser:
            page = browser.new_page()
            page.set_viewport_size({"width": WIDTH, "height": 1500})
            compose_sample_draft(page, url, lead="Maria Lopez")
            _shoot(page, args.out / "compose.png", height=1500)

            page.get_by_role("button", name="Mark as sent").click()
            page.get_by_text("Balance now").wait_for(timeout=harness.PATIENCE_MS)
            harness.open_page(page, url, "Sent")
            _shoot(page, args.out / "sent.png", height=900)

            harness.open_page(page, url, "Limits")
            _shoot(page, args.out / "limits.png", height=1300)

            harness.open_page(page, url, "Chat")
            _chat(page, "write to Priya", "Drafted a RABT")
            _chat(page, "shorter", "Shortened")
            _shoot(page, args.out / "chat.png", height=1000)


if __name__ == "__main__":
    main()
