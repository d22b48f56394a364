"""Chat fixtures: the app with the Chat page open, a ledger with a plan, a model on the fake server."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MARIA = "https://www.linkedin.com/in/maria-lopez-data"


@pytest.fixture
def plan(data_dir):
    """A Premium Career member with 5 credits, set a few days ago."""
    from limits import Account

    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(data_dir) as account:
        account.init_plan("premium_career", start=start, balance=5, at=start)
    return data_dir


@pytest.fixture
def model_env(fake_openai, monkeypatch):
    """The app's model settings point at the fake server."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    monkeypatch.setenv("INMAIL_LLM_TIMEOUT", "10")
    return fake_openai


@pytest.fixture
def chat(data_dir) -> AppTest:
    """app.py with the Chat page open, after its first run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("ui/chat.py").run()
    assert not at.exception, at.exception
    return at


def say(at: AppTest, text: str) -> AppTest:
    """Type `text` into the chat input and send it; returns the app after the reply."""
    at.chat_input(key="chat.input").set_value(text).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """What the page shows as text (plain text, markdown and alerts with their escapes removed)."""
    parts = []
    for kind in ("text", "markdown", "caption", "error", "warning", "success", "info"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("  \n", "\n")


def conversation(at: AppTest):
    return at.session_state["chat.conversation"]


def replies(at: AppTest) -> list:
    from composer.assistant import Role

    return [m for m in conversation(at).messages if m.role is Role.ASSISTANT]
