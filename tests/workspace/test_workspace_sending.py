"""Mark as sent: which ledger event a draft becomes, once under its id, with the text as sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from workspace_kit import NOW, maria_draft

from composer import DraftChannel
from inmail.errors import NoLeadIdError
from inmail.sending import NotSendableError, SendKind, send_kind
from limits import EventKind, Reason, SendChannel, Verdict

SETUP = {EventKind.PLAN_SET, EventKind.SYNC}  # the plan and its opening balance


def _verdict(channel: SendChannel | None, *, allowed: bool = True) -> Verdict:
    reason = Reason(rule="opted_out", message="They opted out of InMail.", source="LinkedIn Help a412220")
    credits = int(channel is SendChannel.INMAIL)
    return Verdict(allowed=allowed, channel=channel, credits=credits, reasons=[reason],
                   warnings=[], next_allowed_at=None, alternatives=[])  # fmt: skip


@pytest.mark.parametrize(
    ("draft_channel", "verdict_channel", "kind"),
    [
        (DraftChannel.INMAIL, SendChannel.MESSAGE, SendKind.MESSAGE),
        (DraftChannel.INMAIL, SendChannel.OPEN_PROFILE, SendKind.OPEN_PROFILE),
        (DraftChannel.INMAIL, SendChannel.INMAIL, SendKind.INMAIL),
        (DraftChannel.FOLLOW_UP, SendChannel.MESSAGE, SendKind.MESSAGE),
        (DraftChannel.FOLLOW_UP, SendChannel.INMAIL, SendKind.INMAIL),
        (DraftChannel.CONNECTION_NOTE, None, SendKind.INVITE_NOTE),
        (DraftChannel.CONNECTION_NOTE, SendChannel.INMAIL, SendKind.INVITE_NOTE),
    ],
)
def test_the_draft_channel_and_the_verdict_choose_the_event(draft_channel, verdict_channel, kind):
    verdict = None if verdict_channel is None else _verdict(verdict_channel)
    assert send_kind(draft_channel, verdict, draft_id="d", lead_id="l") == kind


@pytest.mark.parametrize("draft_channel", [DraftChannel.INMAIL, DraftChannel.FOLLOW_UP])
def test_a_message_nobody_can_deliver_is_refused_with_the_reason_as_data(draft_channel):
    with pytest.raises(NotSendableError) as info:
        send_kind(draft_channel, _verdict(None, allowed=False), draft_id="d", lead_id="l")
    assert info.value.reason is not None
    assert info.value.reason.rule == "opted_out"
    assert "nothing was recorded" in str(info.value)


@pytest.mark.parametrize(
    ("lead_changes", "kind", "event_kind", "credits_spent"),
    [
        ({}, SendKind.INMAIL, EventKind.INMAIL, 1),
        ({"degree": 1}, SendKind.MESSAGE, EventKind.MESSAGE, 0),
        ({"open_profile": True}, SendKind.OPEN_PROFILE, EventKind.INMAIL, 0),
    ],
)
def test_marking_records_the_verdicts_channel_once_with_the_edited_text(
    plan, lead_changes, kind, event_kind, credits_spent
):
    draft, lead = maria_draft(plan, **lead_changes)
    plan.record_draft(draft, lead=lead, at=NOW)
    first = plan.mark_sent(draft, lead, body="Hi Maria, edited by hand.", at=NOW)
    again = plan.mark_sent(draft, lead, at=NOW + timedelta(minutes=1))
    assert (first.kind, first.first_time, first.at, first.balance) == (kind, True, NOW, 5 - credits_spent)
    assert (again.kind, again.first_time, again.at, again.event_id) == (kind, False, NOW, first.event_id)
    sends = [e for e in plan.account.events() if e.kind not in SETUP]
    assert [(e.kind, e.lead_id, e.key) for e in sends] == [(event_kind, lead["id"], draft.id)]
    entries = plan.history(lead)
    assert [(e.draft_id, e.sent_at, e.sent_body) for e in entries] == [
        (draft.id, NOW, "Hi Maria, edited by hand.")
    ]


def test_a_draft_nobody_can_deliver_is_refused_and_nothing_is_recorded(plan):
    draft, lead = maria_draft(plan)
    lead = {**lead, "accepts_inmail": False}  # she opted out after it was drafted (compose would refuse now)
    plan.record_draft(draft, lead=lead, at=NOW)
    with pytest.raises(NotSendableError) as info:
        plan.mark_sent(draft, lead, at=NOW)
    assert info.value.draft_id == draft.id
    assert [e.kind for e in plan.account.events() if e.kind not in SETUP] == []
    assert not any(e.sent_at for e in plan.history(lead))


def test_a_connection_note_marked_twice_is_one_invite_and_costs_nothing(plan):
    draft, lead = maria_draft(plan, DraftChannel.CONNECTION_NOTE)
    first = plan.mark_sent(draft, lead, at=NOW)
    again = plan.mark_sent(draft, lead, at=NOW + timedelta(minutes=1))
    assert (first.kind, first.first_time, again.first_time) == (SendKind.INVITE_NOTE, True, False)
    assert [e.kind for e in plan.account.events() if e.kind not in SETUP] == [EventKind.INVITE]
    assert again.balance == 5


def test_a_lead_without_an_id_cannot_be_marked(plan):
    draft, lead = maria_draft(plan)
    with pytest.raises(NoLeadIdError):
        plan.mark_sent(draft, {**lead, "id": "  "}, at=NOW)
    assert [e.kind for e in plan.account.events() if e.kind not in SETUP] == []


def test_the_history_catches_up_when_a_crash_came_between_the_ledger_and_it(plan):
    draft, lead = maria_draft(plan)
    plan.record_draft(draft, lead=lead, at=NOW)
    plan.account.record_inmail(lead["id"], at=NOW, key=draft.id)  # the ledger has it, the history not
    outcome = plan.mark_sent(draft, lead, at=NOW + timedelta(minutes=5))
    assert not outcome.first_time
    assert outcome.at == NOW
    assert [e.sent_at for e in plan.history(lead)] == [NOW + timedelta(minutes=5)]
    assert outcome.balance == 4
