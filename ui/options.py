"""Every composer setting as a widget keyed `opts.<field>`: strategy (user-added ones included), persona,
mood, language, temperature, call to action, footer, facts to personalise with, channel, variants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from ui.plain import md_escape

if TYPE_CHECKING:
    from composer import Strategy, TemplateStore

AUTO = "auto"
CHANNELS = {"inmail": "InMail", "connection_note": "Connection note", "follow_up": "Follow-up"}


def _key(field: str) -> str:
    return f"opts.{field}"


def _title(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _strategy_label(strategy: Strategy) -> str:
    if strategy.title.lower() == strategy.name:
        return strategy.title
    return f"{strategy.title} ({strategy.name})"


def template_languages(store: TemplateStore) -> dict[str, list[str]]:
    """Strategy -> the languages the template engine writes it in (what the composer can write)."""
    from composer import list_strategies, written_languages

    return {strategy.name: written_languages(store, strategy) for strategy in list_strategies(store)}


def _language_label(code: str) -> str:
    from composer import language_name

    return "auto (the lead's profile language)" if code == AUTO else f"{language_name(code)} ({code})"


def defaults() -> dict[str, Any]:
    from composer import Settings

    return Settings().model_dump(mode="json")


def render(strategies: list[Strategy], languages: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Draw the settings; returns them as the dict `composer.Settings` reads. `languages`: what each
    strategy has templates in (`template_languages`); only those are offered."""
    from composer import FactKind, Mood, Persona

    ss = st.session_state
    for field, value in defaults().items():
        ss.setdefault(_key(field), sorted(value) if isinstance(value, list) else value)
    by_name = {strategy.name: strategy for strategy in strategies}
    if ss[_key("strategy")] not in by_name:  # a strategy deleted in the template editor
        ss[_key("strategy")] = next(iter(by_name), "rabt")

    left, middle, right = st.columns(3)
    left.selectbox(
        "Strategy",
        list(by_name),
        key=_key("strategy"),
        format_func=lambda name: _strategy_label(by_name[name]),
    )
    middle.selectbox("Persona", [p.value for p in Persona], key=_key("persona"), format_func=_title)
    right.selectbox("Mood", [m.value for m in Mood], key=_key("mood"), format_func=_title)
    if strategy := by_name.get(ss[_key("strategy")]):
        sections = ", ".join(strategy.sections)
        st.caption(md_escape(f"{strategy.description} Sections: {sections}."))

    st.segmented_control(
        "Channel", list(CHANNELS), key=_key("channel"), format_func=CHANNELS.__getitem__, required=True
    )
    left, middle, right = st.columns([1, 1, 2])
    offered = [AUTO, *(languages or {}).get(ss[_key("strategy")], ["en"])]
    if ss[_key("language")] not in offered:  # a language the new strategy has no template in
        ss[_key("language")] = AUTO
    left.selectbox(
        "Language",
        offered,
        key=_key("language"),
        format_func=_language_label,
        help="Only the languages this strategy has a message template in; add one on the Templates page.",
    )
    middle.number_input("Variants", min_value=1, max_value=5, step=1, key=_key("variants"))
    right.slider(
        "Temperature (model only)", min_value=0.0, max_value=1.0, step=0.05, key=_key("temperature"),
        help="How adventurous the model's wording is; the template engine ignores it.",
    )  # fmt: skip

    left, right = st.columns(2)
    with left:
        st.toggle("Call to action", key=_key("cta"))
        st.text_input(
            "Call to action text (blank: the strategy's own)",
            key=_key("cta_text"),
            disabled=not ss[_key("cta")],
        )
    with right:
        st.toggle("Footer", key=_key("footer"))
        st.text_input(
            "Footer text (blank: your signature)", key=_key("footer_text"), disabled=not ss[_key("footer")]
        )
    st.multiselect(
        "Personalise with",
        [kind.value for kind in FactKind],
        key=_key("facts"),
        format_func=_title,
        help="Which lead facts the draft may use for its hook.",
    )
    return from_state()


def from_state() -> dict[str, Any]:
    """The settings as the Compose form last had them (the defaults where it was never drawn)."""
    chosen = {field: st.session_state.get(_key(field), value) for field, value in defaults().items()}
    for field in ("cta_text", "footer_text"):  # a cleared box means "the default", not "nothing"
        chosen[field] = str(chosen[field] or "").strip() or None
    return chosen
