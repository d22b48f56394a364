"""What a send plan is made of: its steps, the leads it cannot reach, and the book it is planned against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from limits.catalog import Catalog
from limits.events import Action, Event, iso
from limits.ledger import Ledger

MAX_PLAN_DAYS = 365  # a year ahead: renewals and caps further out are guesswork


class PlanChannel(StrEnum):
    """How a step reaches its lead (the plan's own words: an invitation with or without a note)."""

    MESSAGE = "message"  # free message to a 1st-degree connection
    OPEN_PROFILE = "open_profile"  # free InMail to an Open Profile member
    INMAIL = "inmail"  # one credit
    INVITATION = "invitation"  # connection request without a note
    INVITATION_NOTE = "invitation_note"  # connection request with a personalised note

    @property
    def action(self) -> Action:
        """The ledger action that records this step."""
        return _ACTIONS[self]

    @property
    def credits(self) -> int:
        return 1 if self is PlanChannel.INMAIL else 0


_ACTIONS = {
    PlanChannel.MESSAGE: Action.MESSAGE,
    PlanChannel.OPEN_PROFILE: Action.OPEN_PROFILE,
    PlanChannel.INMAIL: Action.INMAIL,
    PlanChannel.INVITATION: Action.INVITE,
    PlanChannel.INVITATION_NOTE: Action.INVITE_NOTE,
}


@dataclass(frozen=True)
class PlanStep:
    lead_id: str
    at: datetime
    channel: PlanChannel
    credits: int

    def to_json(self) -> dict[str, Any]:
        at, channel = iso(self.at), self.channel.value
        return {"lead_id": self.lead_id, "at": at, "channel": channel, "credits": self.credits}


@dataclass(frozen=True)
class Unreachable:
    lead_id: str
    why: str  # one plain sentence

    def to_json(self) -> dict[str, Any]:
        return {"lead_id": self.lead_id, "why": self.why}


@dataclass(frozen=True)
class SendPlan:
    """Advice: nothing is sent and nothing is written. Steps in time order; every lead once, in `steps` or
    in `unreachable`."""

    start: datetime
    days: int
    keep: int
    steps: tuple[PlanStep, ...]
    unreachable: tuple[Unreachable, ...]

    @property
    def credits(self) -> int:
        return sum(step.credits for step in self.steps)

    def to_json(self) -> dict[str, Any]:
        """The shape of `inmail plan --json` (DESIGN section 5)."""
        return {
            "start": iso(self.start),
            "days": self.days,
            "steps": [step.to_json() for step in self.steps],
            "unreachable": [item.to_json() for item in self.unreachable],
        }


@dataclass(frozen=True)
class PlanBook:
    """The book as the planner needs it, read by the caller: the figures, the credit ledger replayed to the
    plan's start (the planner works on a copy), and the recorded events (caps and each lead's history)."""

    catalog: Catalog
    ledger: Ledger
    events: Sequence[Event]
