"""What a check returns: the verdict, its reasons with sources, and the alternatives."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from limits.events import iso


class SendChannel(StrEnum):
    MESSAGE = "message"  # free message to a 1st-degree connection
    OPEN_PROFILE = "open_profile"  # free InMail to an Open Profile member
    INMAIL = "inmail"  # one credit
    CONNECTION_REQUEST = "connection_request"  # an invitation, with or without a note


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    message: str
    source: str


class Alternative(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: SendChannel
    credits: int
    message: str
    note_chars: int | None = None  # connection request only
    notes_left_this_month: int | None = None  # connection request only; None = no monthly limit

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "channel": self.channel.value,
            "credits": self.credits,
            "message": self.message,
        }
        if self.channel is SendChannel.CONNECTION_REQUEST:
            data |= {"note_chars": self.note_chars, "notes_left_this_month": self.notes_left_this_month}
        return data


class Verdict(BaseModel):
    model_config = ConfigDict(frozen=True)

    allowed: bool
    channel: SendChannel | None
    credits: int
    reasons: list[Reason]
    warnings: list[Reason]
    next_allowed_at: datetime | None
    alternatives: list[Alternative]

    def to_json(self) -> dict[str, Any]:
        """The shape of `inmail check --json` (DESIGN section 5)."""
        return {
            "allowed": self.allowed,
            "channel": self.channel.value if self.channel else None,
            "credits": self.credits,
            "reasons": [r.model_dump(mode="json") for r in self.reasons],
            "warnings": [w.model_dump(mode="json") for w in self.warnings],
            "next_allowed_at": iso(self.next_allowed_at),
            "alternatives": [a.to_json() for a in self.alternatives],
        }
