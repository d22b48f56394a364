"""Issue 18, item 5, in the CLI and the chat: a follow-up needs a recorded first message to the lead; the
book tells drafting (a flag), and without one the follow-up is refused in one line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from composer.samples import sample_json
from limits import Account

MARIA = "https://www.linkedin.com/in/maria-lopez-data"


def _lead_file(tmp_path):
    path = tmp_path / "maria.json"
    path.write_text(json.dumps(sample_json("maria")))
    return str(path)


def test_a_follow_up_without_a_first_message_is_refused_then_drafted_after_one(cli, data_dir, tmp_path):
    lead = _lead_file(tmp_path)
    refused = cli("draft", lead, "--channel", "follow_up")
    assert refused.returncode != 0
    lines = [line for line in refused.stderr.splitlines() if line.startswith("inmail: error")]
    assert len(lines) == 1
    assert "No first message to Maria Lopez is recorded" in lines[0]
    assert "send the first message" in lines[0]
    start = datetime.now(UTC) - timedelta(days=10)
    with Account.open(data_dir) as account:
        account.init_plan("premium_career", start=start, at=start)
        account.record_inmail(MARIA, at=start + timedelta(days=1))
    drafted = cli("draft", lead, "--channel", "follow_up")
    assert drafted.returncode == 0, drafted.stderr
    assert "Maria" in drafted.stdout


def test_the_chat_refuses_a_follow_up_to_a_lead_never_contacted(data_dir):
    from assistant import Assistant, Conversation, Services
    from inmail.workspace import Workspace

    with Workspace.open(data_dir) as workspace:
        bot, talk = Assistant(Services(workspace=workspace)), Conversation()
        for text in ("/lead maria", "as a follow-up"):
            said = "".join(bot.reply(talk, text))
    assert "No first message to Maria Lopez is recorded" in said
    assert talk.draft is None
