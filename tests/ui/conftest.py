"""AppTest fixtures: the real app.py with one page open, and the ledger of the test's data directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def open_page(data_dir) -> Callable[[str], AppTest]:
    """`open_page("ui/compose.py")`: app.py with that page open, after its first run."""

    def open_(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        # A first run registers the pages (their url paths differ from the file names), then switch.
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_


@pytest.fixture
def account(data_dir):
    from limits import Account

    with Account.open(data_dir) as opened:
        yield opened
