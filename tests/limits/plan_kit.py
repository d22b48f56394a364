"""Helpers for the send-plan tests: read a book the way the workspace does, plan, and follow a plan step
by step on the book, asking `check` before each send and recording it at its instant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from limits import Account, Recipient, SendChannel
from limits.planning import PlanBook, PlanChannel, SendPlan, make_plan

FREE_REQUEST = "Send a free connection request"


def plan_for(
    account: Account, recipients: Sequence[Recipient], *, start: datetime, days: int, keep: int = 0
) -> SendPlan:
    book = PlanBook(catalog=account.catalog(), ledger=account.ledger(at=start), events=account.events())
    return make_plan(book, recipients, start=start, days=days, keep=keep)


def follow(account: Account, plan: SendPlan, recipients: Sequence[Recipient]) -> None:
    """Send every step in order on `account` (a copy of the planned book): each must be one `check` allows
    at its instant, on the step's channel, at the step's cost, without dipping into the reserve."""
    by_id = {recipient.id: recipient for recipient in recipients}
    ats = [step.at for step in plan.steps]
    assert ats == sorted(ats), "steps in time order"
    assert len(set(ats)) == len(ats), "one instant each"
    assert plan.steps == () or plan.start <= plan.steps[0].at
    for step in plan.steps:
        recipient = by_id[step.lead_id]
        verdict = account.check(recipient, at=step.at)
        assert step.credits == step.channel.credits
        if step.channel in (PlanChannel.MESSAGE, PlanChannel.OPEN_PROFILE, PlanChannel.INMAIL):
            assert verdict.allowed, (step, verdict.reasons)
            assert verdict.channel == SendChannel(step.channel.value), (step, verdict)
            assert verdict.credits == step.credits
        else:
            request = next(a for a in verdict.alternatives if a.channel is SendChannel.CONNECTION_REQUEST)
            assert request.message.startswith(FREE_REQUEST), (step, request.message)
            if step.channel is PlanChannel.INVITATION_NOTE:
                assert request.notes_left_this_month is None or request.notes_left_this_month >= 1
        if step.channel is PlanChannel.INMAIL:
            assert account.status(at=step.at).balance - 1 >= plan.keep, (step, "reserve")
        record(account, step.lead_id, step.channel, step.at)
    planned = [step.lead_id for step in plan.steps] + [item.lead_id for item in plan.unreachable]
    assert sorted(planned) == sorted(by_id), "every lead exactly once"


def record(account: Account, lead_id: str, channel: PlanChannel, at: datetime) -> None:
    match channel:
        case PlanChannel.MESSAGE:
            account.record_message(lead_id, at=at)
        case PlanChannel.OPEN_PROFILE | PlanChannel.INMAIL:
            account.record_inmail(lead_id, open_profile=channel is PlanChannel.OPEN_PROFILE, at=at)
        case PlanChannel.INVITATION | PlanChannel.INVITATION_NOTE:
            account.record_invite(lead_id, note=channel is PlanChannel.INVITATION_NOTE, at=at)
