"""The "New strategy" form: the workspace writes its metadata and an English message to start from, and
it then appears in every strategy picker."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import feedback, state

if TYPE_CHECKING:
    from composer import TemplateStore


def _create() -> None:
    from inmail.errors import WorkspaceError
    from inmail.strategies import NewStrategy

    ss = st.session_state
    name = str(ss.get("newstrat.name") or "").strip().lower()
    new = NewStrategy(
        name=name,
        title=str(ss.get("newstrat.title") or ""),
        description=str(ss.get("newstrat.description") or ""),
        sections=str(ss.get("newstrat.sections") or "").split(","),
        base=str(ss.get("newstrat.base") or "rabt"),
    )
    try:
        state.workspace().create_strategy(new)
    except WorkspaceError as exc:
        feedback.notify("newstrat", "error", feedback.message(exc))
        return
    ss["tpl.kind"] = "all"
    ss["tpl.name"] = f"messages/{name}/en.j2"
    ss["opts.strategy"] = name  # Compose picks the new strategy
    for key in ("newstrat.name", "newstrat.title", "newstrat.description", "newstrat.sections"):
        ss[key] = ""
    feedback.notify(
        "newstrat", "success", f"Created strategy {name}: edit its message below; Compose lists it."
    )


def render(store: TemplateStore) -> None:
    from composer import list_strategies

    strategies = [strategy.name for strategy in list_strategies(store)]
    feedback.show_notice("newstrat")
    with st.expander("New strategy", icon=":material/add:"):
        st.text_input("Name (lowercase, e.g. bab)", key="newstrat.name", max_chars=40)
        st.text_input("Title", key="newstrat.title", placeholder="Before, After, Bridge")
        st.text_area("Description", key="newstrat.description", height=80)
        st.text_input(
            "Sections (comma-separated)", key="newstrat.sections", placeholder="Before, After, Bridge"
        )
        st.selectbox("Start the message from", strategies, key="newstrat.base")
        st.button("Create strategy", type="primary", on_click=_create, width="stretch")
