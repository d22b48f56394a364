"""Errors the user can fix, shown as one sentence with `st.error`, in the app's words (not the CLI's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

import streamlit as st

from inmail.sending import SendKind
from limits import Note, NoteKind
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.sending import SendOutcome

SENT_AS = {
    SendKind.MESSAGE: "a free message to a 1st-degree connection",
    SendKind.OPEN_PROFILE: "a free Open Profile InMail",
    SendKind.INMAIL: "an InMail (1 credit)",
    SendKind.INVITE_NOTE: "a connection request with a note",
}
NO_PLAN = "No LinkedIn plan is set yet: choose yours on the Settings page to see credits and limits."
CHANNEL_NAMES = {"inmail": "an InMail", "connection_note": "a connection note", "follow_up": "a follow-up"}


def sentence(text: str) -> str:
    """One sentence: first letter up, a full stop at the end, never more than one line."""
    text = " ".join(str(text).split())
    if not text:
        return "Something went wrong."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def message(exc: Exception) -> str:
    """The error in the page's words: from the error's data, with what to do here (never a CLI flag)."""
    from composer import ChannelRefused
    from inmail.errors import DataDirError, FileError, FileProblem, NoLeadIdError
    from inmail.leads import LeadImportError
    from inmail.sending import NotSendableError
    from limits import NotInitialisedError
    from limits.errors import UnknownFigureError

    match exc:
        case NotInitialisedError():
            return NO_PLAN
        case UnknownFigureError():
            return f"There is no figure {exc.key!r}: pick one from the list on the Limits page."
        case ChannelRefused():
            instead = CHANNEL_NAMES.get(exc.instead, exc.instead)
            return f"{exc.lead_name} does not accept InMail: write {instead} instead."
        case NotSendableError():
            why = exc.reason.message.rstrip(".") if exc.reason else "no channel reaches them"
            return (
                f"LinkedIn would not deliver this message ({why}); nothing was recorded. "
                "Before you write lists the other ways to reach them."
            )
        case NoLeadIdError():
            return "Add the lead's profile URL (the id) on the Lead tab first."
        case FileError() if exc.problem is FileProblem.UNWRITABLE:
            return sentence(f"{exc}") + " Check that the data directory is writable, then try again."
        case FileError():
            return sentence(f"{exc}") + " Fix the file or delete it, then reload the page."
        case LeadImportError():
            return sentence(f"{exc}") + " Nothing was saved."
        case DataDirError():
            return sentence(f"{exc}") + " Point INMAIL_DATA_DIR at a folder and restart the app."
    return sentence(str(exc))


def note_text(note: Note) -> str:
    """A note on the book, with what to do said the page's way."""
    match note.kind:
        case NoteKind.UNFUNDED:
            return f"{note.text}: enter what LinkedIn shows under Reconcile with LinkedIn on the Limits page."
        case NoteKind.SEAT_ALLOTMENT:
            return f"{note.text}: enter yours as the figure {note.figure} at the foot of the Limits page."
        case _ as unreachable:
            assert_never(unreachable)


def sent(outcome: SendOutcome) -> str:
    """What "Mark as sent" did, for the draft card."""
    when = outcome.at.astimezone().strftime("%d %b %H:%M")
    if not outcome.first_time:
        return f"Already recorded on {when} (nothing new). Balance {outcome.balance} credit(s)."
    return f"Recorded: {SENT_AS[outcome.kind]}, sent {when}. Balance now {outcome.balance} credit(s)."


def show(exc: Exception) -> None:
    st.error(md_escape(message(exc)), icon=":material/error:")


def notify(slot: str, kind: str, text: str) -> None:
    """Leave a message for the next run to show (callbacks run before the page draws)."""
    st.session_state[f"notice.{slot}"] = (kind, text)


def show_notice(slot: str) -> None:
    """Show, once, what `notify` left in `slot`."""
    if notice := st.session_state.pop(f"notice.{slot}", None):
        kind, text = notice
        if kind == "error":
            st.error(md_escape(text), icon=":material/error:")
        else:
            st.success(md_escape(text), icon=":material/check_circle:")
