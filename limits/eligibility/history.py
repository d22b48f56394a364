"""What happened between the user and one person, read from that person's events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from limits.events import EventKind, Row, from_us


class LeadHistory(BaseModel):
    model_config = ConfigDict(frozen=True)

    last_inmail_at: datetime | None = None  # paid or Open Profile
    answered: bool = False  # a response came after the last InMail
    last_invite_at: datetime | None = None
    invite_pending: bool = False  # sent, not withdrawn, not answered
    last_withdraw_at: datetime | None = None

    @property
    def awaiting_answer(self) -> bool:
        return self.last_inmail_at is not None and not self.answered


def history_of(rows: Iterable[Row]) -> LeadHistory:
    """Fold one person's events, in (at, id) order, into what the rules need."""
    state: dict = {}
    for row in rows:
        at = from_us(row.at_us)
        match row.kind:
            case EventKind.INMAIL:
                state |= {"last_inmail_at": at, "answered": False}
            case EventKind.INVITE:
                state |= {"last_invite_at": at, "invite_pending": True}
            case EventKind.WITHDRAW:
                state |= {"last_withdraw_at": at, "invite_pending": False}
            case EventKind.RESPONSE:
                state |= {"answered": state.get("last_inmail_at") is not None, "invite_pending": False}
            case _:
                pass  # messages, and account-wide kinds that carry no lead
    return LeadHistory(**state)
