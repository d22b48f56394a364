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
    from composer import TemplateStore
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
