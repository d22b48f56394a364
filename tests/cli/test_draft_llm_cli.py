"""`inmail draft --engine llm` in process: which engine made the result and why, --keep-failing,
--budget, and keys that never reach the output or the data directory."""

from __future__ import annotations

import json

import pytest
from support.fake_openai import Reply

from composer import SAMPLE_LEAD, SAMPLE_SENDER
from inmail.cli.main import main

KEY = "sk-proj-Secret0123456789abcdef"
NO_WAIT = {"Retry-After": "0"}  # the SDK's back-off would only slow the test down
GOOD = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on why late deliveries are a data "
    "problem matches what we see.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam Rivera"
)


@pytest.fixture
def files(tmp_path):
    lead, sender = tmp_path / "maria.json", tmp_path / "sam.json"
    lead.write_text(SAMPLE_LEAD.model_dump_json(), encoding="utf-8")
    sender.write_text(SAMPLE_SENDER.model_dump_json(), encoding="utf-8")
    return {"lead": str(lead), "sender": str(sender), "dir": tmp_path}


@pytest.fixture
def model_env(monkeypatch, fake_openai):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    return fake_openai


def draft(files, *extra: str) -> int:
    return main(["draft", files["lead"], "--sender", files["sender"], "--engine", "llm", *extra])


def test_json_says_which_engine_made_the_result_and_why(files, model_env, capsys):
    model_env.enqueue("Subject: Hi\n\n<>", GOOD)
    assert draft(files, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["engine"], data["outcome"]) == ("llm", "repaired")
    assert data["why"].startswith("the model's first draft failed its checks (")
    assert all(check["ok"] for check in data["checks"])


def test_a_failing_result_is_not_a_result_without_keep_failing(files, tmp_path, capsys):
    lead = tmp_path / "bare.json"
    lead.write_text(json.dumps({"first_name": "Ana"}), encoding="utf-8")
    args = ["draft", str(lead), "--sender", files["sender"]]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Subject:")  # printed, so nothing is lost
    assert "inmail: error: the draft fails lead_fact" in captured.err
    assert "--keep-failing" in captured.err
    assert main([*args, "--keep-failing"]) == 0


def test_budget_flag_bounds_a_hanging_server(files, model_env, capsys):
    model_env.enqueue(Reply(hang=True))
    assert draft(files, "--budget", "0.5", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "fallback"
    assert "within the 0.5 s budget" in data["why"]


def test_the_budget_saved_on_the_settings_page_applies_and_the_flag_wins(files, model_env, capsys):
    from inmail.model_settings import ModelSettings, ModelSettingsFile
    from inmail.workspace import Workspace

    ModelSettingsFile(Workspace.open().root).save(ModelSettings(budget=0.4))
    model_env.enqueue(Reply(hang=True), Reply(hang=True))
    assert draft(files, "--json") == 0
    assert "within the 0.4 s budget" in json.loads(capsys.readouterr().out)["why"]
    assert draft(files, "--budget", "0.6", "--json") == 0
    assert "within the 0.6 s budget" in json.loads(capsys.readouterr().out)["why"]


def test_a_bad_budget_is_one_line(files, model_env, capsys):
    assert draft(files, "--budget", "0") == 2
    assert "--budget 0 is not a number of seconds" in capsys.readouterr().err


@pytest.mark.parametrize(
    "reply",
    [
        Reply(status=401, error=f"Incorrect API key provided: {KEY}. Find your key at the dashboard."),
        Reply(status=500, error=f"upstream failed for Authorization: Bearer {KEY}", headers=NO_WAIT),
        Reply(status=500, body=json.dumps({"error": {"message": f"bad key {KEY[:-3]}xyz"}}), headers=NO_WAIT),
    ],
)
def test_a_key_echoed_by_the_server_never_reaches_output_or_files(files, model_env, capsys, data_dir, reply):
    model_env.default = reply
    for extra in ((), ("--json",)):
        assert draft(files, *extra) == 0
        captured = capsys.readouterr()
        assert "model" in captured.err  # the warning is there, worded, without the key
        assert KEY not in captured.out + captured.err
        assert KEY[:20] not in captured.out + captured.err
    written = [p for p in [*data_dir.rglob("*"), *files["dir"].rglob("*")] if p.is_file()]
    for path in written:
        assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_model_that_repeats_the_key_is_redacted(files, model_env, capsys):
    model_env.default = Reply(text=GOOD.replace("Best,", f"My key is {KEY}.\n\nBest,"))
    assert draft(files, "--json") == 0
    assert KEY not in capsys.readouterr().out
