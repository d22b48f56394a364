"""Shared by the workspace tests: a fixed instant and Maria's drafts."""

from __future__ import annotations

from datetime import UTC, datetime

from composer import SAMPLE_LEADS, SAMPLE_SENDER, DraftChannel, Lead, Settings, compose

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def maria_draft(ws, channel=DraftChannel.INMAIL, *, strategy="rabt", **lead_changes):
    lead = {**SAMPLE_LEADS["maria"].model_dump(mode="json"), **lead_changes}
    settings = Settings(channel=channel, strategy=strategy)
    made = compose(Lead.from_data(lead, what="lead"), SAMPLE_SENDER, settings, store=ws.store)
    return made[0], lead
