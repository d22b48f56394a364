"""Where the app finds its model: the environment, then Streamlit secrets, then the Settings page.

Base URL and model may come from any of the three (the page wins, for this session only). The API key comes
only from the environment or secrets: the app never asks for it, stores it, or shows it, only whether it is
set. Nothing here imports the LLM stack; `test_connection` does, when the user presses the button.
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


class Connection(BaseModel):
    base_url: str | None
    model: str | None
    key_set: bool
    base_url_from: str | None  # "environment" | "secrets" | "this page"
    model_from: str | None


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


def connection() -> Connection:
    secrets = _secrets()
    base_url, base_from = _pick(BASE_URL_ENV, BASE_URL_KEY, secrets)
    model, model_from = _pick(MODEL_ENV, MODEL_KEY, secrets)
    key, _ = _pick(KEY_ENV, None, secrets)
    return Connection(
        base_url=base_url, model=model, key_set=bool(key), base_url_from=base_from, model_from=model_from
    )


def model_env() -> dict[str, str]:
    """The environment the composer's `LLMConfig.from_env` reads, with secrets and page overrides applied."""
    secrets = _secrets()
    env = {}
    for name, page_key in ((BASE_URL_ENV, BASE_URL_KEY), (MODEL_ENV, MODEL_KEY), (KEY_ENV, None)):
        value, _ = _pick(name, page_key, secrets)
        if value:
            env[name] = value
    return env


def llm_config() -> LLMConfig | None:
    """The model to draft with, or None to stay on the offline template engine."""
    from composer import LLMConfig

    return LLMConfig.from_env(env=model_env())


def probe(*, timeout: float = 10.0) -> tuple[bool, str]:
    """Ask the server for its model list: one sentence saying whether the configured model is there."""
    env = model_env()
    if not env.get(BASE_URL_ENV) and not env.get(KEY_ENV):
        return (
            False,
            "No model is configured: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one).",
        )
    import openai  # only here: the LLM stack stays out of the app's first paint

    options = {"base_url": env[BASE_URL_ENV]} if env.get(BASE_URL_ENV) else {}
    # Local servers (Ollama, llama.cpp) take no key, but the client insists on one.
    client = openai.OpenAI(
        api_key=env.get(KEY_ENV) or "not-needed", timeout=timeout, max_retries=0, **options
    )
    try:
        names = [item.id for item in client.models.list()]
    except openai.AuthenticationError:
        return False, "The server rejected the API key: check OPENAI_API_KEY in the environment or secrets."
    except openai.APIConnectionError:
        return False, f"Could not reach {client.base_url}: check the base URL and that the server is running."
    except openai.APIStatusError as exc:
        return (
            False,
            f"The server answered HTTP {exc.status_code} to a model list request: check the base URL.",
        )
    model = env.get(MODEL_ENV)
    if model and model not in names:
        shown = ", ".join(names[:5]) or "none"
        return False, f"The server is up but does not list the model {model!r} (it lists: {shown})."
    return True, f"Connected to {client.base_url}: {len(names)} model(s) listed" + (
        f", including {model!r}." if model else "."
    )
