"""The connection request every verdict offers as an alternative: note length, notes left, and blocks."""

from __future__ import annotations

from datetime import datetime

from limits.caps import CapReading
from limits.catalog import Catalog, Plan
from limits.eligibility.history import LeadHistory
from limits.eligibility.verdict import Alternative, SendChannel
from limits.events import Action
from limits.recipient import Recipient


def connection_request(
    catalog: Catalog,
    plan: Plan,
    recipient: Recipient,
    history: LeadHistory,
    caps: dict[str, CapReading],
    *,
    at: datetime,
) -> Alternative:
    note_chars = int(plan.note_chars.value)
    notes = [r for r in caps.values() if r.counts == {Action.INVITE_NOTE}]
    notes_left = min((max(0, r.limit - r.used) for r in notes), default=None)
    return Alternative(
        channel=SendChannel.CONNECTION_REQUEST,
        credits=0,
        message=_message(
            catalog, recipient, history, caps, at=at, note_chars=note_chars, notes_left=notes_left
        ),
        note_chars=note_chars,
        notes_left_this_month=notes_left,
    )


def _message(
    catalog: Catalog,
    recipient: Recipient,
    history: LeadHistory,
    caps: dict[str, CapReading],
    *,
    at: datetime,
    note_chars: int,
    notes_left: int | None,
) -> str:
    if recipient.degree == 1:
        return "Already connected: no invitation needed."
    block_days = catalog.days("invitations.reinvite_block_days")
    if history.last_withdraw_at and at < history.last_withdraw_at + block_days:
        until = (history.last_withdraw_at + block_days).strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"You withdrew an invitation on {history.last_withdraw_at:%Y-%m-%d}: LinkedIn blocks a new one "
            f"to the same person until {until} ({catalog.figure('invitations.reinvite_block_days').cite()})."
        )
    if history.invite_pending and history.last_invite_at:
        sent = f"{history.last_invite_at:%Y-%m-%d}"
        return f"Your invitation of {sent} is still pending: wait for an answer, or withdraw it."
    block = catalog.number("thresholds.block")
    for reading in caps.values():
        if Action.INVITE in reading.counts and reading.full(block):
            when = f" until {reading.release_at:%Y-%m-%d %H:%M UTC}" if reading.release_at else ""
            used = f"{reading.used} of {reading.limit}"
            return f"{reading.title} is full ({used}){when}; source: {reading.source}."
    if notes_left is None:
        notes = "no monthly limit on personalised notes"
    elif notes_left == 0:
        notes = "no personalised note left this month: send it without a note"
    else:
        notes = f"{notes_left} personalised note(s) left this month"
    return f"Send a free connection request with a note of up to {note_chars} characters ({notes})."
