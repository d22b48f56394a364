"""Errors the user can fix, shown as one sentence with `st.error`, in the app's words (not the CLI's)."""

from __future__ import annotations

import streamlit as st

from ui.plain import md_escape

NO_PLAN = "No LinkedIn plan is set yet: choose yours on the Settings page to see credits and limits."


def sentence(text: str) -> str:
    """One sentence: first letter up, a full stop at the end, never more than one line."""
    text = " ".join(str(text).split())
    if not text:
        return "Something went wrong."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def message(exc: Exception) -> str:
    from limits import NotInitialisedError

    if isinstance(exc, NotInitialisedError):
        return NO_PLAN
    return sentence(str(exc))


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
