""" "Mark as sent": which ledger event a draft becomes, and that its id makes the record idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from composer import Channel as DraftChannel
from limits import Channel, EventKind, Reason, Verdict
from ui.sending import NotSendable, SendKind, record, send_kind

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _verdict(channel: Channel | None, *, allowed: bool = True) -> Verdict:
    reason = Reason(rule="opted_out", message="They opted out of InMail.", source="LinkedIn Help a412220")
    return Verdict(allowed=allowed, channel=channel, credits=int(channel is Channel.INMAIL), reasons=[reason],
                   warnings=[], next_allowed_at=None, alternatives=[])  # fmt: skip


@pytest.mark.parametrize(
    ("draft_channel", "verdict_channel", "kind"),
    [
        (DraftChannel.INMAIL, Channel.MESSAGE, SendKind.MESSAGE),
        (DraftChannel.INMAIL, Channel.OPEN_PROFILE, SendKind.OPEN_PROFILE),
        (DraftChannel.INMAIL, Channel.INMAIL, SendKind.INMAIL),
        (DraftChannel.FOLLOW_UP, Channel.MESSAGE, SendKind.MESSAGE),
        (DraftChannel.FOLLOW_UP, Channel.INMAIL, SendKind.INMAIL),
        (DraftChannel.CONNECTION_NOTE, None, SendKind.INVITE_NOTE),
        (DraftChannel.CONNECTION_NOTE, Channel.INMAIL, SendKind.INVITE_NOTE),
    ],
)
def test_the_draft_channel_and_the_verdict_choose_the_event(draft_channel, verdict_channel, kind):
    verdict = None if verdict_channel is None else _verdict(verdict_channel)
    assert send_kind(draft_channel, verdict) == kind


@pytest.mark.parametrize("draft_channel", [DraftChannel.INMAIL, DraftChannel.FOLLOW_UP])
def test_a_message_nobody_can_deliver_is_refused_with_the_reason(draft_channel):
    with pytest.raises(NotSendable) as info:
        send_kind(draft_channel, _verdict(None, allowed=False))
    assert "They opted out of InMail" in str(info.value)
    assert "nothing was recorded" in str(info.value)


@pytest.mark.parametrize(
    ("kind", "event_kind", "fields"),
    [
        (SendKind.MESSAGE, EventKind.MESSAGE, {}),
        (SendKind.OPEN_PROFILE, EventKind.INMAIL, {"open_profile": True}),
        (SendKind.INMAIL, EventKind.INMAIL, {"open_profile": False}),
        (SendKind.INVITE_NOTE, EventKind.INVITE, {"note": True}),
    ],
)
def test_each_kind_records_its_event_once_under_the_draft_id(account, kind, event_kind, fields):
    account.init_plan("premium_business", start=NOW - timedelta(days=1), at=NOW - timedelta(days=1))
    first = record(account, kind, lead_id="https://www.linkedin.com/in/ana", draft_id="d-1", at=NOW)
    again = record(
        account, kind, lead_id="https://www.linkedin.com/in/ana", draft_id="d-1", at=NOW + timedelta(1)
    )
    assert first.first_time
    assert not again.first_time
    assert again.at == NOW
    events = [e for e in account.events() if e.kind is not EventKind.PLAN_SET]
    assert len(events) == 1
    assert events[0].kind is event_kind
    assert events[0].key == "d-1"
    for name, value in fields.items():
        assert getattr(events[0], name) is value
