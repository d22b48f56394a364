""" "Mark as sent": which ledger event a draft becomes, recorded once under the draft's id.

The draft's channel says what kind of message it is (an InMail, a connection note, a follow-up); for an
InMail or follow-up the limits verdict says how it travels (a free message to a 1st-degree connection, a
free Open Profile InMail, or a paid InMail). The draft id is the idempotency key, so a double click, a
second tab or a rerun records one event. `mark_draft_sent` is the one action Compose and Chat both call.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from pydantic import BaseModel

from ui import history

if TYPE_CHECKING:
    from composer import Channel as DraftChannel
    from composer import Draft
    from limits import Account, Event, Verdict


class SendKind(StrEnum):
    MESSAGE = "message"
    OPEN_PROFILE = "open_profile"
    INMAIL = "inmail"
    INVITE_NOTE = "invite_note"

    @property
    def label(self) -> str:
        match self:
            case SendKind.MESSAGE:
                return "a free message to a 1st-degree connection"
            case SendKind.OPEN_PROFILE:
                return "a free Open Profile InMail"
            case SendKind.INMAIL:
                return "an InMail (1 credit)"
            case SendKind.INVITE_NOTE:
                return "a connection request with a note"
            case _ as unreachable:
                assert_never(unreachable)


class NotSendable(ValueError):
    """LinkedIn would not deliver this draft to this person; the message says why, in one sentence."""


class Sent(BaseModel):
    kind: SendKind
    event_id: int | None
    first_time: bool  # False: this draft had been marked before, nothing new was recorded
    at: datetime  # when the (first) send was recorded


def send_kind(channel: DraftChannel, verdict: Verdict | None) -> SendKind:
    """The ledger event for a draft on `channel`, given the limits verdict for its recipient."""
    from composer import Channel as DraftChannel
    from limits import Channel

    match channel:
        case DraftChannel.CONNECTION_NOTE:
            return SendKind.INVITE_NOTE
        case DraftChannel.INMAIL | DraftChannel.FOLLOW_UP:
            pass
        case _ as unreachable:
            assert_never(unreachable)
    if verdict is None or verdict.channel is None:
        why = (
            verdict.reasons[0].message
            if verdict and verdict.reasons
            else "the limits found no way to reach them"
        )
        raise NotSendable(
            f"LinkedIn would not deliver this message ({why.rstrip('.')}); nothing was recorded."
        )
    match verdict.channel:
        case Channel.MESSAGE:
            return SendKind.MESSAGE
        case Channel.OPEN_PROFILE:
            return SendKind.OPEN_PROFILE
        case Channel.INMAIL:
            return SendKind.INMAIL
        case Channel.CONNECTION_REQUEST:
            return SendKind.INVITE_NOTE
        case _ as unreachable:
            assert_never(unreachable)


def record(account: Account, kind: SendKind, *, lead_id: str, draft_id: str, at: datetime) -> Sent:
    """Record the send in the ledger under the draft id; a repeat returns the first record."""
    event: Event
    match kind:
        case SendKind.MESSAGE:
            event = account.record_message(lead_id, at=at, key=draft_id)
        case SendKind.OPEN_PROFILE:
            event = account.record_inmail(lead_id, open_profile=True, at=at, key=draft_id)
        case SendKind.INMAIL:
            event = account.record_inmail(lead_id, open_profile=False, at=at, key=draft_id)
        case SendKind.INVITE_NOTE:
            event = account.record_invite(lead_id, note=True, at=at, key=draft_id)
        case _ as unreachable:
            assert_never(unreachable)
    return Sent(kind=kind, event_id=event.id, first_time=event.at == at, at=event.at)


def _earlier_send(account: Account, draft: Draft) -> Sent | None:
    """The ledger's record of this draft, if any (a scan, so only after the verdict said no)."""
    for event in account.events():
        if event.key == draft.id:
            return Sent(kind=SendKind.INMAIL, event_id=event.id, first_time=False, at=event.at)
    return None


def mark_draft_sent(
    account: Account,
    draft: Draft,
    lead: Mapping[str, Any],
    *,
    subject: str | None,
    body: str,
    data_dir: Path,
    at: datetime,
) -> str:
    """Record that `draft` went to `lead`, once under the draft's id, and say so in one sentence.

    `subject` and `body` are the text as the user edited it: the draft history keeps what was really sent.
    Raises `NotSendable` when LinkedIn would not deliver it (nothing is recorded then).
    """
    from limits import Recipient

    verdict = None
    if draft.channel.value != "connection_note":
        verdict = account.check(Recipient.from_lead(lead), at=at)
    try:
        kind = send_kind(draft.channel, verdict)
    except NotSendable:
        # Sending this very draft is what blocks a second InMail: say it is recorded, not that it can't go.
        if (earlier := _earlier_send(account, draft)) is None:
            raise
        return f"Already recorded on {earlier.at.astimezone():%d %b %H:%M} (nothing new)."
    lead_id = str(lead.get("id") or "").strip()
    sent = record(account, kind, lead_id=lead_id, draft_id=draft.id, at=at)
    if sent.first_time:
        history.record_sent(data_dir, lead_id=lead_id, draft_id=draft.id, subject=subject, body=body, at=at)
    balance = account.status(at=at).balance
    when = sent.at.astimezone().strftime("%d %b %H:%M")
    prefix = "Recorded" if sent.first_time else "Already recorded (nothing new)"
    return f"{prefix}: {kind.label}, sent {when}. Balance now {balance} credit(s)."
