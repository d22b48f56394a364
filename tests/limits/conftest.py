"""An Account in the test's own data directory (the root conftest points INMAIL_DATA_DIR at a temp dir)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from limits import Account


@pytest.fixture
def account(data_dir) -> Iterator[Account]:
    with Account.open(data_dir) as opened:
        yield opened
