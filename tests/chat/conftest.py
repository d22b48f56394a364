"""Chat fixtures: the app with the Chat page open, a ledger with a plan, a model on the fake server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_app


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
    return open_app("ui/chat.py")
