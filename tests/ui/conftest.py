"""AppTest fixtures: the real app.py with one page open, and the ledger of the test's data directory."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_app


@pytest.fixture
def open_page(data_dir) -> Callable[[str], AppTest]:
    """`open_page("ui/compose.py")`: app.py with that page open, after its first run."""
    return open_app


@pytest.fixture
def account(data_dir):
    from limits import Account

    with Account.open(data_dir) as opened:
        yield opened
