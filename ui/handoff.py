"""Opening a draft in Compose from another page (a follow-up due, a step of the send plan): the lead goes
into the Compose form, the channel is set, and Compose writes the draft on its next run, once."""

from __future__ import annotations

from typing import Any

import streamlit as st

from inmail.workspace import lead_key
from ui import lead_form

REQUEST = "handoff.draft"  # the lead key Compose drafts for on its next run


def open_draft(lead: dict[str, Any], channel: str) -> None:
    """A button callback (it runs before the form's widgets are drawn)."""
    lead_form.load_into_state(lead)
    st.session_state["opts.channel"] = channel
    st.session_state[REQUEST] = lead_key(lead)


def requested(lead: dict[str, Any]) -> bool:
    """Whether Compose should draft for `lead` now; the request is used up."""
    wanted = st.session_state.get(REQUEST)
    if wanted is None or wanted != lead_key(lead):
        return False
    del st.session_state[REQUEST]
    return True
