"""Outreach page: choose leads (saved ones, or a JSON / JSON Lines file), then draft for all of them.

The leads chosen here go to the batch section (`ui.outreach_batch`) under its `LEADS_KEY`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from ui import feedback, state
from ui.lead_form import lead_choices
from ui.outreach_batch import LEADS_KEY, batch_section
from ui.plain import md_escape

UPLOAD_KEY = "outreach.upload"
SAVED_KEY = "outreach.saved"
UPLOAD_TYPES = ["json", "jsonl"]


def _uploaded(upload: Any) -> list[dict[str, Any]]:
    """The leads in an uploaded file, read by the workspace's `load_leads` (what was skipped is said)."""
    from inmail.errors import WorkspaceError
    from inmail.lead_files import MAX_LEADS_BYTES, load_leads

    if upload.size > MAX_LEADS_BYTES:
        st.error(f"{upload.name} is larger than {MAX_LEADS_BYTES:,} bytes: is it the right file?")
        return []
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"leads{suffix}"
        path.write_bytes(upload.getvalue())
        try:
            read = load_leads(path)
        except WorkspaceError as exc:
            st.error(
                md_escape(feedback.message(exc).replace(str(path), upload.name)), icon=":material/error:"
            )
            return []
    for skip in read.skipped:
        st.caption(md_escape(f"Skipped {skip.where}: {skip.why}"))
    st.caption(f"{len(read.imported)} lead{'s' if len(read.imported) != 1 else ''} read from {upload.name}.")
    return [lead.model_dump(mode="json") for lead in read.imported]


def _chosen_leads() -> list[dict[str, Any]]:
    choices = {label: lead for label, lead in lead_choices().items() if label.startswith("Saved: ")}
    picked: list[str] = []
    if choices:
        picked = st.multiselect("Saved leads", list(choices), default=list(choices), key=SAVED_KEY)
    else:
        st.caption("No saved leads yet: save one on Compose, or upload a file.")
    upload = st.file_uploader("Or a file of leads (JSON or JSON Lines)", type=UPLOAD_TYPES, key=UPLOAD_KEY)
    from_file = _uploaded(upload) if upload is not None else []
    return [choices[label] for label in picked] + from_file


def render() -> None:
    st.title("Outreach")
    st.subheader("Leads")
    st.session_state[LEADS_KEY] = _chosen_leads()
    batch_section(state.workspace())


if __name__ == "__main__":
    render()
