"""Sent page: every send in the book with its channel, credits, date, draft subject and status, the days
left in a paid InMail's 90-day credit-back window, and buttons to record the answer (once per send); the
credit that comes back is said, and shows on the Limits page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_never

import streamlit as st

from ui import due, feedback, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.sent_list import ResponseOutcome, SentItem
    from limits import ResponseKind

CHANNELS = {
    "inmail": "InMail (paid)",
    "open_profile": "InMail (Open Profile, free)",
    "message": "Message (1st degree)",
    "invite": "Connection request",
    "invite_note": "Connection request with a note",
}
STATUS = {"pending": "Waiting", "replied": "Replied", "accepted": "Accepted", "declined": "Declined"}
NOTICE = "sent"


def _answers(item: SentItem) -> list[ResponseKind]:
    """The answers that fit the send: an invitation is accepted, anything else replied to."""
    from limits import ResponseKind

    first = ResponseKind.ACCEPTED if item.channel.startswith("invite") else ResponseKind.REPLIED
    return [first, ResponseKind.DECLINED]


def said(outcome: ResponseOutcome, item: SentItem, *, name: str) -> str:
    """What recording the answer did, with whether a credit came back and why not."""
    if not outcome.first_time:
        return f"{name}'s answer was already recorded ({outcome.kind.value}); nothing new."
    head = f"Recorded: {name} {outcome.kind.value}."
    if outcome.credit_back:
        return f"{head} 1 InMail credit came back: balance now {outcome.balance}."
    return f"{head} No credit comes back ({_why_not(outcome, item)}); balance {outcome.balance}."


def _why_not(outcome: ResponseOutcome, item: SentItem) -> str:
    from limits import CreditBack

    match outcome.why:
        case CreditBack.OUTSIDE_WINDOW:
            return "the answer came after the InMail's 90-day window"
        case CreditBack.OPEN_PROFILE | CreditBack.NO_INMAIL:
            return "only a paid InMail gives a credit back"
        case CreditBack.NOT_PENDING:
            return "that InMail took no credit or was answered already"
        case CreditBack.RETURNED | None:  # no reason from the ledger: read it off the send
            if item.window_ends_at is None:
                return "only a paid InMail gives a credit back"
            if outcome.at > item.window_ends_at:
                return "the answer came after the InMail's 90-day window"
            return "that InMail took no credit or was answered already"
        case _ as unreachable:
            assert_never(unreachable)


def _record(item: SentItem, kind: ResponseKind, name: str) -> None:
    from inmail.errors import WorkspaceError
    from limits import LimitsError

    try:
        outcome = state.workspace().record_response(item, kind, at=state.now())
    except (LimitsError, WorkspaceError) as exc:
        feedback.notify(NOTICE, "error", feedback.message(exc))
        return
    feedback.notify(NOTICE, "success", said(outcome, item, name=name))


def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Draft id -> subject, lead id -> name, from the draft history."""
    from inmail.errors import WorkspaceError

    subjects: dict[str, str] = {}
    names: dict[str, str] = {}
    try:
        entries = state.workspace().all_drafts()
    except WorkspaceError as exc:
        feedback.show(exc)
        return subjects, names
    for entry in entries:
        subject = (entry.sent_subject if entry.sent_at else None) or entry.draft.subject
        if subject and entry.draft.channel.value == "inmail":
            subjects[entry.draft_id] = subject
        lead = entry.lead or {}
        name = " ".join(str(lead.get(f) or "") for f in ("first_name", "last_name")).strip()
        if name:
            names.setdefault(str(lead.get("id") or entry.lead_id), name)
    return subjects, names


def _window(item: SentItem) -> str:
    if item.window_ends_at is None:
        return ""
    if item.status.value != "pending":
        return "credit back" if item.credit_back else "no credit back"
    if not item.days_left:
        return "window closed"
    return f"{item.days_left} day{'s' if item.days_left != 1 else ''} left"


def rows(items: list[SentItem], subjects: dict[str, str], names: dict[str, str]) -> list[dict[str, Any]]:
    """The table the page shows, one row a send, newest first."""
    return [
        {
            "Sent": item.sent_at.astimezone().strftime("%d %b %Y %H:%M"),
            "Lead": names.get(item.lead_id, item.lead_id),
            "Channel": CHANNELS.get(item.channel, item.channel),
            "Credits": item.credits,
            "Subject": subjects.get(item.key or "", ""),
            "Status": STATUS[item.status.value],
            "90-day credit-back window": _window(item),
        }
        for item in items
    ]


def _pending(items: list[SentItem], names: dict[str, str]) -> None:
    waiting = [item for item in items if item.status.value == "pending"]
    if not waiting:
        st.caption("Nothing is waiting for an answer.")
        return
    st.subheader("Did they answer?")
    st.caption(
        "Record an answer once it arrives on LinkedIn. A paid InMail answered within 90 days gives its "
        "credit back (LinkedIn Help 57013)."
    )
    for item in waiting:
        name = names.get(item.lead_id, item.lead_id)
        with st.container(border=True):
            left, *buttons = st.columns([3, 1, 1], vertical_alignment="center")
            window = _window(item)
            left.markdown(
                f"**{md_escape(name)}**: {md_escape(CHANNELS.get(item.channel, item.channel))}, sent "
                f"{item.sent_at.astimezone():%d %b}" + (f" · {md_escape(window)}" if window else "")
            )
            for column, kind in zip(buttons, _answers(item), strict=True):
                column.button(
                    kind.value.capitalize(),
                    key=f"btn.answer.{item.event_id}.{kind.value}",
                    on_click=_record,
                    args=(item, kind, name),
                    width="stretch",
                )


def render() -> None:
    from inmail.errors import WorkspaceError
    from limits import LimitsError, NotInitialisedError

    st.title("Sent")
    st.caption(
        "Everything you marked as sent, with what it cost and whether they answered. Mark drafts as sent on "
        "the Compose or Chat page."
    )
    feedback.show_notice(NOTICE)
    try:
        status = state.account().status(at=state.now())
        items = state.workspace().sent(at=state.now())
    except NotInitialisedError:
        st.info(feedback.NO_PLAN, icon=":material/info:")
        st.page_link("ui/settings.py", label="Set your plan", icon=":material/settings:")
        return
    except (LimitsError, WorkspaceError) as exc:
        feedback.show(exc)
        return
    st.metric("Credits left", status.balance)
    if not items:
        st.info("Nothing sent yet: press Mark as sent on a draft after you sent it.", icon=":material/info:")
        return
    due.section(where="sent")
    subjects, names = _names()
    st.dataframe(rows(items, subjects, names), hide_index=True, width="stretch")
    _pending(items, names)


if __name__ == "__main__":
    render()
