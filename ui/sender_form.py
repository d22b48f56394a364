"""The sender form ("you"): loaded from the saved profile on the first run, saved on request."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import feedback, state

FIELDS = {"name": "Your name", "title": "Your title", "company": "Your company"}
LONG_FIELDS = {
    "offer": "What you offer or ask (product, job opening, job search)",
    "problem": "The problem it solves (PAS uses it; optional)",
    "proof": "One proof point: a result or a customer (optional)",
    "ask": "The ask you prefer, e.g. a 15-minute call next week (optional)",
    "footer": "Signature / footer",
}
ASSETS_LABEL = (
    "What you can send, one per line (e.g. a one-page case study on ...); a draft offers nothing else"
)
# The texts a draft is built on, each optionally in other languages (Sender.titles, .offers, ...).
VERSIONED = ("title", "offer", "problem", "proof", "ask")
VERSION_LANGUAGES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "pt": "Portuguese"}
VERSION_LANGUAGES |= {"it": "Italian"}
WRITTEN_IN = ("auto", *VERSION_LANGUAGES)
LIST_FIELDS = {
    "schools": "Your schools (comma-separated, for a shared-school hook)",
    "companies": "Your past employers (comma-separated)",
}


def _key(field: str) -> str:
    return f"sender.{field}"


def _version_key(field: str, language: str) -> str:
    return f"sender.{field}s.{language}"


def load_into_state(sender: dict[str, Any]) -> None:
    for field in (*FIELDS, *LONG_FIELDS):
        st.session_state[_key(field)] = str(sender.get(field) or "")
    language = str(sender.get("language") or "auto")
    st.session_state[_key("language")] = language if language in WRITTEN_IN else "auto"
    for field in VERSIONED:
        versions = sender.get(f"{field}s") or {}
        for language in VERSION_LANGUAGES:
            text = versions.get(language, "") if isinstance(versions, dict) else ""
            st.session_state[_version_key(field, language)] = str(text or "")
    for field in LIST_FIELDS:
        items = sender.get(field) or []
        st.session_state[_key(field)] = ", ".join(map(str, items)) if isinstance(items, list) else str(items)
    assets = sender.get("assets") or []
    st.session_state[_key("assets")] = (
        "\n".join(map(str, assets)) if isinstance(assets, list) else str(assets)
    )


def sender_from_state() -> dict[str, Any]:
    ss = st.session_state
    sender: dict[str, Any] = {f: str(ss.get(_key(f)) or "").strip() or None for f in (*FIELDS, *LONG_FIELDS)}
    sender["offer"] = sender["offer"] or ""
    language = ss.get(_key("language")) or "auto"
    sender["language"] = None if language == "auto" else language
    for field in VERSIONED:
        versions = {lang: str(ss.get(_version_key(field, lang)) or "").strip() for lang in VERSION_LANGUAGES}
        sender[f"{field}s"] = {lang: text for lang, text in versions.items() if text}
    for field in LIST_FIELDS:
        sender[field] = [part.strip() for part in str(ss.get(_key(field)) or "").split(",") if part.strip()]
    sender["assets"] = [
        line.strip() for line in str(ss.get(_key("assets")) or "").splitlines() if line.strip()
    ]
    return sender


def _use_sample(sample: dict[str, Any]) -> None:
    load_into_state(sample)
    feedback.notify("sender", "success", "Filled in the sample sender; change it to yourself and save.")


def _save() -> None:
    from inmail.errors import WorkspaceError

    try:
        state.workspace().save_sender(sender_from_state())
    except WorkspaceError as exc:
        feedback.notify("sender", "error", feedback.message(exc))
    else:
        feedback.notify("sender", "success", "Saved your profile; it will be filled in next time.")


def render(sample: dict[str, Any]) -> dict[str, Any]:
    if _key("name") not in st.session_state:
        from inmail.errors import WorkspaceError

        try:
            load_into_state(state.workspace().sender_data() or {})
        except WorkspaceError as exc:
            load_into_state({})
            feedback.notify("sender", "error", feedback.message(exc))
    feedback.show_notice("sender")
    for column, (field, label) in zip(st.columns(len(FIELDS)), FIELDS.items(), strict=True):
        column.text_input(label, key=_key(field))
    for field, label in LONG_FIELDS.items():
        st.text_area(label, key=_key(field), height=80 if field != "footer" else 68)
    st.text_area(ASSETS_LABEL, key=_key("assets"), height=68)
    st.selectbox(
        "You write these in",
        WRITTEN_IN,
        key=_key("language"),
        format_func=lambda code: "Detect it" if code == "auto" else VERSION_LANGUAGES[code],
        help="A draft never mixes languages: for a lead in another language, add your texts in that language "
        "below, or the draft is written in yours.",
    )
    with st.expander("Your texts in other languages"):
        for tab, (language, name) in zip(
            st.tabs(list(VERSION_LANGUAGES.values())), VERSION_LANGUAGES.items(), strict=True
        ):
            tab.text_input(f"Your title in {name}", key=_version_key("title", language))
            for field in VERSIONED[1:]:
                tab.text_area(
                    f"{LONG_FIELDS[field].split(' (')[0]} in {name}", key=_version_key(field, language)
                )
    for column, (field, label) in zip(st.columns(len(LIST_FIELDS)), LIST_FIELDS.items(), strict=True):
        column.text_input(label, key=_key(field))
    left, right = st.columns(2)
    left.button("Save as my profile", key="btn.save_sender", on_click=_save, icon=":material/save:")
    right.button("Use the sample sender", key="btn.sample_sender", on_click=_use_sample, args=(sample,))
    return sender_from_state()
