"""Plan page: the send plan's calendar (`ui.plan_view`); the Outreach page shows the same section."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.plan_view import plan_section


def render() -> None:
    st.title("Plan")
    plan_section(state.workspace())


if __name__ == "__main__":
    render()
