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


def _credits(n: int) -> str:
    return f"{n} credit" + ("" if n == 1 else "s")


def _note_headline(verdict: Verdict) -> bool:
    """The cost of a connection note (an invitation: no credit); False when the verdict's own applies."""
    from limits import SendChannel

    if verdict.channel is SendChannel.MESSAGE:
        st.info(
            "They are already a connection: a connection note does not apply. Send a free message instead.",
            icon=":material/info:",
        )
        return True
    invite = next((a for a in verdict.alternatives if a.channel is SendChannel.CONNECTION_REQUEST), None)
    if verdict.channel is not SendChannel.CONNECTION_REQUEST and invite is None:
        return False
    extra = ""
    if invite is not None and invite.notes_left_this_month is not None:
        extra = f" {invite.notes_left_this_month} personalised note(s) left this month."
    st.success(f"**Send as a connection request with a note**: no credit.{extra}", icon=":material/check:")
    return True


def _follow_up_warning(lead: dict[str, Any]) -> None:
    """A follow-up needs a first message: say so when none is recorded (drafting one is refused)."""
    if not str(lead.get("id") or "").strip() or state.workspace().first_message_sent(lead):
        return
    name = " ".join(str(lead.get(f) or "") for f in ("first_name", "last_name")).strip() or "this lead"
    st.warning(
        f"No first message to {md_escape(name)} is recorded: send the first message (and press Mark as "
        "sent) before a follow-up.",
        icon=":material/warning:",
    )


def render(lead: dict[str, Any], *, channel: str = "inmail") -> Verdict | None:
    """Draw the verdict panel for the draft channel chosen (`inmail`, `connection_note`, `follow_up`);
    returns the verdict for the caller to use (or None)."""
    from limits import LimitsError, next_send_window

    if channel == "follow_up":
        _follow_up_warning(lead)
    verdict = check_lead(lead)
    if verdict is not None:
        cost = _credits(verdict.credits)
        verb = "Follow up as" if channel == "follow_up" else "Send as"
        if channel == "connection_note" and _note_headline(verdict):
            pass
        elif verdict.allowed:
            st.success(f"**{verb} {channel_label(verdict.channel)}**: costs {cost}.", icon=":material/check:")
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
