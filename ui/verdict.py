"""The limits verdict for one lead, shown before drafting: channel, cost, reasons with sources, warnings,
alternatives and the best time to send."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_never

import streamlit as st

from ui import feedback, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from limits import Reason, SendChannel, Verdict

_FMT = "%a %d %b %H:%M"


def channel_label(channel: SendChannel | None) -> str:
    from limits import SendChannel

    match channel:
        case None:
            return "no channel"
        case SendChannel.MESSAGE:
            return "a free message (1st-degree connection)"
        case SendChannel.OPEN_PROFILE:
            return "a free Open Profile InMail"
        case SendChannel.INMAIL:
            return "an InMail"
        case SendChannel.CONNECTION_REQUEST:
            return "a connection request"
        case _ as unreachable:
            assert_never(unreachable)


def _reasons(reasons: list[Reason]) -> None:
    for reason in reasons:
        text = md_escape(reason.message)
        st.markdown(f"- {text}  \n  :gray[Source: {md_escape(reason.source)}]")


def check_lead(lead: dict[str, Any]) -> Verdict | None:
    """The verdict for `lead` now, or None (with a note on the page) when it cannot be checked yet."""
    from limits import LimitsError, NotInitialisedError, Recipient

    if not str(lead.get("id") or "").strip():
        st.info(
            "Add the lead's profile URL (the id) to see what a message to them costs.", icon=":material/info:"
        )
        return None
    try:
        return state.account().check(Recipient.from_lead(lead), at=state.now())
    except NotInitialisedError:
        st.info(feedback.NO_PLAN, icon=":material/info:")
        st.page_link("ui/settings.py", label="Set your plan", icon=":material/settings:")
    except LimitsError as exc:
        feedback.show(exc)
    return None


def render(lead: dict[str, Any]) -> Verdict | None:
    """Draw the verdict panel; returns the verdict for the caller to use (or None)."""
    from limits import LimitsError, next_send_window

    verdict = check_lead(lead)
    if verdict is not None:
        cost = f"{verdict.credits} credit" + ("" if verdict.credits == 1 else "s")
        if verdict.allowed:
            st.success(
                f"**Send as {channel_label(verdict.channel)}**: costs {cost}.", icon=":material/check:"
            )
        else:
            when = (
                f"; allowed again {verdict.next_allowed_at.astimezone():{_FMT}}"
                if verdict.next_allowed_at
                else ""
            )
            how = f" by {channel_label(verdict.channel)}" if verdict.channel else ": no channel reaches them"
            st.error(f"**Not now**{how}{when}.", icon=":material/block:")
        _reasons(verdict.reasons)
        for warning in verdict.warnings:
            st.warning(
                f"{md_escape(warning.message)} (source: {md_escape(warning.source)})",
                icon=":material/warning:",
            )
        if verdict.alternatives:
            with st.expander("Alternatives"):
                for alt in verdict.alternatives:
                    extra = f" Note up to {alt.note_chars} characters." if alt.note_chars else ""
                    if alt.notes_left_this_month is not None:
                        extra += f" {alt.notes_left_this_month} personalised note(s) left this month."
                    text = md_escape(alt.message + extra)
                    st.markdown(f"- **{channel_label(alt.channel)}**, {alt.credits} credit(s): {text}")
    try:
        advice = next_send_window(
            at=state.now(), timezone=lead.get("timezone"), location=lead.get("location")
        )
    except LimitsError as exc:
        feedback.show(exc)
        return verdict
    start, end = advice.local()
    st.markdown(
        f":material/schedule: **Best time to send**: {start:%a %d %b, %H:%M}-{end:%H:%M} {advice.timezone} "
        f"(your time: {advice.start.astimezone():%a %H:%M})"
    )
    st.caption(f"{md_escape(advice.reason)} Source: {md_escape(advice.source)}")
    return verdict
