"""The Sent list and responses, for the app's Sent page: every send with its status and credit-back window.

The names follow the ledger's own sent list (`limits.sent.SentItem`, `Account.sent(at=)`), which is
being added to `limits`; until it lands, `sent_items` folds the same answer from `Account.events()`.
Switching over is this module only: `sent_items` becomes `account.sent(at=at)`.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from limits import Account, Event, EventKind, ResponseKind

DAY = timedelta(days=1)


class SendStatus(StrEnum):
    PENDING = "pending"
    REPLIED = "replied"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class SentItem(BaseModel):
    """One send: what it was, what it cost, whether they answered, and its 90-day credit-back window."""

    model_config = ConfigDict(frozen=True)

    event_id: int
    key: str | None  # the app records a draft under its id: the link to its subject and text
    lead_id: str
    channel: str  # message, invite, invite_note, inmail (paid), open_profile (free InMail)
    credits: int
    sent_at: datetime
    status: SendStatus
    answered_at: datetime | None = None
    window_ends_at: datetime | None = None  # paid InMails: the end of the credit-back window
    days_left: int | None = None  # pending paid InMails: whole days left in that window (0: closed)
    credit_back: bool = False


_SENDS = (EventKind.INMAIL, EventKind.MESSAGE, EventKind.INVITE)


def sent_items(account: Account, *, at: datetime) -> list[SentItem]:
    """Every send up to `at`, newest first."""
    window = account.catalog().days("credits.refund_window_days")
    events = sorted((e for e in account.events() if e.at <= at), key=lambda e: (e.at, e.id or 0))
    answers: dict[str, list[Event]] = {}
    for event in events:
        if event.kind is EventKind.RESPONSE and event.lead_id:
            answers.setdefault(event.lead_id, []).append(event)
    items = []
    for event in events:
        if event.kind not in _SENDS or not event.lead_id or event.id is None or event.action is None:
            continue
        answer = next(
            (r for r in answers.get(event.lead_id, []) if (r.at, r.id or 0) > (event.at, event.id)), None
        )
        paid = event.kind is EventKind.INMAIL and not event.open_profile
        status = SendStatus.PENDING if answer is None else SendStatus(answer.response or ResponseKind.REPLIED)
        ends = event.at + window if paid else None
        days_left = None
        if ends is not None and answer is None:
            days_left = max(0, math.ceil((ends - at) / DAY))
        back = ends is not None and answer is not None and answer.at <= ends
        items.append(
            SentItem(
                event_id=event.id,
                key=event.key,
                lead_id=event.lead_id,
                channel=event.action.value,
                credits=1 if paid else 0,
                sent_at=event.at,
                status=status,
                answered_at=answer.at if answer else None,
                window_ends_at=ends,
                days_left=days_left,
                credit_back=back,
            )
        )
    return items[::-1]


class ResponseOutcome(BaseModel):
    """What recording a response did. `first_time` False: it was recorded before, nothing new."""

    event_id: int
    lead_id: str
    kind: ResponseKind
    first_time: bool
    credit_back: bool  # an InMail credit came back (the balance went up by it)
    balance: int
    at: datetime


def response_key(item: SentItem) -> str:
    """One response per send: a second click (or another kind) for the same send records nothing."""
    return f"response:{item.key or item.event_id}"


def record_response(account: Account, item: SentItem, kind: ResponseKind, *, at: datetime) -> ResponseOutcome:
    """Record that the lead of `item` answered; idempotent per send."""
    key = response_key(item)
    earlier = next((e for e in account.store.events(lead_id=item.lead_id) if e.key == key), None)
    if earlier is not None:
        balance = account.status(at=at).balance
        return ResponseOutcome(
            event_id=earlier.id or 0,
            lead_id=item.lead_id,
            kind=earlier.response or kind,
            first_time=False,
            credit_back=False,
            balance=balance,
            at=earlier.at,
        )
    before = account.status(at=at).balance
    event = account.record_response(item.lead_id, kind=kind, at=at, key=key)
    after = account.status(at=at).balance
    return ResponseOutcome(
        event_id=event.id or 0,
        lead_id=item.lead_id,
        kind=kind,
        first_time=True,
        credit_back=after > before,
        balance=after,
        at=event.at,
    )
