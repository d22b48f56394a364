"""Create a new strategy: its metadata (strategies/NAME.toml) and an English message template to start
from (messages/NAME/en.j2, a copy of an existing strategy's). It then appears in every strategy picker."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import streamlit as st

from ui import feedback

if TYPE_CHECKING:
    from composer import TemplateStore


def strategy_toml(*, title: str, description: str, sections: list[str]) -> str:
    """TOML for a strategy's metadata; JSON strings are valid TOML basic strings."""
    guidance = "\n".join(f"{json.dumps(s)} = {json.dumps('what the ' + s + ' part says')}" for s in sections)
    return (
        f"title = {json.dumps(title, ensure_ascii=False)}\n"
        f"description = {json.dumps(description, ensure_ascii=False)}\n"
        f"sections = [{', '.join(json.dumps(s, ensure_ascii=False) for s in sections)}]\n\n"
        f"[guidance]\n{guidance}\n"
    )


def _create(store: TemplateStore) -> None:
    from composer import ComposerError, list_strategies

    ss = st.session_state
    name = str(ss.get("newstrat.name") or "").strip().lower()
    title = str(ss.get("newstrat.title") or "").strip() or name.upper()
    description = str(ss.get("newstrat.description") or "").strip()
    sections = [part.strip() for part in str(ss.get("newstrat.sections") or "").split(",") if part.strip()]
    base = ss.get("newstrat.base") or "rabt"
    existing = {strategy.name for strategy in list_strategies(store)}
    if name in existing:
        feedback.notify("newstrat", "error", f"A strategy named {name} already exists: pick another name.")
        return
    files = {
        f"strategies/{name}.toml": strategy_toml(title=title, description=description, sections=sections),
        f"messages/{name}/en.j2": store.source(f"messages/{base}/en.j2"),
    }
    try:
        # Check both before writing either, so a bad name or field never leaves half a strategy behind.
        for file, text in files.items():
            report = store.with_overlay(files).validate(file, text, preview=False)
            if report.errors:
                first = report.errors[0]
                where = f" (line {first.line})" if first.line else ""
                raise ComposerError(f"{file}{where}: {first.message}")
        for file, text in files.items():
            store.save(file, text)
    except ComposerError as exc:
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
        st.button("Create strategy", type="primary", on_click=_create, args=(store,), width="stretch")
