""" "Mark as sent": which ledger event a draft becomes, that its id makes the record idempotent, and that
the action Compose and Chat share records the edited text and refuses what LinkedIn would not deliver."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from composer import Channel as DraftChannel
from limits import Channel, EventKind, Reason, Verdict
from ui import history
from ui.sending import NotSendable, SendKind, mark_draft_sent, record, send_kind

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


def _maria_draft(data_dir, channel=DraftChannel.INMAIL, **lead_changes):
    from composer import SAMPLE_LEADS, SAMPLE_SENDER, Lead, Settings, TemplateStore, compose

    lead = {**SAMPLE_LEADS["maria"].model_dump(mode="json"), **lead_changes}
    settings = Settings(channel=channel)
    made = compose(Lead.from_data(lead, what="lead"), SAMPLE_SENDER, settings, store=TemplateStore(data_dir))
    return made[0], lead


def _mark(account, data_dir, draft, lead, *, at=NOW, body=None):
    return mark_draft_sent(
        account, draft, lead, subject=draft.subject, body=body or draft.body, data_dir=data_dir, at=at
    )


def test_marking_a_draft_sent_records_it_once_with_the_edited_text(account, data_dir):
    account.init_plan("premium_career", start=NOW - timedelta(days=3), balance=5, at=NOW - timedelta(days=3))
    draft, lead = _maria_draft(data_dir)
    history.record_draft(data_dir, lead_id=lead["id"], draft=draft.model_dump(mode="json"), at=NOW)
    first = _mark(account, data_dir, draft, lead, body="Hi Maria, edited by hand.")
    assert first.startswith("Recorded: an InMail (1 credit), sent ")
    assert first.endswith("Balance now 4 credit(s).")
    again = _mark(account, data_dir, draft, lead, at=NOW + timedelta(minutes=1))
    assert again.startswith("Already recorded on "), "the sent InMail itself now blocks a second one"
    assert again.endswith("(nothing new).")
    assert account.status(at=NOW + timedelta(minutes=1)).balance == 4
    inmails = [e for e in account.events() if e.kind is EventKind.INMAIL]
    assert [(e.lead_id, e.key) for e in inmails] == [(lead["id"], draft.id)]
    sent = history.for_lead(data_dir, lead["id"])
    assert [(e.draft_id, e.sent_body) for e in sent if e.sent_at] == [(draft.id, "Hi Maria, edited by hand.")]


def test_a_draft_nobody_can_deliver_is_refused_and_nothing_is_recorded(account, data_dir):
    account.init_plan("premium_career", start=NOW - timedelta(days=3), balance=5, at=NOW - timedelta(days=3))
    draft, lead = _maria_draft(data_dir, accepts_inmail=False)
    history.record_draft(data_dir, lead_id=lead["id"], draft=draft.model_dump(mode="json"), at=NOW)
    with pytest.raises(NotSendable, match="nothing was recorded"):
        _mark(account, data_dir, draft, lead)
    assert [e.kind for e in account.events()] == [EventKind.PLAN_SET]
    assert not any(e.sent_at for e in history.for_lead(data_dir, lead["id"]))


def test_a_connection_note_marked_twice_is_one_invite(account, data_dir):
    account.init_plan("premium_career", start=NOW - timedelta(days=3), balance=5, at=NOW - timedelta(days=3))
    draft, lead = _maria_draft(data_dir, DraftChannel.CONNECTION_NOTE)
    assert _mark(account, data_dir, draft, lead).startswith("Recorded: a connection request with a note")
    again = _mark(account, data_dir, draft, lead, at=NOW + timedelta(minutes=1))
    assert again.startswith("Already recorded (nothing new): a connection request with a note")
    assert [e.kind for e in account.events() if e.kind is not EventKind.PLAN_SET] == [EventKind.INVITE]
    assert account.status(at=NOW + timedelta(minutes=1)).balance == 5, "a note costs no credit"
