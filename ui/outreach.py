"""Outreach page: bring leads in. Upload a CSV, JSON, a saved profile page or LinkedIn's profile PDF, or
paste a profile page; when the columns of a CSV were guessed from weak matches, confirm them; look at what
was read (and what was skipped, with its line or page) before saving; the saved leads are listed below and
can be picked on Compose and in the chat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import feedback, state
from ui.lead_form import lead_choices
from ui.outreach_batch import LEADS_KEY, batch_section
from ui.plain import md_escape
from ui.plan_view import plan_section

if TYPE_CHECKING:
    from inmail.leads import ImportResult

PREVIEW = "outreach.preview"  # the ImportResult read and not yet saved
SOURCE = "outreach.source"  # what it was read from: {"data", "name", "format", "profile_url"}
UPLOAD = "outreach.upload"
PASTE = "outreach.paste"
PROFILE_URL = "outreach.url"
MAP_PREFIX = "outreach.map."  # one selectbox per CSV column
NOTICE = "outreach"
NOT_USED = "(not used)"
CHOSEN = "outreach.saved"  # the saved leads the batch drafts for


def read_into_preview(data: bytes, *, name: str, format: str | None = None, **more: Any) -> None:
    """Read without saving; the preview shows the result, an error says what is wrong in one line."""
    from inmail.errors import WorkspaceError

    try:
        result = state.workspace().preview_leads(data, name=name, format=format, **more)
    except WorkspaceError as exc:
        st.session_state.pop(PREVIEW, None)
        feedback.notify(NOTICE, "error", feedback.message(exc))
        return
    st.session_state[PREVIEW] = result
    st.session_state[SOURCE] = {"data": data, "name": name, "format": format, **more}
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(MAP_PREFIX)]:
        del st.session_state[key]


def upload_section() -> None:
    st.subheader("Import a file")
    file = st.file_uploader(
        "A CSV export, a JSON list of leads, a saved profile page (.txt) or LinkedIn's profile PDF",
        type=["csv", "tsv", "json", "jsonl", "txt", "pdf"],
        key=UPLOAD,
    )
    st.button("Read the file", key="btn.outreach.read_file", disabled=file is None, on_click=_read_upload)


def _read_upload() -> None:
    if (file := st.session_state.get(UPLOAD)) is not None:
        read_into_preview(file.getvalue(), name=file.name)


def paste_section() -> None:
    with st.expander("Paste a profile page (or CSV rows)"):
        st.caption(
            "On the profile, select all (Ctrl+A), copy, and paste here. English, French, German, Spanish, "
            "Portuguese and Italian pages are read; rows copied from a sheet work too."
        )
        st.text_area("Profile page text", key=PASTE, height=160)
        st.text_input("Profile URL (optional: the page text does not show it)", key=PROFILE_URL)
        text = st.session_state.get(PASTE) or ""
        st.button(
            "Read the pasted text",
            key="btn.outreach.read_paste",
            disabled=not text.strip(),
            on_click=_read_paste,
        )


def _read_paste() -> None:
    text = st.session_state.get(PASTE) or ""
    url = (st.session_state.get(PROFILE_URL) or "").strip() or None
    read_into_preview(text.encode("utf-8"), name="the pasted text", profile_url=url)


def mapping_section(result: ImportResult) -> None:
    """Which field each CSV column fills; open when a needed column was guessed from a weak match."""
    from inmail.leads.columns import FIELDS

    if result.format != "csv" or not result.columns:
        return
    if result.unsure:
        st.warning("Some columns were guessed: check what each column holds, then read the file again.")
    with st.expander("Columns", expanded=result.unsure):
        options = [NOT_USED, *FIELDS]
        for column, field in result.columns.items():
            st.selectbox(column, options, index=options.index(field or NOT_USED), key=MAP_PREFIX + column)
        if st.button("Read again with these columns", key="btn.outreach.remap"):
            mapping = {
                column: "none"
                if (chosen := st.session_state.get(MAP_PREFIX + column)) == NOT_USED
                else chosen
                for column in result.columns
            }
            source = dict(st.session_state[SOURCE])
            read_into_preview(source.pop("data"), name=source.pop("name"), mapping=mapping, **source)
            st.rerun()


def preview_section(result: ImportResult) -> None:
    count = len(result.imported)
    st.subheader(f"Read {count} lead{'' if count == 1 else 's'}: check them, then save")
    st.dataframe(
        [
            {"Name": lead.full_name, "Title": lead.title, "Company": lead.company,
             "Location": lead.location, "Profile": lead.id}
            for lead in result.imported
        ],
        hide_index=True,
    )  # fmt: skip
    for item in result.skipped[:50]:
        st.caption(md_escape(f"Skipped {item.where}: {item.why}"))
    if len(result.skipped) > 50:
        st.caption(f"… and {len(result.skipped) - 50} more skipped.")
    save, discard = st.columns(2)
    if save.button(f"Save {count} lead{'' if count == 1 else 's'}", key="btn.outreach.save", type="primary"):
        _save(result)
    if discard.button("Discard", key="btn.outreach.discard"):
        st.session_state.pop(PREVIEW, None)
        st.rerun()


def _save(result: ImportResult) -> None:
    from inmail.errors import WorkspaceError

    try:
        counts = state.workspace().add_leads(result.imported)
    except WorkspaceError as exc:
        feedback.show(exc)
        return
    st.session_state.pop(PREVIEW, None)
    feedback.notify(
        NOTICE,
        "success",
        f"Saved: {counts.added} new, {counts.updated} updated, {counts.unchanged} already known. "
        "Pick them on Compose or name them in the chat.",
    )
    st.rerun()


def saved_section() -> None:
    from inmail.errors import WorkspaceError

    try:
        leads = list(state.workspace().saved_leads().values())  # as saved: one broken lead is still listed
    except WorkspaceError as exc:
        feedback.show(exc)
        return
    st.subheader(f"Saved leads ({len(leads)})")
    if not leads:
        st.caption("None yet: import a file or paste a profile page above.")
        return
    st.dataframe([_row(lead) for lead in reversed(leads)], hide_index=True)


def _row(lead: dict[str, Any]) -> dict[str, str]:
    name = " ".join(str(lead.get(field) or "") for field in ("first_name", "last_name")).strip()
    return {
        "Name": name or "(no name)",
        "Title": str(lead.get("title") or ""),
        "Company": str(lead.get("company") or ""),
        "Profile": str(lead.get("id") or ""),
    }


def chosen_leads() -> list[dict[str, Any]]:
    """The saved leads to draft for (all of them unless the user narrows the list)."""
    choices = {label: lead for label, lead in lead_choices().items() if label.startswith("Saved: ")}
    if not choices:
        st.caption("No saved leads yet: import them above, or save one on Compose.")
        return []
    picked = st.multiselect("Draft for", list(choices), default=list(choices), key=CHOSEN)
    return [choices[label] for label in picked]


st.title("Outreach")
feedback.show_notice(NOTICE)
upload_section()
paste_section()
if (preview := st.session_state.get(PREVIEW)) is not None:
    mapping_section(preview)
    preview_section(preview)
saved_section()
st.divider()
st.session_state[LEADS_KEY] = chosen_leads()
batch_section(state.workspace())
st.divider()
plan_section(state.workspace())
