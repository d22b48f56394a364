"""The limits side of the chat: can I contact this lead, and what is left.

Each function reads the user's ledger (`limits.Account`) and answers in a few short lines. A send is
recorded by the workspace (`Workspace.mark_sent`), the same call Compose and the CLI make.
Figures come with their source, as everywhere in the app.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, assert_never

from inmail.sending import SendKind, SendOutcome
from limits import Account, Note, NoteKind, Recipient, SendChannel, Status, Verdict, next_send_window

SOON = timedelta(days=30)  # lots expiring within this are called out as "use these first"


CHANNELS = {
    SendChannel.MESSAGE: "a free message (you are connected)",
    SendChannel.OPEN_PROFILE: "a free InMail (Open Profile)",
    SendChannel.INMAIL: "an InMail",
    SendChannel.CONNECTION_REQUEST: "a connection request",
}


def describe_channel(channel: SendChannel | None, credits: int) -> str:
    if channel is None:
        return "no channel"
    cost = f" for {credits} credit{'s' if credits != 1 else ''}" if credits else ""
    return CHANNELS[channel] + cost


def check_reply(account: Account, lead: dict[str, Any], *, name: str, at: datetime) -> str:
    """The verdict for the lead in a few lines: yes/no, channel and cost, why, warnings, best time."""
    recipient = Recipient.from_lead(lead)
    verdict = account.check(recipient, at=at)
    balance = account.status(at=at).balance
    lines = [_headline(verdict, name=name, balance=balance)]
    lines += [f"- {r.message} [source: {r.source}]" for r in verdict.reasons]
    lines += [f"- Warning: {w.message} [source: {w.source}]" for w in verdict.warnings]
    if not verdict.allowed and verdict.alternatives:
        lines.append("Instead: " + "; ".join(_alternative(a) for a in verdict.alternatives))
    if verdict.allowed:
        advice = next_send_window(at=at, timezone=recipient.timezone, location=recipient.location)
        lines.append(f"Best time: {advice.reason} [source: {advice.source}]")
    return "\n".join(lines)


def said(note: Note) -> str:
    """A note on the book, with what to do said the chat's way."""
    match note.kind:
        case NoteKind.UNFUNDED:
            return f"{note.text}. Tell the app what LinkedIn shows (Limits page, Reconcile) so I count right."
        case NoteKind.SEAT_ALLOTMENT:
            return f"{note.text}. Put your seat's allotment in as a figure on the Limits page, and ask again."
        case _ as unreachable:
            assert_never(unreachable)


def _headline(verdict: Verdict, *, name: str, balance: int) -> str:
    if verdict.allowed:
        channel = describe_channel(verdict.channel, verdict.credits)
        return f"Yes: {name} can get {channel} (balance {balance})."
    when = f" until {_when(verdict.next_allowed_at)}" if verdict.next_allowed_at else ""
    return f"Not now: {name} cannot be contacted{when}."


def _alternative(alt) -> str:
    text = alt.message
    if alt.channel is SendChannel.CONNECTION_REQUEST and alt.notes_left_this_month is not None:
        text += f" ({alt.notes_left_this_month} personalised notes left this month)"
    return text


def credits_reply(account: Account, *, at: datetime) -> str:
    """Balance, the lots that expire first, next renewal and the caps, in a few lines."""
    status = account.status(at=at)
    lines = [f"Balance: {status.balance} credit{'s' if status.balance != 1 else ''} on {_plan(status)}."]
    expiring = [(lot.credits, lot.expires_at) for lot in status.lots if lot.expires_at and lot.credits > 0]
    if expiring:
        soon = [credits for credits, expires in expiring if expires - at <= SOON]
        shown = ", ".join(f"{credits} on {_day(expires)}" for credits, expires in expiring[:3])
        flag = f" ({sum(soon)} within 30 days: use these first)" if soon else ""
        lines.append(f"Expiring: {shown}{flag}.")
    if status.next_renewal_at:
        lines.append(f"Next renewal: {_day(status.next_renewal_at)}.")
    for change in status.scheduled:
        lines.append(
            f"From {_day(change.start)}: {change.plan_name} "
            f"(the credits of {_plan(status)} are dropped then)."
        )
    caps = [f"{cap.title or name} {cap.used}/{cap.limit}" for name, cap in status.caps.items()]
    if caps:
        lines.append("Caps used: " + "; ".join(caps) + ".")
    lines += [said(note) for note in status.notes]
    return "\n".join(lines)


def _plan(status: Status) -> str:
    return status.plan_name or status.plan


def _day(instant: datetime) -> str:
    return f"{instant:%a %d %b %Y}"


def _when(instant: datetime) -> str:
    return f"{instant:%a %d %b %Y %H:%M} UTC"


SENT_WORDS = {
    SendKind.MESSAGE: "your message (free: you are connected)",
    SendKind.OPEN_PROFILE: "your Open Profile InMail (free)",
    SendKind.INMAIL: "your InMail (one credit)",
    SendKind.INVITE_NOTE: "your connection request and its note",
}


def sent_reply(outcome: SendOutcome, *, name: str) -> str:
    """What /sent did, in a sentence or two."""
    when = _when(outcome.at)
    if not outcome.first_time:
        return (
            f"That draft was already in your book since {when}; nothing new. {outcome.balance} credits left."
        )
    what = SENT_WORDS[outcome.kind]
    return f"Noted {what} to {name} on {when}. You have {outcome.balance} credits left."
