"""Responses from the Sent page: one answer per send, and whether its credit came back.

The list itself is the ledger's (`Account.sent(at=)` -> `limits.SentItem`); this module adds what a click
needs on top of `Account.record_response`: a key per send, so a double click or a second button records
nothing new, and an outcome the page can word.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from limits import Account, CreditBack, ResponseKind, SendStatus, SentItem

__all__ = ["ResponseOutcome", "SendStatus", "SentItem", "record_response", "response_key"]


class ResponseOutcome(BaseModel):
    """What recording a response did. `first_time` False: it was recorded before, nothing new."""

    event_id: int
    lead_id: str
    kind: ResponseKind
    first_time: bool
    credit_back: bool  # an InMail credit came back (the balance went up by it)
    why: CreditBack | None = None  # the ledger's reason it came back, or did not
    balance: int
    at: datetime


def response_key(item: SentItem) -> str:
    """One response per send: a second click (or another kind) for the same send records nothing."""
    return f"response:{item.key or item.event_id}"


def record_response(account: Account, item: SentItem, kind: ResponseKind, *, at: datetime) -> ResponseOutcome:
    """Record that the lead of `item` answered; idempotent per send."""
    key = response_key(item)
    earlier = account.event_by_key(key)
    if earlier is not None:
        return ResponseOutcome(
            event_id=earlier.id or 0,
            lead_id=item.lead_id,
            kind=earlier.response or kind,
            first_time=False,
            credit_back=False,
            balance=account.status(at=at).balance,
            at=earlier.at,
        )
    recorded = account.record_response(item.lead_id, kind=kind, at=at, key=key)
    return ResponseOutcome(
        event_id=recorded.id or 0,
        lead_id=item.lead_id,
        kind=kind,
        first_time=True,
        credit_back=recorded.credit_back is CreditBack.RETURNED,
        why=recorded.credit_back,
        balance=account.status(at=at).balance,
        at=recorded.at,
    )
