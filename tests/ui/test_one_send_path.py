"""The app, the CLI and the chat record a send through the same call: `Workspace.mark_sent`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from composer.samples import sample_json
from inmail.workspace import Workspace
from limits import EventKind

MARIA = "https://www.linkedin.com/in/maria-lopez-data"


@pytest.fixture
def calls(monkeypatch, data_dir):
    """Every `Workspace.mark_sent` call (the real one still runs), as (draft id, lead id)."""
    seen: list[tuple[str, str]] = []
    real = Workspace.mark_sent

    def spy(self, draft, lead, **options):
        seen.append((draft.id, str(lead["id"] if isinstance(lead, dict) else lead.id)))
        return real(self, draft, lead, **options)

    monkeypatch.setattr(Workspace, "mark_sent", spy)
    start = datetime.now(UTC) - timedelta(days=3)
    with Workspace.open(data_dir) as ws:
        ws.account.init_plan("premium_career", start=start, balance=5, at=start)
    return seen


def _inmails(data_dir) -> list[str | None]:
    with Workspace.open(data_dir) as ws:
        return [e.key for e in ws.account.events() if e.kind is EventKind.INMAIL]


def test_the_cli_records_through_the_workspace(cli, calls, data_dir, tmp_path):
    lead = tmp_path / "maria.json"
    lead.write_text(json.dumps(sample_json("maria")))
    draft_id = json.loads(cli("draft", str(lead), "--json").stdout)["id"]
    assert cli("sent", draft_id).returncode == 0
    assert calls == [(draft_id, MARIA)]
    assert _inmails(data_dir) == [draft_id]


def test_the_chat_records_through_the_workspace(calls, data_dir):
    from assistant import Assistant, Conversation, Services

    with Workspace.open(data_dir) as ws:
        bot, talk = Assistant(Services(workspace=ws)), Conversation()
        for text in ("/lead maria", "/draft", "/sent"):
            "".join(bot.reply(talk, text))
    assert calls == [(talk.draft.id, MARIA)]
    assert _inmails(data_dir) == [talk.draft.id]


def test_the_app_records_through_the_workspace(open_page, calls, data_dir):
    at = open_page("ui/compose.py")
    at.selectbox(key="pick.lead").select("Sample: Maria Lopez, Acme Logistics").run()
    at.button(key="btn.sample_sender").click().run()
    at.button(key="btn.generate").click().run()
    key = next(b.key for b in at.button if b.label == "Mark as sent")
    at.button(key=key).click().run()
    assert not at.exception
    draft_id = key.rsplit(".", 1)[-1]
    assert calls == [(draft_id, MARIA)]
    assert _inmails(data_dir) == [draft_id]
