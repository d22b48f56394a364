"""Which ledger event a sent draft becomes.

The draft's channel says what kind of message it is (an InMail, a connection note, a follow-up); for an
InMail or a follow-up the limits verdict says how it travels (a free message to a 1st-degree connection,
a free Open Profile InMail, or a paid InMail). The draft id is the idempotency key.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from pydantic import BaseModel

from composer import DraftChannel
from inmail.errors import WorkspaceError

if TYPE_CHECKING:
    from limits import Account, Event, Reason, Recorded, Verdict


class SendKind(StrEnum):
    MESSAGE = "message"  # a free message to a 1st-degree connection
    OPEN_PROFILE = "open_profile"  # a free InMail to an Open Profile member
    INMAIL = "inmail"  # a paid InMail (one credit)
    INVITE_NOTE = "invite_note"  # a connection request with a note


class NotSendableError(WorkspaceError):
    """LinkedIn would not deliver this draft to this lead; nothing was recorded. `reason` says why."""

    def __init__(self, *, draft_id: str, lead_id: str, reason: Reason | None) -> None:
        self.draft_id, self.lead_id, self.reason = draft_id, lead_id, reason
        why = reason.message.rstrip(".") if reason else "the limits found no way to reach them"
        super().__init__(f"LinkedIn would not deliver this message ({why}); nothing was recorded")


class SendOutcome(BaseModel):
    """What "mark as sent" did. `first_time` False: the draft had been recorded before, nothing new."""

    kind: SendKind
    draft_id: str
    lead_id: str
    event_id: int | None
    first_time: bool
    at: datetime  # when the (first) send happened
    balance: int  # InMail credits left after it


def send_kind(channel: DraftChannel, verdict: Verdict | None, *, draft_id: str, lead_id: str) -> SendKind:
    """The ledger event for a draft on `channel`, given the limits verdict for its recipient."""
    from limits import SendChannel

    match channel:
        case DraftChannel.CONNECTION_NOTE:
            return SendKind.INVITE_NOTE
        case DraftChannel.INMAIL | DraftChannel.FOLLOW_UP:
            pass
        case _ as unreachable:
            assert_never(unreachable)
    if verdict is None or verdict.channel is None:
        reason = verdict.reasons[0] if verdict and verdict.reasons else None
        raise NotSendableError(draft_id=draft_id, lead_id=lead_id, reason=reason)
    match verdict.channel:
        case SendChannel.MESSAGE:
            return SendKind.MESSAGE
        case SendChannel.OPEN_PROFILE:
            return SendKind.OPEN_PROFILE
        case SendChannel.INMAIL:
            return SendKind.INMAIL
        case SendChannel.CONNECTION_REQUEST:
            return SendKind.INVITE_NOTE
        case _ as other:
            assert_never(other)


def kind_of(event: Event) -> SendKind | None:
    """The send an event records (None for events that are not sends)."""
    from limits import EventKind

    match event.kind:
        case EventKind.INMAIL:
            return SendKind.OPEN_PROFILE if event.open_profile else SendKind.INMAIL
        case EventKind.MESSAGE:
            return SendKind.MESSAGE
        case EventKind.INVITE:
            return SendKind.INVITE_NOTE
        case _:
            return None


def record(account: Account, kind: SendKind, *, lead_id: str, draft_id: str, at: datetime) -> Recorded:
    """Record the send in the ledger under the draft id (a repeated key returns the first event)."""
    match kind:
        case SendKind.MESSAGE:
            return account.record_message(lead_id, at=at, key=draft_id)
        case SendKind.OPEN_PROFILE:
            return account.record_inmail(lead_id, open_profile=True, at=at, key=draft_id)
        case SendKind.INMAIL:
            return account.record_inmail(lead_id, open_profile=False, at=at, key=draft_id)
        case SendKind.INVITE_NOTE:
            return account.record_invite(lead_id, note=True, at=at, key=draft_id)
        case _ as unreachable:
            assert_never(unreachable)
