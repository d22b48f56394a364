"""Follow-ups due, at the top of Compose and on the Sent page: the unanswered sends ready for a follow-up
and the paid InMails whose credit-back window closes within 14 days, each with a button that drafts the
follow-up for that lead in one click (`ui.handoff`: the lead into the Compose form, the channel
Follow-up, and Compose writes the draft on its next run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import feedback, handoff, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.follow_ups import DueFollowUp

CHANNELS = {
    "inmail": "InMail",
    "open_profile": "Open Profile InMail",
    "message": "message",
    "invite": "connection request",
    "invite_note": "connection request",
}


def _line(due: DueFollowUp) -> str:
    item = due.item
    days = (state.now() - item.sent_at).days
    said = f"{CHANNELS.get(item.channel.value, item.channel.value)} sent {item.sent_at.astimezone():%d %b}"
    said += f", no answer for {days} day{'s' if days != 1 else ''}"
    if due.closing and item.days_left is not None:
        said += f"; its credit-back window closes in {item.days_left} day{'s' if item.days_left != 1 else ''}"
    return f"**{md_escape(due.name)}**: {md_escape(said)}"


def section(*, where: str) -> None:
    """The due list (nothing at all on Compose when nothing is due). `where` keeps button keys apart."""
    from inmail.errors import WorkspaceError
    from limits import LimitsError, NotInitialisedError

    try:
        found = state.workspace().due_follow_ups(at=state.now())
    except NotInitialisedError:
        return
    except (LimitsError, WorkspaceError) as exc:
        feedback.show(exc)
        return
    if not found:
        if where == "sent":
            st.caption("No follow-up is due.")
        return
    closing = sum(due.closing for due in found)
    title = f"Follow-ups due ({len(found)})"
    with st.expander(title, expanded=True, icon=":material/forward_to_inbox:"):
        if closing:
            st.caption(
                f"{closing} paid InMail(s) lose their credit-back in the next 14 days unless answered: "
                "a follow-up now is the last chance."
            )
        for due in found:
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(_line(due))
            clicked = right.button(
                "Draft follow-up",
                key=f"btn.follow_up.{where}.{due.item.event_id}",
                on_click=handoff.open_draft,
                args=(due.lead, "follow_up"),
                icon=":material/reply:",
                width="stretch",
            )
            if clicked and where != "compose":
                st.switch_page("ui/compose.py")


def settings_section() -> None:
    """On the Settings page: when a follow-up is due."""
    from inmail.errors import WorkspaceError
    from inmail.follow_ups import MAX_AFTER_DAYS

    st.subheader("Follow-ups")
    workspace = state.workspace()
    try:
        current = workspace.follow_up_days()
    except WorkspaceError as exc:
        feedback.show(exc)
        current = 3
    with st.form("follow_up_form", border=False):
        days = st.number_input(
            "Days after a send before a follow-up is due",
            min_value=1,
            max_value=MAX_AFTER_DAYS,
            value=current,
            step=1,
            key="settings.follow_up_days",
        )
        saved = st.form_submit_button("Save")
    if saved:
        try:
            workspace.set_follow_up_days(int(days))
        except WorkspaceError as exc:
            feedback.show(exc)
        else:
            st.success(f"Follow-ups are due {int(days)} day(s) after a send.")
