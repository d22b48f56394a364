"""Hostile or odd input at the command line: escape codes in lead text, a terminal that cannot show the
draft's characters, closed standard input, dates at the edge of time. Each gets escaped output or one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer.samples import sample_json

INIT = ("ledger", "init", "--plan", "premium_career", "--start", "2026-01-15T00:00:00Z")
ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b[2A\x9b1J\u202e"


@pytest.fixture
def hostile_lead(tmp_path) -> Path:
    lead = {**sample_json("maria"), "id": "maria" + ESCAPES, "last_name": "Lopez" + ESCAPES}
    path = tmp_path / "lead.json"
    path.write_text(json.dumps(lead), encoding="utf-8")
    return path


def no_raw_escapes(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text)


def test_escape_codes_in_lead_text_are_shown_escaped_in_every_output(cli, hostile_lead):
    outputs = [
        cli("draft", str(hostile_lead)),
        cli("draft", str(hostile_lead), "--json"),
        cli("drafts"),
        cli("ledger", "init", "--plan", "premium_career", "--start", "2026-01-15T00:00:00Z"),
        cli("ledger", "inmail", "maria" + ESCAPES, "--at", "2026-02-01T10:00Z"),
        cli("ledger", "sent", "--at", "2026-02-02T00:00Z"),
        cli("ledger", "sent", "--json", "--at", "2026-02-02T00:00Z"),
    ]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        no_raw_escapes(result.stdout + result.stderr)
    assert "\\u001b]52" in outputs[5].stdout  # shown, not dropped: the user sees what the book holds
    assert json.loads(outputs[6].stdout)[0]["lead_id"].startswith("maria\x1b]52")  # valid JSON still


def test_a_terminal_without_the_characters_gets_escapes_after_the_draft_is_saved(run_cli, tmp_path):
    lead = tmp_path / "jonas.json"
    lead.write_text(json.dumps(sample_json("jonas")), encoding="utf-8")
    result = run_cli("draft", str(lead), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Jonas" in result.stdout


def test_coach_with_standard_input_closed_gets_one_line(data_dir):
    script = Path(sys.executable).parent / "inmail"
    env = {**os.environ, "INMAIL_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        ["bash", "-c", f"'{script}' coach - <&-"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "inmail: error: standard input is closed: pipe the message in, or give a file"
    ]


def one_line(result, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("inmail: error: ")
    for word in words:
        assert word in lines[0]


def test_a_time_zone_that_is_a_folder_of_the_zone_database_is_one_line(cli, tmp_path):
    lead = tmp_path / "lead.json"
    lead.write_text(json.dumps({"id": "anna", "first_name": "Anna", "timezone": "Europe"}), encoding="utf-8")
    one_line(cli("check", str(lead)), "unknown time zone 'Europe'")


def test_an_instant_past_the_calendar_in_utc_is_one_line(cli):
    assert cli(*INIT).returncode == 0
    one_line(cli("ledger", "status", "--at", "9999-12-31T23:59:59-23:59"), "out of range")


def test_a_hand_written_override_that_is_not_json_is_one_line_and_can_be_cleared(cli, data_dir):
    import sqlite3

    assert cli(*INIT).returncode == 0
    with sqlite3.connect(data_dir / "ledger.sqlite3") as db:
        db.execute("INSERT INTO overrides VALUES ('plans.basic.credits_per_month', 'not json', 1)")
    one_line(cli("ledger", "status"), "plans.basic.credits_per_month")
    assert cli("ledger", "override", "plans.basic.credits_per_month", "--clear").returncode == 0
    assert cli("ledger", "status").returncode == 0
