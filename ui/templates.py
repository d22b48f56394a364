"""Templates page: list, edit, validate (errors with line numbers), preview against a chosen lead, save to
the overrides folder, diff against the shipped text, reset, and create a new strategy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import feedback, lead_form, sender_form, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from composer import TemplateInfo, TemplateStore, ValidationReport

KINDS = {
    "all": "All templates",
    "message": "Message templates",
    "prompt": "LLM prompts",
    "strategy": "Strategies",
}
NAME_KEY = "tpl.name"
DEFAULT = "messages/rabt/en.j2"


def _text_key(name: str) -> str:
    return f"tpl.text.{name}"


def _load(store: TemplateStore, name: str) -> None:
    st.session_state[_text_key(name)] = store.source(name)


def _save(store: TemplateStore, name: str) -> None:
    from composer import ComposerError

    try:
        path = store.save(name, st.session_state[_text_key(name)])
    except ComposerError:
        # The problem itself is listed under the editor (once): here only that nothing was saved.
        feedback.notify("templates", "error", "Not saved: fix the problem shown below, then save again.")
    else:
        feedback.notify("templates", "success", f"Saved {name} to your overrides ({path}).")


def _reset(store: TemplateStore, name: str, shipped: bool) -> None:
    store.reset(name)
    if shipped:
        _load(store, name)
        feedback.notify("templates", "success", f"{name} is back to the shipped version.")
    else:
        st.session_state.pop(_text_key(name), None)
        st.session_state[NAME_KEY] = None
        feedback.notify("templates", "success", f"Deleted your template {name}.")


def _label(info: TemplateInfo) -> str:
    badge = {"shipped": "", "override": "  (edited)", "user": "  (yours)"}[info.origin.value]
    return info.name + badge


def _problems(report: ValidationReport, text: str) -> None:
    from ui.template_help import plain_problem

    lines = text.splitlines()
    seen: set[tuple[int | None, str]] = set()
    for problem in report.errors:
        line, message = plain_problem(problem.message, problem.line, text)
        if (line, message) in seen:  # the same problem found by two checks: said once
            continue
        seen.add((line, message))
        where = f"Line {line}: " if line else ""
        st.error(md_escape(feedback.sentence(where + message)), icon=":material/error:")
        if line and 0 < line <= len(lines):
            st.code(f"{line:>4} | {lines[line - 1]}", language=None)
    for warning in report.warnings:
        st.warning(md_escape(feedback.sentence(warning)), icon=":material/warning:")


def _preview_leads() -> dict[str, dict[str, Any]]:
    """The lead on the Compose form first (if any), then saved and sample leads."""
    leads = lead_form.lead_choices()
    current = lead_form.lead_from_state() if "lead.first_name" in st.session_state else None
    if current and current.get("first_name"):
        leads = {f"Compose form: {current['first_name']}": current, **leads}
    return leads


def _preview(info: TemplateInfo, text: str, report: ValidationReport) -> None:
    """A draft made with the edited text (not yet saved) for the chosen lead; prompts show the report's."""
    from composer import SAMPLE_SENDER, ComposerError, Settings

    if info.kind.value == "prompt":
        st.caption("The prompt as the model would get it for the sample lead:")
        st.text(report.preview or "(no preview for this prompt)")
        return
    leads = _preview_leads()
    label = st.selectbox("Preview for", list(leads), key="tpl.preview_lead")
    parts = info.name.removesuffix(".toml").removesuffix(".j2").split("/")
    strategy = parts[1]
    language = parts[2] if info.kind.value == "message" else "auto"
    if strategy == "common":
        st.caption("Shared pieces have no preview of their own: preview a strategy that uses them.")
        return
    sender = sender_form.sender_from_state() if "sender.name" in st.session_state else {}
    try:
        drafts = state.workspace().draft(
            leads[label],
            sender if sender.get("name") else SAMPLE_SENDER,
            Settings(strategy=strategy, language=language),
            overlay={info.name: text},
        )
    except ComposerError as exc:
        feedback.show(exc)
        return
    for draft in drafts[:1]:
        st.text(draft.text())


def _editor(store: TemplateStore, info: TemplateInfo) -> None:
    from composer import ComposerError

    name = info.name
    if _text_key(name) not in st.session_state:
        _load(store, name)
    with st.container(key="tpl-editor"):
        text = st.text_area(name, key=_text_key(name), height=420, label_visibility="collapsed")
    shipped = store.default_source(name) is not None
    left, middle, right = st.columns(3)
    validate = left.button("Validate", icon=":material/rule:", width="stretch")
    middle.button(
        "Save", type="primary", icon=":material/save:", on_click=_save, args=(store, name), width="stretch"
    )
    right.button(
        "Reset to default" if shipped else "Delete",
        icon=":material/restart_alt:" if shipped else ":material/delete:",
        on_click=_reset,
        args=(store, name, shipped),
        disabled=info.origin.value == "shipped",
        width="stretch",
    )
    feedback.show_notice("templates")
    try:
        report = store.validate(name, text, preview=True)
    except ComposerError as exc:
        feedback.show(exc)
        return
    if validate and report.ok:
        st.success("No errors: this template is ready to save.", icon=":material/check_circle:")
    _problems(report, text)
    if report.ok:
        with st.expander("Preview", expanded=True, icon=":material/visibility:"):
            _preview(info, text, report)
    _variables(store, info)
    if shipped:
        with st.expander("Changes from the shipped version", icon=":material/difference:"):
            diff = store.diff(name)
            st.code(diff or "(no saved changes)", language="diff" if diff else None)


def _variables(store: TemplateStore, info: TemplateInfo) -> None:
    """The variables a message or prompt template can use, with the sample lead's values."""
    from composer import ComposerError

    if info.kind.value == "strategy":
        return
    with st.expander("Variables you can use", icon=":material/data_object:"):
        try:
            found = store.variables(info.name)
        except ComposerError as exc:
            feedback.show(exc)
            return
        st.caption("Write them as {{ lead.first_name }}; the values are the sample lead Maria's.")
        st.dataframe(
            [{"Variable": v.name, "Sample value": v.example} for v in found], hide_index=True, width="stretch"
        )


_EDITOR_CSS = (
    "<style>.st-key-tpl-editor textarea "
    "{ font-family: 'Source Code Pro', monospace; font-size: 0.85rem; }</style>"
)


def render() -> None:
    st.html(_EDITOR_CSS)  # our own fixed style: a code font for the editor
    st.title("Templates")
    st.caption(
        "Message templates (per strategy and language), the LLM's prompts and the strategies. Your edits are "
        "saved to the overrides folder in your data directory, never over the shipped files."
    )
    store = state.template_store()
    from ui import strategy_form

    infos = store.list()
    by_name = {info.name: info for info in infos}
    nav, main = st.columns([1, 3], gap="large")
    with nav:
        kind = st.selectbox("Show", list(KINDS), format_func=KINDS.__getitem__, key="tpl.kind")
        names = [info.name for info in infos if kind == "all" or info.kind.value == kind]
        if st.session_state.get(NAME_KEY) not in names:
            st.session_state[NAME_KEY] = DEFAULT if DEFAULT in names else next(iter(names), None)
        st.radio("Template", names, key=NAME_KEY, format_func=lambda n: _label(by_name[n]))
        st.divider()
        strategy_form.render(store)
    with main:
        name = st.session_state.get(NAME_KEY)
        if name in by_name:
            st.subheader(name)
            _editor(store, by_name[name])


if __name__ == "__main__":
    render()
