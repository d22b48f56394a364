"""The lead form: every field of a lead (DESIGN section 6), loadable from pasted JSON or a saved lead.

Each field is a widget keyed `lead.<field>`; list fields (experiences, education) are numbered rows keyed
`lead.experiences.<i>.<field>`. Loading a lead writes those keys in a button callback, before the widgets
are drawn, which is the one moment Streamlit lets a program set a widget's value.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from inmail.workspace import MODEL_TEXT_LIMIT
from ui import feedback, state

TEXT_FIELDS = {  # field -> label; long ones get a text area
    "first_name": "First name",
    "last_name": "Last name",
    "id": "Profile URL (the lead's id)",
    "headline": "Headline",
    "title": "Current title",
    "company": "Current company",
    "location": "Location",
    "language": "Profile language (code)",
    "timezone": "Time zone (optional, e.g. Europe/Madrid)",
}
LONG_FIELDS = {"about": "About", "recent_post": "A recent post"}
LONG_TEXT_MAX = 20_000  # what a lead's long text may hold (composer's Text)
LIST_FIELDS = {
    "skills": "Skills (comma-separated)",
    "mutual_connections": "Mutual connections (comma-separated)",
}
ROWS = {  # list of objects -> (fields in one line, a long field below them)
    "experiences": (("title", "company", "start", "end"), "description"),
    "education": (("school", "degree", "field"), None),
}
DEGREES = {"1": "1st-degree connection", "2": "2nd-degree", "3": "3rd-degree", "out": "Out of network"}
PICK_KEY = "pick.lead"
PASTE_KEY = "lead.paste"


class LeadJSONError(ValueError):
    pass


def _key(field: str) -> str:
    return f"lead.{field}"


def _row_key(group: str, index: int, field: str) -> str:
    return f"lead.{group}.{index}.{field}"


def _count_key(group: str) -> str:
    return f"lead.{group}.count"


def _fields(group: str) -> tuple[str, ...]:
    short, long = ROWS[group]
    return (*short, long) if long else short


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def load_into_state(lead: dict[str, Any]) -> None:
    """Put a lead's values into the form's widget keys (call from a callback, before widgets draw)."""
    ss = st.session_state
    for field in (*TEXT_FIELDS, *LONG_FIELDS):
        ss[_key(field)] = _text(lead.get(field))
    ss[_key("language")] = ss[_key("language")] or "en"
    for field in LIST_FIELDS:
        items = lead.get(field) or []
        ss[_key(field)] = ", ".join(str(item) for item in items) if isinstance(items, list) else _text(items)
    degree = lead.get("degree")
    ss[_key("degree")] = str(degree) if str(degree) in DEGREES else "out"
    ss[_key("open_profile")] = bool(lead.get("open_profile", False))
    ss[_key("accepts_inmail")] = bool(lead.get("accepts_inmail", True))
    for group in ROWS:
        rows = [row for row in lead.get(group) or [] if isinstance(row, dict)]
        ss[_count_key(group)] = len(rows)
        for index, row in enumerate(rows):
            for field in _fields(group):
                ss[_row_key(group, index, field)] = _text(row.get(field))


def lead_from_state() -> dict[str, Any]:
    """The lead as the form holds it now, in the JSON shape the composer and limits read."""
    ss = st.session_state
    lead: dict[str, Any] = {}
    for field in (*TEXT_FIELDS, *LONG_FIELDS):
        value = str(ss.get(_key(field)) or "").strip()
        lead[field] = value or None
    lead["language"] = lead["language"] or "en"
    for field in LIST_FIELDS:
        lead[field] = [part.strip() for part in str(ss.get(_key(field)) or "").split(",") if part.strip()]
    degree = ss.get(_key("degree"), "2")
    lead["degree"] = int(degree) if degree in ("1", "2", "3") else None
    lead["open_profile"] = bool(ss.get(_key("open_profile"), False))
    lead["accepts_inmail"] = bool(ss.get(_key("accepts_inmail"), True))
    for group in ROWS:
        rows = []
        for index in range(int(ss.get(_count_key(group), 0))):
            row = {f: str(ss.get(_row_key(group, index, f)) or "").strip() or None for f in _fields(group)}
            if any(row.values()):
                rows.append(row)
        lead[group] = rows
    return lead


def parse_lead_json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LeadJSONError(
            f"The pasted lead is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "fix it and press Load again."
        ) from None
    if not isinstance(data, dict):
        raise LeadJSONError("The pasted lead must be one JSON object ({...}), like the sample lead.")
    return data


def _load_pasted() -> None:
    try:
        lead = parse_lead_json(str(st.session_state.get(PASTE_KEY) or ""))
    except LeadJSONError as exc:
        feedback.notify("lead", "error", str(exc))  # the form and the pasted text stay as they are
        return
    load_into_state(lead)
    feedback.notify("lead", "success", f"Loaded {lead.get('first_name') or 'the lead'} from the pasted JSON.")


def _load_picked(options: dict[str, dict[str, Any]]) -> None:
    label = st.session_state.get(PICK_KEY)
    if label in options:
        load_into_state(options[label])
        feedback.notify("lead", "success", f"Loaded {label}.")
    st.session_state[PICK_KEY] = None


def _add_row(group: str) -> None:
    st.session_state[_count_key(group)] = int(st.session_state.get(_count_key(group), 0)) + 1


def _remove_row(group: str) -> None:
    st.session_state[_count_key(group)] = max(0, int(st.session_state.get(_count_key(group), 0)) - 1)


def _clear() -> None:
    load_into_state({})
    feedback.notify("lead", "success", "Cleared the lead form.")


def _rows(group: str, title: str, *, singular: str) -> None:
    count = int(st.session_state.setdefault(_count_key(group), 0))
    with st.expander(f"{title} ({count})", expanded=False):
        short, long = ROWS[group]
        for index in range(count):
            for column, field in zip(st.columns(len(short)), short, strict=True):
                column.text_input(field.capitalize(), key=_row_key(group, index, field))
            if long:
                st.text_area(long.capitalize(), key=_row_key(group, index, long), height=68)
            if index < count - 1:
                st.divider()
        left, right = st.columns(2)
        left.button(f"Add {singular}", key=f"btn.add.{group}", on_click=_add_row, args=(group,))
        right.button(
            f"Remove last {singular}",
            key=f"btn.rm.{group}",
            on_click=_remove_row,
            args=(group,),
            disabled=not count,
        )


def lead_choices() -> dict[str, dict[str, Any]]:
    """Saved leads (latest last) then the composer's samples, by the label the pickers show."""
    from composer import SAMPLE_LEADS
    from inmail.errors import WorkspaceError

    try:
        saved = {f"Saved: {_label(lead)}": lead for lead in state.workspace().saved_leads().values()}
    except WorkspaceError as exc:
        feedback.show(exc)
        saved = {}
    samples = (lead.model_dump(mode="json") for lead in SAMPLE_LEADS.values())
    return saved | {f"Sample: {_label(lead)}": lead for lead in samples}


