"""Take docs/compose.png: the real app's Compose page with a sample lead's draft, in headless Chromium.

    .venv/bin/python scripts/screenshot.py [--out docs/compose.png]

It starts `streamlit run app.py` on a free loopback port with a throw-away data directory holding a
Premium Business plan and a little history, so the page shows a verdict, a draft and its checks.
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


def seed(data_dir: Path) -> None:
    from limits import Account

    now = datetime.now(UTC)
    with Account.open(data_dir) as account:
        account.init_plan("premium_business", start=now - timedelta(days=40), at=now - timedelta(days=40))
        for index in range(4):
            lead = f"https://www.linkedin.com/in/prospect-{index}"
            account.record_inmail(lead, at=now - timedelta(days=3 + index))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "compose.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inmail-shot-") as tmp:
        data_dir = Path(tmp)
        seed(data_dir)
        with harness.running_app(data_dir=data_dir) as url, harness.chromium(origin=url) as browser:
            page = browser.new_page()
            page.set_viewport_size({"width": 1440, "height": 1500})
            compose_sample_draft(page, url, lead="Maria Lopez")
            page.mouse.move(0, 0)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
