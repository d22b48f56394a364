"""`inmail coach FILE|-`: in process through main([...]), and once through the console script."""

from __future__ import annotations

import io
import json
import sys

import pytest

from inmail.cli.coach_command import MAX_BYTES
from inmail.cli.main import main

GOOD = """Subject: Your post on late deliveries

Hi Maria,

Your post on late deliveries being a data problem matched what we hear from depot planners. At Acme you \
already cut late deliveries by 18% with demand forecasts.

Would a 15-minute call next Tuesday be useful?

Best,
Sam"""

BAD = """Subject: Quick question

Hi {first_name},

We are the leading platform. We help companies like yours. We are FREE this month!!! Call us!"""


def _coach(capsys, tmp_path, text: str | bytes, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "message.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code = main(["coach", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_output_gives_the_score_then_each_part(capsys, tmp_path):
    code, out, err = _coach(capsys, tmp_path, GOOD)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Score ")
    assert "in en (guessed)" in lines[0]
    for name in ("length", "reading ease", "personalisation", "you focus", "ask", "subject", "spam"):
        assert any(line.strip().startswith(name) for line in lines[1:]), (name, out)


def test_weak_parts_print_their_suggestion(capsys, tmp_path):
    code, out, _ = _coach(capsys, tmp_path, BAD)
    assert code == 0
    assert "-> Replace '{first_name}'" in out
    assert '-> Make the subject about them: "Quick question"' in out
    score = int(out.split()[1].split("/")[0])
    good_score = (_coach(capsys, tmp_path, GOOD)[1]).split()[1]
    assert score + 10 <= int(good_score.split("/")[0])


def test_json_has_the_report_the_channel_and_the_language(capsys, tmp_path):
    code, out, _ = _coach(capsys, tmp_path, GOOD, "--json", "--language", "en", "--channel", "follow_up")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"channel", "language", "score", "parts"}
    assert data["channel"] == "follow_up"
    assert data["language"] == "en"
    assert 0 <= data["score"] <= 100
    assert {p["name"] for p in data["parts"]} >= {"length", "subject", "ask"}
    assert all(set(p) == {"name", "score", "weight", "detail", "suggestion"} for p in data["parts"])


def test_the_subject_line_is_read_in_other_languages(capsys, tmp_path):
    text = "Betreff: Ihr Beitrag zur Schichtplanung\n\nHallo Herr Becker, hätten Sie Zeit für ein Gespräch?"
    code, out, _ = _coach(capsys, tmp_path, text, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["language"] == "de"
    assert any(p["name"] == "subject" and p["detail"] == "30 characters" for p in data["parts"])


def test_without_a_subject_line_the_subject_is_not_scored(capsys, tmp_path):
    code, out, _ = _coach(capsys, tmp_path, GOOD.split("\n", 2)[2])
    assert code == 0
    assert "no subject scored" in out
    assert not any(line.strip().startswith("subject ") for line in out.splitlines())


def test_standard_input_is_read_with_a_dash(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode("utf-8"))))
    assert main(["coach", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"] > 50


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, (), "does not exist"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (), "is a binary file, not text"),
        ("Hi Maria, " * (MAX_BYTES // 10 + 1), (), "is over 100 KB"),
        ("Hola Lucía, ¿hablamos?".encode("latin-1"), (), "is not UTF-8 text"),
        ("", (), "is empty"),
        (" \n\t\n", (), "is empty"),
        ("Subject: Hello\n\n", (), "no body"),
        (GOOD, ("--channel", "fax"), "unknown channel 'fax'"),
        (GOOD, ("--language", "english!"), "is not a language code"),
    ],
    ids=["missing", "binary", "huge", "latin-1", "empty", "blank", "subject-only", "channel", "language"],
)
def test_bad_input_gets_one_line_and_a_non_zero_exit(capsys, tmp_path, content, args, message):
    path = tmp_path / "message.txt"
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code = main(["coach", str(path), *args])
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("inmail: error: ")
    assert message in err


def test_a_directory_is_refused(capsys, tmp_path):
    assert main(["coach", str(tmp_path)]) != 0
    assert "is a directory" in capsys.readouterr().err


def test_the_console_script_coaches_standard_input(run_cli):
    result = run_cli("coach", "-", "--language", "en", input=BAD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Score ")
    assert "Traceback" not in result.stderr
    missing = run_cli("coach", "/nonexistent/message.txt")
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("inmail: error:")
