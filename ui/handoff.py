"""Opening a draft in Compose from another page (a follow-up due, a step of the send plan) or from Compose
itself (the connection note for a lead who takes no InMail): the lead goes into the Compose form, the
channel is set, and Compose writes the draft on its next run, once."""

from __future__ import annotations

from typing import Any

import streamlit as st

from inmail.workspace import lead_key
from ui import lead_form

REQUEST = "handoff.draft"  # the lead key Compose drafts for on its next run


def open_draft(lead: dict[str, Any], channel: str) -> None:
    """A button callback (it runs before the form's widgets are drawn)."""
    lead_form.load_into_state(lead)
    draft_as(lead, channel)


def draft_as(lead: dict[str, Any], channel: str) -> None:
    """A button callback for the lead already in the form: switch the channel and draft on the next run."""
    st.session_state["opts.channel"] = channel
    st.session_state[REQUEST] = lead_key(lead)


def requested(lead: dict[str, Any]) -> bool:
    """Whether Compose should draft for `lead` now; the request is used up."""
    wanted = st.session_state.get(REQUEST)
    if wanted is None or wanted != lead_key(lead):
        return False
    del st.session_state[REQUEST]
    return True
