"""Session-state keys and the services every page shares, opened once per process.

Widget values live in `st.session_state` under dotted keys grouped by prefix (`lead.`, `sender.`, `opts.`,
`model.`). Streamlit forgets a widget's value when a run does not draw it (another page is open), so
`keep_inputs()` re-assigns those keys on every run: what the user typed survives page switches and errors.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from inmail.config import data_dir

if TYPE_CHECKING:
    from composer import Draft, TemplateStore
    from inmail.workspace import Workspace
    from limits import Account

# Keys that belong to input widgets and must outlive a page switch. Buttons never use these prefixes:
# Streamlit refuses to have a button's value set through session state.
KEPT_PREFIXES = ("lead.", "sender.", "opts.", "model.", "tpl.", "draft.")


class Key(StrEnum):
    """Non-widget session keys (widget keys are built by the page that owns the widget)."""

    DRAFTS = "drafts"  # dict[lead id, list[Draft]]: drafts made in this session, newest last
    SENT = "sent"  # dict[draft id, balance after]: drafts this session marked as sent


def keep_inputs() -> None:
    """Re-assign every kept widget key so Streamlit does not drop it on pages that do not draw it."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(KEPT_PREFIXES):
            st.session_state[key] = st.session_state[key]


def get(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def now() -> datetime:
    return datetime.now(UTC)


def data_path() -> Path:
    return data_dir()


@st.cache_resource(show_spinner=False)
def _workspace(path: str) -> Workspace:
    from inmail.workspace import Workspace

    return Workspace(Path(path))


def workspace() -> Workspace:
    """The workspace of the data directory in force (cached per directory, so tests can switch dirs)."""
    return _workspace(str(data_path()))


def account() -> Account:
    return workspace().account


def template_store() -> TemplateStore:
    return workspace().store


# -- what survives a reload: kept inputs and the Compose drafts, saved in the data directory -----------

COMPOSE_SLOT = "compose"
RESTORED = "state.restored"  # set once per browser session, after the saved state was put back
_SAVED = "state.saved"  # the last state written, so an unchanged rerun writes nothing
SAVED_PREFIXES = ("lead.", "sender.", "opts.", "draft.compose.")


def _plain(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str | int | float | bool) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


def restore() -> str | None:
    """Once per browser session, put back the form values and drafts saved by the last one.

    Returns a sentence when the saved state could not be read (the page shows it; nothing is lost).
    """
    from inmail.errors import WorkspaceError

    if st.session_state.get(RESTORED):
        return None
    st.session_state[RESTORED] = True
    try:
        saved = workspace().sessions.load(COMPOSE_SLOT)
    except WorkspaceError as exc:
        return f"Could not bring back the last session's form ({exc}); starting afresh."
    if not saved:
        return None
    inputs = saved.get("inputs")
    if isinstance(inputs, dict):
        for key, value in inputs.items():
            if isinstance(key, str) and key.startswith(SAVED_PREFIXES) and _plain(value):
                st.session_state.setdefault(key, value)
    from composer import Draft  # only when there is something to bring back

    drafts: dict[str, list[Draft]] = {}
    for lead, items in (saved.get("drafts") or {}).items():
        try:
            drafts[str(lead)] = [Draft.model_validate(item) for item in items]
        except (ValueError, TypeError):
            continue  # a draft of an older shape: the rest still comes back
    st.session_state.setdefault(Key.DRAFTS, drafts)
    st.session_state[_SAVED] = saved
    return None


def save() -> str | None:
    """Write the form values and the drafts when they changed; a sentence when that failed."""
    from inmail.errors import WorkspaceError

    inputs = {
        key: value
        for key, value in st.session_state.items()
        if isinstance(key, str) and key.startswith(SAVED_PREFIXES) and _plain(value)
    }
    drafts = {
        lead: [draft.model_dump(mode="json") for draft in items]
        for lead, items in st.session_state.get(Key.DRAFTS, {}).items()
    }
    data = {"inputs": dict(sorted(inputs.items())), "drafts": drafts}
    if st.session_state.get(_SAVED) == data:
        return None
    try:
        workspace().sessions.save(COMPOSE_SLOT, data)
    except WorkspaceError as exc:
        return f"Could not keep this page for the next visit ({exc})."
    st.session_state[_SAVED] = data
    return None