def render() -> dict[str, Any]:
    """Draw the lead form; returns the lead as it stands."""
    options = lead_choices()
    if _key("first_name") not in st.session_state:
        load_into_state({})

    st.selectbox(
        "Pick a saved or sample lead",
        list(options),
        index=None,
        key=PICK_KEY,
        placeholder="Choose a lead to fill the form",
        on_change=_load_picked,
        args=(options,),
    )
    with st.expander("Paste lead JSON"):
        st.text_area("Lead JSON", key=PASTE_KEY, height=140, placeholder='{"first_name": "Maria", ...}')
        st.button("Load JSON", key="btn.load_json", on_click=_load_pasted)
    feedback.show_notice("lead")

    names = list(TEXT_FIELDS)
    for row in (names[0:3], names[3:4], names[4:6], names[6:9]):
        for column, field in zip(st.columns(len(row)), row, strict=True):
            column.text_input(TEXT_FIELDS[field], key=_key(field))
    for field, label in LONG_FIELDS.items():
        text = st.text_area(label, key=_key(field), height=80)
        if len(text or "") > MODEL_TEXT_LIMIT:
            st.caption(
                f"{label} is {len(text):,} characters: drafts draw on its first {MODEL_TEXT_LIMIT:,} only "
                f"(up to {LONG_TEXT_MAX:,} are kept with the lead)."
            )
    for column, (field, label) in zip(st.columns(2), LIST_FIELDS.items(), strict=True):
        column.text_input(label, key=_key(field))
    left, middle, right = st.columns(3, vertical_alignment="bottom")
    left.selectbox("Degree", list(DEGREES), format_func=DEGREES.__getitem__, key=_key("degree"))
    middle.toggle("Open Profile", key=_key("open_profile"))
    right.toggle("Accepts InMail", key=_key("accepts_inmail"))
    st.caption("InMails to Open Profile members are free; turn Accepts InMail off for members who opted out.")
    _rows("experiences", "Experience", singular="experience")
    _rows("education", "Education", singular="school")

    lead = lead_from_state()
    left, right = st.columns(2)
    if left.button("Save lead", key="btn.save_lead", icon=":material/bookmark_add:"):
        from inmail.errors import WorkspaceError

        try:
            state.workspace().save_lead(lead)
        except WorkspaceError as exc:
            feedback.show(exc)
        else:
            st.success(f"Saved {_label(lead)}; pick it from the list next time.")
    right.button("Clear form", key="btn.clear_lead", on_click=_clear)
    return lead


def _label(lead: dict[str, Any]) -> str:
    name = " ".join(part for part in (lead.get("first_name"), lead.get("last_name")) if part) or "(no name)"
    company = lead.get("company")
    return f"{name}, {company}" if company else name
