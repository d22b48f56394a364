"""The sent list: every send with its status, its 90-day credit-back window and whether a credit came
back; and what is due (follow-ups, windows closing). Pure: it folds the events and the replay's answers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from limits.events import DAY_US, Action, CreditBack, EventKind, from_us, iso, to_us
from limits.ledger import Answer


class SendStatus(StrEnum):
    PENDING = "pending"
    REPLIED = "replied"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class SentItem:
    """One send as the Sent list shows it (a dataclass: a long book lists tens of thousands)."""

    event_id: int
    key: str | None  # the app records a draft under its id: the link to its subject and text
    lead_id: str
    channel: Action  # message, invite, invite_note, inmail (paid), open_profile (free InMail)
    credits: int  # what it took from the book (0 when free, or when the book showed no credit)
    sent_at: datetime
    status: SendStatus
    answered_at: datetime | None = None
    window_ends_at: datetime | None = None  # paid InMails: the end of the 90-day credit-back window
    days_left: int | None = None  # pending paid InMails: whole days left in that window (0: closed)
    credit_back: bool = False
    credit_back_reason: CreditBack | None = None  # answered paid InMails: why it came back or not

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "key": self.key,
            "lead_id": self.lead_id,
            "channel": self.channel.value,
            "credits": self.credits,
            "sent_at": iso(self.sent_at),
            "status": self.status.value,
            "answered_at": iso(self.answered_at),
            "window_ends_at": iso(self.window_ends_at),
            "days_left": self.days_left,
            "credit_back": self.credit_back,
            "credit_back_reason": self.credit_back_reason.value if self.credit_back_reason else None,
        }


class Due(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    follow_ups: list[SentItem]  # the latest send to each person, unanswered for follow_up_days or more
    closing: list[SentItem]  # pending paid InMails whose credit-back window closes within closing_days

    def to_json(self) -> dict[str, Any]:
        return {
            "at": iso(self.at),
            "follow_ups": [item.to_json() for item in self.follow_ups],
            "closing": [item.to_json() for item in self.closing],
        }


class LeadEvent(NamedTuple):
    """An event with a lead, as the store reads it for the sent list."""

    id: int
    kind: str
    at_us: int
    lead_id: str
    action: str | None
    key: str | None
    response: str | None


def sent_items(
    rows: Iterable[tuple],
    answers: dict[int, Answer],
    unfunded: set[int],
    *,
    at: datetime,
    window: timedelta,
) -> list[SentItem]:
    """Every send up to `at`, newest first, from the events with a lead in (at, id) order. `answers` and
    `unfunded` come from an explaining replay of the same book."""
    events = [LeadEvent(*row) for row in rows]
    window_us, at_us = window // timedelta(microseconds=1), to_us(at)
    answer_of: dict[int, LeadEvent] = {}  # send id -> the first response after it
    waiting: dict[str, list[LeadEvent]] = {}
    by_lead: dict[str, list[LeadEvent]] = {}
    for event in events:
        by_lead.setdefault(event.lead_id, []).append(event)
        if event.action is not None:
            waiting.setdefault(event.lead_id, []).append(event)
        elif event.kind == EventKind.RESPONSE:
            for send in waiting.pop(event.lead_id, []):
                answer_of[send.id] = event
    items = []
    for event in events:
        if event.action is None:
            continue
        answer = answer_of.get(event.id)
        paid = event.action == Action.INMAIL
        funded = paid and event.id not in unfunded
        item: dict[str, Any] = {
            "event_id": event.id,
            "key": event.key,
            "lead_id": event.lead_id,
            "channel": Action(event.action),
            "credits": 1 if funded else 0,
            "sent_at": from_us(event.at_us),
            "status": SendStatus.PENDING if answer is None else SendStatus(answer.response or "replied"),
            "answered_at": from_us(answer.at_us) if answer else None,
            "window_ends_at": None,
            "days_left": None,
            "credit_back": False,
            "credit_back_reason": None,
        }
        if paid:
            item["window_ends_at"] = from_us(event.at_us + window_us)
            if answer is None:
                item["days_left"] = max(0, math.ceil((event.at_us + window_us - at_us) / DAY_US))
            else:
                outcome = answers.get(answer.id)
                returned = (
                    funded
                    and outcome is not None
                    and outcome.outcome is CreditBack.RETURNED
                    and outcome.sends[-1:] == (event.at_us,)
                )
                item["credit_back"] = returned
                if returned:
                    item["credit_back_reason"] = CreditBack.RETURNED
                elif answer.at_us - event.at_us > window_us:
                    item["credit_back_reason"] = CreditBack.OUTSIDE_WINDOW
                elif funded and outcome is not None and outcome.outcome is not CreditBack.RETURNED:
                    item["credit_back_reason"] = outcome.outcome
                else:
                    item["credit_back_reason"] = CreditBack.NOT_PENDING
        items.append(SentItem(**item))
    return items[::-1]


def due(items: list[SentItem], *, at: datetime, follow_up_days: int, closing_days: int) -> Due:
    latest: dict[str, SentItem] = {}
    for item in items:  # newest first: the first seen per person is their latest send
        latest.setdefault(item.lead_id, item)
    follow_ups = [
        item
        for item in latest.values()
        if item.status is SendStatus.PENDING and at - item.sent_at >= timedelta(days=follow_up_days)
    ]
    closing = [
        item
        for item in items
        if item.status is SendStatus.PENDING
        and item.credits
        and item.window_ends_at is not None
        and at < item.window_ends_at <= at + timedelta(days=closing_days)
    ]
    closing.sort(key=lambda item: item.window_ends_at or at)
    return Due(at=at, follow_ups=follow_ups[::-1], closing=closing)


def refine(outcome: CreditBack, rows: list[tuple], response_at: datetime, window: timedelta) -> CreditBack:
    """Why a response brought nothing back, from that person's events before it (LeadEvent tuples, oldest
    first)."""
    if outcome is not CreditBack.NOT_PENDING:
        return outcome
    until = to_us(response_at)
    since = [LeadEvent(*row) for row in rows if row[2] <= until]
    last_answer = max((i for i, e in enumerate(since) if e.kind == EventKind.RESPONSE), default=-1)
    inmails = [e for e in since[last_answer + 1 :] if e.kind == EventKind.INMAIL]
    if not any(e.kind == EventKind.INMAIL for e in since):
        return CreditBack.NO_INMAIL
    paid = [e for e in inmails if e.action == Action.INMAIL]
    if inmails and not paid:
        return CreditBack.OPEN_PROFILE
    if paid and until - paid[-1].at_us > window // timedelta(microseconds=1):
        return CreditBack.OUTSIDE_WINDOW
    return CreditBack.NOT_PENDING
