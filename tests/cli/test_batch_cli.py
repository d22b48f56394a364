"""`inmail batch` in process: JSONL and CSV rows, resuming, a bad lead skipped, bad input in one line."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.cli_output import one_error_line

from composer.samples import sample_json

MARIA = "https://www.linkedin.com/in/maria-lopez-data"
CAMILLE = "https://www.linkedin.com/in/camille-bernard-ops"


@pytest.fixture
def leads(tmp_path) -> Path:
    """Maria, a line that is not JSON, a lead without a first name, Camille, and a lead with no URL."""
    path = tmp_path / "leads.jsonl"
    lines = [
        json.dumps(sample_json("maria")),
        "{not json",
        json.dumps({"id": "https://www.linkedin.com/in/nobody", "first_name": ""}),
        json.dumps(sample_json("camille")),
        json.dumps({"first_name": "Ana", "last_name": "Silva", "company": "Porto Freight"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sender(tmp_path) -> Path:
    path = tmp_path / "sam.json"
    path.write_text(json.dumps(sample_json("sam")), encoding="utf-8")
    return path


@pytest.fixture
def business(data_dir):
    from limits import Account

    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(data_dir) as account:
        account.init_plan("premium_business", start=start, balance=15, at=start)


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_rows_hold_draft_checks_coach_verdict_and_warnings(cli, leads, sender, tmp_path, business):
    out = tmp_path / "out.jsonl"
    result = cli("batch", str(leads), "--sender", str(sender), "--out", str(out))
    assert result.returncode == 0, result.stderr
    got = rows(out)
    assert [row["name"] for row in got] == ["Maria Lopez", "Camille Bernard", "Ana Silva"]
    maria = got[0]
    assert maria["lead_id"] == MARIA
    assert maria["draft"]["body"].startswith("Hello Maria")
    assert maria["draft"]["checks"]
    assert maria["checks_ok"] is True
    assert 0 <= maria["coach_score"] <= 100
    assert maria["coach_score"] == maria["draft"]["coach"]["score"]
    assert maria["verdict"]["allowed"] is True
    assert maria["verdict"]["channel"] == "inmail"
    assert maria["verdict"]["credits"] == 1
    assert got[2]["lead_id"].startswith("local:ana-silva")  # an id made from name and company
    # The bad lines are said on stderr with where they were; the progress bar counts the leads.
    assert "skipped line 2: not valid JSON" in result.stderr
    assert "skipped line 3: lead: field 'first_name'" in result.stderr
    assert "3/3" in result.stderr
    assert result.stdout.startswith("3 drafted into")
    # Each draft is in the history: `inmail sent ID` can mark it.
    sent = cli("sent", maria["draft_id"][:8])
    assert sent.returncode == 0, sent.stderr


def test_csv_rows_say_channel_cost_and_checks(cli, leads, sender, tmp_path, business):
    out = tmp_path / "out.csv"
    result = cli("batch", str(leads), "--sender", str(sender), "--out", str(out), "--strategy", "pas")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["lead_id"] for row in table[:2]] == [MARIA, CAMILLE]
    first = table[0]
    assert (first["allowed"], first["channel"], first["credits"], first["checks_ok"]) == (
        "yes",
        "inmail",
        "1",
        "yes",
    )
    assert "\n" in first["body"]
    assert first["subject"]
    assert int(first["coach_score"]) > 0


def test_a_second_run_resumes_and_new_settings_draft_again(cli, leads, sender, tmp_path):
    out = tmp_path / "out.jsonl"
    first = cli("batch", str(leads), "--sender", str(sender), "--out", str(out), "--json")
    assert json.loads(first.stdout)["drafted"] == 3
    again = cli("batch", str(leads), "--sender", str(sender), "--out", str(out), "--json")
    summary = json.loads(again.stdout)
    assert (summary["drafted"], summary["already"]) == (0, 3)
    assert [skip["where"] for skip in summary["skipped"]] == ["line 2", "line 3"]
    assert len(rows(out)) == 3
    other = cli(
        "batch", str(leads), "--sender", str(sender), "--out", str(out), "--strategy", "aida", "--json"
    )
    assert json.loads(other.stdout)["drafted"] == 3
    assert len({row["settings_key"] for row in rows(out)}) == 2


def test_a_run_cut_short_resumes_after_its_torn_last_line(cli, leads, sender, tmp_path):
    out = tmp_path / "out.jsonl"
    cli("batch", str(leads), "--sender", str(sender), "--out", str(out))
    text = out.read_text(encoding="utf-8").splitlines()
    out.write_text(text[0] + "\n" + text[1][:40], encoding="utf-8")  # Camille's row cut mid-line
    again = cli("batch", str(leads), "--sender", str(sender), "--out", str(out), "--json")
    assert json.loads(again.stdout)["drafted"] == 2
    assert [row["name"] for row in rows_skipping_torn(out)] == ["Maria Lopez", "Camille Bernard", "Ana Silva"]


def rows_skipping_torn(path: Path) -> list[dict]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return found


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--sender", "missing.json", "--out", "OUT.jsonl"], "sender file missing.json does not exist"),
        (["--out", "/no/such/folder/out.jsonl"], "cannot write /no/such/folder/out.jsonl"),
        (["--out", "OUT.txt"], "use a file name ending in .jsonl or .csv"),
        (["--out", "OUT.jsonl", "--concurrency", "0"], "--concurrency 0"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_written(cli, leads, tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    result = cli("batch", str(leads), *args)
    assert expected in one_error_line(result)
    assert not (tmp_path / "OUT.jsonl").exists()
    assert "skipped line" not in result.stderr  # nothing is reported as done before the refusal


def test_a_file_of_no_leads_is_refused_whole(cli, tmp_path):
    path = tmp_path / "invoice.json"
    path.write_text(json.dumps({"invoice": 42, "total": 9.5}), encoding="utf-8")
    result = cli("batch", str(path), "--out", str(tmp_path / "out.jsonl"))
    assert "holds no lead" in one_error_line(result)
    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert "is not UTF-8 text" in one_error_line(cli("batch", str(binary), "--out", str(tmp_path / "o.csv")))
    assert not (tmp_path / "out.jsonl").exists()
    assert not (tmp_path / "o.csv").exists()


def test_an_output_that_is_not_a_batch_is_not_appended_to(cli, leads, sender, tmp_path):
    out = tmp_path / "contacts.csv"
    out.write_text("email,phone\na@b.c,1\n", encoding="utf-8")
    result = cli("batch", str(leads), "--sender", str(sender), "--out", str(out))
    assert "is not the output of a batch" in one_error_line(result)
    assert out.read_text(encoding="utf-8") == "email,phone\na@b.c,1\n"
