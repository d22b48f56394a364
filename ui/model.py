"""Where the app finds its model: the environment, then Streamlit secrets, then the Settings page.

Base URL and model may come from any of the three (the page wins, for this session only). The configured
API key comes from the environment or secrets and is bound to the base URL configured beside it: a base
URL typed on the page gets no key unless the user types one for it there (kept in this session only) or
ticks "use my configured key with HOST". The app never stores or shows a key, only whether it is set.
The time budget per draft is the one model setting saved in a file (`inmail.model_settings`): it wins over
INMAIL_LLM_BUDGET, for Compose and the chat alike.
Nothing here imports the LLM stack; `probe` does, when the user presses the button.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import streamlit as st
from pydantic import BaseModel

if TYPE_CHECKING:
    from composer import LLMConfig

BASE_URL_ENV = "OPENAI_BASE_URL"
MODEL_ENV = "INMAIL_MODEL"
KEY_ENV = "OPENAI_API_KEY"

BASE_URL_KEY = "model.base_url"  # Settings page overrides (session only)
MODEL_KEY = "model.name"
PAGE_KEY_KEY = "model.api_key"  # a key typed for the page's server (session only)
TRUST_KEY = "model.trust_key"  # "use my configured key with HOST"
BUDGET_KEY = "model.budget"  # the time budget per draft as typed (saved with the Save button)
BUDGET_ENV = "INMAIL_LLM_BUDGET"


class Connection(BaseModel):
    base_url: str | None
    model: str | None
    key_set: bool
    base_url_from: str | None  # "environment" | "secrets" | "this page"
    model_from: str | None
    key_server: str | None = None  # where the configured key belongs (None with a key: OpenAI)
    key_goes_there: bool = False  # whether the key in force is sent to base_url


def _secrets() -> dict[str, str]:
    # st.secrets raises when no secrets.toml exists; load_if_toml_exists is the documented probe.
    if not st.secrets.load_if_toml_exists():
        return {}
    return {name: str(value) for name, value in st.secrets.items() if isinstance(value, str | int | float)}


def _pick(name: str, page_key: str | None, secrets: dict[str, str]) -> tuple[str | None, str | None]:
    if page_key and (value := str(st.session_state.get(page_key) or "").strip()):
        return value, "this page"
    if value := os.environ.get(name, "").strip():
        return value, "environment"
    if value := secrets.get(name, "").strip():
        return value, "secrets"
    return None, None


def _configured_key(secrets: dict[str, str]) -> tuple[str | None, str | None]:
    """The configured key and the base URL configured beside it, from the same source."""
    if key := os.environ.get(KEY_ENV, "").strip():
        return key, os.environ.get(BASE_URL_ENV, "").strip() or None
    if key := secrets.get(KEY_ENV, "").strip():
        return key, secrets.get(BASE_URL_ENV, "").strip() or None
    return None, None


def connection() -> Connection:
    from composer.llm_config import shown_url

    secrets = _secrets()
    base_url, base_from = _pick(BASE_URL_ENV, BASE_URL_KEY, secrets)
    model, model_from = _pick(MODEL_ENV, MODEL_KEY, secrets)
    key, key_server = _configured_key(secrets)
    config = llm_config()
    return Connection(
        base_url=shown_url(base_url),
        model=model,
        key_set=bool(key),
        base_url_from=base_from,
        model_from=model_from,
        key_server=key_server,
        key_goes_there=bool(config and config.has_key and config.key_allowed),
    )


def page_host() -> str | None:
    """The host typed on the page, when it is not the server the configured key belongs to."""
    from composer.llm_config import host_of, server_of

    typed = str(st.session_state.get(BASE_URL_KEY) or "").strip()
    key, key_server = _configured_key(_secrets())
    if not typed or not key or server_of(typed) == server_of(key_server):
        return None
    return host_of(typed)


def saved_budget() -> float | None:
    """The budget saved on the Settings page (None: not set, or the file is unusable, which the page
    says); it wins over INMAIL_LLM_BUDGET, as the page's other values win over the environment's."""
    from inmail.errors import WorkspaceError
    from inmail.model_settings import ModelSettingsFile
    from ui import state

    try:
        return ModelSettingsFile(state.data_path()).load().budget
    except WorkspaceError:
        return None


def llm_config() -> LLMConfig | None:
    """The model to draft with, or None to stay on the offline template engine (the workspace decides,
    from what this page gathers; the budget saved on the Settings page wins over INMAIL_LLM_BUDGET; a
    base URL that cannot be used, such as a port in letters, says so in one line on the page)."""
    from composer import InputError
    from inmail.drafting import BASE_URL_ENV as URL
    from inmail.drafting import MODEL_ENV as NAME
    from inmail.drafting import ModelSources
    from ui import state

    secrets = _secrets()
    key, key_server = _configured_key(secrets)
    env = {name: value for name, value in os.environ.items() if name.startswith("INMAIL_LLM_")}
    env |= {KEY_ENV: key or "", URL: key_server or ""}
    model, _ = _pick(MODEL_ENV, MODEL_KEY, secrets)
    env[NAME] = model or ""
    base_url, _ = _pick(BASE_URL_ENV, BASE_URL_KEY, secrets)
    sources = ModelSources(
        env=env,
        base_url=base_url,
        api_key=str(st.session_state.get(PAGE_KEY_KEY) or "").strip() or None,
        trust_key=bool(st.session_state.get(TRUST_KEY)),
    )
    try:
        return state.workspace().model_config(sources, tolerant=True)
    except InputError as exc:  # a base URL that cannot be used, such as a port in letters
        st.warning(f"{exc}. Until then drafts come from the offline template engine.")
        return None


def probe(*, timeout: float = 10.0) -> tuple[bool, str]:
    """Ask the server for its model list: one sentence saying whether the configured model is there."""
    config = llm_config()
    if config is None:
        return (
            False,
            "No model is configured: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one).",
        )
    from composer.llm_client import chat_model, explain_failure  # the LLM stack only on a click

    client = chat_model(config).root_client.with_options(timeout=timeout, max_retries=0)
    try:
        names = [item.id for item in client.models.list()]
    except Exception as exc:  # any failure is one sentence, never a traceback
        failure = explain_failure(exc, config=config)
        text = failure.message[:1].upper() + failure.message[1:]
        return False, text if text.endswith(("?", ".")) else text + "."
    model, _ = _pick(MODEL_ENV, MODEL_KEY, _secrets())
    if model and model not in names:
        shown = ", ".join(names[:5]) or "none"
        return False, f"The server is up but does not list the model {model!r} (it lists: {shown})."
    return True, f"Connected to {client.base_url}: {len(names)} model(s) listed" + (
        f", including {model!r}." if model else "."
    )
