"""The account at an instant: plan, balance, lots and when they expire, next renewal, caps used."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from limits.catalog import Window
from limits.events import iso
from limits.lots import LotKind


class LotView(BaseModel):
    model_config = ConfigDict(frozen=True)

    credits: int
    granted_at: datetime
    expires_at: datetime | None  # None: purchased credits never expire
    kind: LotKind


class CapUse(BaseModel):
    model_config = ConfigDict(frozen=True)

    used: int
    limit: int
    window: Window
    title: str = ""
    source: str = ""


class NoteKind(StrEnum):
    """What a note asks the user to do; each front end says it its own way."""

    UNFUNDED = "unfunded"  # InMails recorded with no credit in the book: reconcile with LinkedIn's number
    SEAT_ALLOTMENT = "seat_allotment"  # a per-seat plan whose allotment the user has not entered


class Note(BaseModel):
    """A note on the book: a neutral sentence of what is so, and the data a front end needs to say what
    to do about it."""

    model_config = ConfigDict(frozen=True)

    kind: NoteKind
    text: str  # what is so, with no instruction ("2 InMail(s) recorded with no credit in the book")
    count: int = 0  # UNFUNDED: how many InMails
    figure: str = ""  # SEAT_ALLOTMENT: the figure to override, e.g. plans.recruiter.credits_per_month

    def __str__(self) -> str:
        return self.text


class ScheduledPlan(BaseModel):
    """A plan set to start after the status's instant: the change of plan ahead."""

    model_config = ConfigDict(frozen=True)

    plan: str
    plan_name: str
    start: datetime


class Status(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan: str
    balance: int
    lots: list[LotView]  # spending order: the next credit spent comes from the first lot
    next_renewal_at: datetime | None
    caps: dict[str, CapUse]
    # For people, not for the JSON contract:
    at: datetime
    plan_name: str = ""
    bank_cap: int = 0
    notes: list[Note] = []
    unfunded: int = 0  # paid InMails recorded when the book showed no credit: a sync would settle them
    since: datetime | None = None  # when the plan in force started
    scheduled: list[ScheduledPlan] = []  # plans set to start later, soonest first

    def to_json(self) -> dict[str, Any]:
        """The shape of `inmail ledger status --json` (DESIGN section 5)."""
        return {
            "plan": self.plan,
            "balance": self.balance,
            "lots": [
                {
                    "credits": lot.credits,
                    "granted_at": iso(lot.granted_at),
                    "expires_at": iso(lot.expires_at),
                    "kind": lot.kind.value,
                }
                for lot in self.lots
            ],
            "next_renewal_at": iso(self.next_renewal_at),
            "caps": {
                name: {"used": c.used, "limit": c.limit, "window": c.window.value}
                for name, c in self.caps.items()
            },
        }
