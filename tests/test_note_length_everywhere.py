"""The plan's connection-note length applies the same in every front end: on Premium Business a 250-character
note is accepted by the CLI, the Compose page and the chat; on Basic, and with no plan yet, the 200-character
limit applies in all three. The model (the fake server) writes the 250-character note each time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from support.apptest import open_app
from support.fake_openai import Reply

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Draft

NOTE = (
    "Hi Maria, your post on why late deliveries are a data problem, not a driver problem, matches what "
    "we see at Tally Forecast, where we predict weekly parcel volumes per depot so planners staff the "
    "right shifts. Would you be up for connecting this week?"
)
FREE_LIMIT = 200
PLANS = [("premium_business", True), ("basic", False), (None, False)]


@pytest.fixture(params=PLANS, ids=[str(plan) for plan, _ in PLANS])
def plan(request, data_dir):
    """(plan id or None, whether a 250-character note fits), with the ledger set up for it."""
    from limits import Account

    name, fits = request.param
    if name is not None:
        start = datetime.now(UTC) - timedelta(days=3)
        with Account.open(data_dir) as account:
            account.init_plan(name, start=start, at=start)
    return name, fits


@pytest.fixture
def model(fake_openai, monkeypatch):
    """Every front end's model settings point at the fake server, which always writes NOTE."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    monkeypatch.setenv("INMAIL_LLM_TIMEOUT", "10")
    fake_openai.default = Reply(text=NOTE)
    return fake_openai


def expect(body: str, fits: bool, written: str = NOTE) -> None:
    if fits:
        assert body == written
    else:  # too long for the plan: not the result as written (a fallback draft, or cut to the limit)
        assert body != written
        assert len(body) <= FREE_LIMIT


def test_the_note_is_250_characters():
    assert len(NOTE) == 250


def test_cli(cli, plan, model, tmp_path):
    lead, sender = tmp_path / "lead.json", tmp_path / "sender.json"
    lead.write_text(SAMPLE_LEAD.model_dump_json(), encoding="utf-8")
    sender.write_text(SAMPLE_SENDER.model_dump_json(), encoding="utf-8")
    args = ["--sender", str(sender), "--channel", "connection_note", "--engine", "llm", "--json"]
    result = cli("draft", str(lead), *args)
    assert result.returncode == 0, result.stderr
    expect(json.loads(result.stdout)["body"], plan[1])


def test_compose_page(plan, model):
    at = open_app("ui/compose.py")
    at.button(key="btn.try_sample").click().run()
    at.session_state["opts.channel"] = "connection_note"
    at.button(key="btn.generate").click().run()
    assert not at.exception, at.exception
    drafts: list[Draft] = at.session_state["drafts"][SAMPLE_LEAD.id]
    expect(drafts[0].body, plan[1])
    assert not at.exception


def test_chat(plan, model, data_dir):
    from assistant import Conversation, Services
    from assistant.drafts import edited, write
    from assistant.instructions import Changes
    from composer import LLMConfig, Settings
    from inmail.workspace import Workspace

    llm = LLMConfig(base_url=model.base_url, model="fake-model", timeout=10)
    talk = Conversation(lead=SAMPLE_LEAD, settings=Settings())
    services = Services(workspace=Workspace(data_dir), llm=llm)
    list(write(talk, services, changes=Changes(channel="connection_note")))
    assert talk.draft is not None
    expect(talk.draft.body, plan[1])
    # Offline too: the user's own edit of the note is held to the same figure.
    services.llm = None
    edit = NOTE.replace("this week", "next week")
    assert edited(talk, services, subject=None, body=edit)
    expect(talk.draft.body, plan[1], edit)
