"""Workspace fixtures: a workspace over the test's data directory, and Maria's drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from composer import SAMPLE_LEADS, SAMPLE_SENDER, Lead, Settings, compose
from composer import Channel as DraftChannel
from inmail.workspace import Workspace

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


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


def maria_draft(ws, channel=DraftChannel.INMAIL, *, strategy="rabt", **lead_changes):
    lead = {**SAMPLE_LEADS["maria"].model_dump(mode="json"), **lead_changes}
    settings = Settings(channel=channel, strategy=strategy)
    made = compose(Lead.from_data(lead, what="lead"), SAMPLE_SENDER, settings, store=ws.store)
    return made[0], lead
