"""Workspace fixtures: a workspace over the test's data directory, and one with a plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from workspace_kit import NOW

from inmail.workspace import Workspace


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as opened:
        yield opened


@pytest.fixture
def plan(ws):
    """Premium Career with 5 credits, set three days before NOW."""
    start = NOW - timedelta(days=3)
    ws.account.init_plan("premium_career", start=start, balance=5, at=start)
    return ws
