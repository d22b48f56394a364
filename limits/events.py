"""The ledger's append-only events, and the closed sets they use."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, assert_never

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class EventKind(StrEnum):
    PLAN_SET = "plan_set"
    INMAIL = "inmail"
    MESSAGE = "message"
    INVITE = "invite"
    WITHDRAW = "withdraw"
    RESPONSE = "response"
    SYNC = "sync"
    PURCHASE = "purchase"


class ResponseKind(StrEnum):
    REPLIED = "replied"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class CreditBack(StrEnum):
    """Whether a response brought an InMail's credit back, and if not, why not."""

    RETURNED = "returned"  # a paid InMail answered within 90 days (a full bank too)
    OUTSIDE_WINDOW = "outside_window"  # answered more than 90 days after it was sent
    OPEN_PROFILE = "open_profile"  # the InMail was free: there was no credit to return
    NO_INMAIL = "no_inmail"  # an answer to an invitation or a message: no InMail to that person
    NOT_PENDING = "not_pending"  # already answered, sent with no credit in the book, or before a plan change


class Action(StrEnum):
    """What the reported caps count; an event is at most one action."""

    MESSAGE = "message"
    INVITE = "invite"
    INVITE_NOTE = "invite_note"  # an invitation with a personalised note
    INMAIL = "inmail"  # a paid InMail
    OPEN_PROFILE = "open_profile"  # a free InMail to an Open Profile member


# Per kind: the optional fields it may carry, and the ones it must.
KIND_FIELDS: dict[EventKind, tuple[frozenset[str], frozenset[str]]] = {
    EventKind.PLAN_SET: (frozenset({"cycle_day", "credits"}), frozenset({"plan", "start"})),
    EventKind.INMAIL: (frozenset({"open_profile"}), frozenset({"lead_id"})),
    EventKind.MESSAGE: (frozenset(), frozenset({"lead_id"})),
    EventKind.INVITE: (frozenset({"note"}), frozenset({"lead_id"})),
    EventKind.WITHDRAW: (frozenset(), frozenset({"lead_id"})),
    EventKind.RESPONSE: (frozenset(), frozenset({"lead_id", "response"})),
    EventKind.SYNC: (frozenset(), frozenset({"credits"})),
    EventKind.PURCHASE: (frozenset(), frozenset({"credits"})),
}
_KIND_SPECIFIC = ("lead_id", "open_profile", "note", "response", "credits", "plan", "start", "cycle_day")


class Event(BaseModel):
    """One thing that happened. Only the fields of its kind are set."""

    model_config = ConfigDict(frozen=True)

    id: int | None = None
    kind: EventKind
    at: datetime
    key: str | None = None
    lead_id: str | None = None
    open_profile: bool | None = None  # inmail
    note: bool | None = None  # invite
    response: ResponseKind | None = None  # response
    credits: int | None = None  # sync (the balance LinkedIn shows), purchase, plan_set (starting balance)
    plan: str | None = None  # plan_set
    start: datetime | None = None  # plan_set
    cycle_day: int | None = None  # plan_set

    @field_validator("at", "start")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else as_utc(value)

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Event:
        # One model with optional fields, checked per kind: the store keeps one row shape, and a wrong
        # field (credits on an InMail, no person on a response) fails here, not in a replay much later.
        allowed, required = KIND_FIELDS[self.kind]
        given = {name for name in _KIND_SPECIFIC if getattr(self, name) is not None}
        if extra := sorted(given - allowed - required):
            raise ValueError(f"{self.kind} events have no {', '.join(extra)}")
        if missing := sorted(required - given):
            raise ValueError(f"{self.kind} events need {', '.join(missing)}")
        return self

    @property
    def action(self) -> Action | None:
        match self.kind:
            case EventKind.INMAIL:
                return Action.OPEN_PROFILE if self.open_profile else Action.INMAIL
            case EventKind.MESSAGE:
                return Action.MESSAGE
            case EventKind.INVITE:
                return Action.INVITE_NOTE if self.note else Action.INVITE
            case (
                EventKind.PLAN_SET
                | EventKind.WITHDRAW
                | EventKind.RESPONSE
                | EventKind.SYNC
                | EventKind.PURCHASE
            ):
                return None
            case _ as unreachable:
                assert_never(unreachable)

    def detail(self) -> dict[str, Any]:
        """The JSON the store keeps for this event (everything but the id)."""
        return self.model_dump(mode="json", exclude={"id"}, exclude_none=True)

    def row(self, event_id: int) -> Row:
        """The event as the store's columns: what a replay reads."""
        detail = json.dumps(self.detail(), separators=(",", ":"))
        return Row(event_id, self.kind, to_us(self.at), self.lead_id, self.action, self.credits, detail)


class Row(NamedTuple):
    """An event as stored: the columns a replay and the caps read, plus the event's full JSON."""

    id: int
    kind: str
    at_us: int
    lead_id: str | None
    action: str | None
    amount: int | None
    detail: str


def as_utc(value: datetime) -> datetime:
    """Naive instants are taken as UTC; aware ones are converted to UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_us(value: datetime) -> int:
    """Microseconds since the epoch: the store's sortable, exact time column."""
    delta = as_utc(value) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def iso(value: datetime | None) -> str | None:
    """The one JSON format for instants: UTC with a Z (microseconds only when there are some)."""
    return None if value is None else as_utc(value).isoformat().replace("+00:00", "Z")


def from_us(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


DAY_US = 86_400 * 1_000_000
