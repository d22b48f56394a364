"""`inmail plans`, `inmail check` and `inmail ledger ...` through the installed console script."""

from __future__ import annotations

import json

import pytest

LEAD = {
    "id": "https://www.linkedin.com/in/maria-lopez-data",
    "first_name": "Maria",
    "last_name": "Lopez",
    "location": "Madrid, Spain",
    "degree": 2,
    "open_profile": False,
    "accepts_inmail": True,
}
MARIA = LEAD["id"]
CAREER_FROM_JAN_15 = ("ledger", "init", "--plan", "premium_career", "--start", "2026-01-15T00:00:00Z")


@pytest.fixture
def lead_file(tmp_path):
    def write(**changes):
        path = tmp_path / f"lead-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps({**LEAD, **changes}))
        return str(path)

    return write


@pytest.fixture
def ok(run_cli):
    def run(*args):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def one_line_error(result, *words):
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("inmail: error: ")
    for word in words:
        assert word in lines[0]


def test_status_before_init_says_how_to_start(run_cli):
    one_line_error(run_cli("ledger", "status"), "inmail ledger init --plan ID")
    one_line_error(run_cli("ledger", "inmail", MARIA), "inmail ledger init --plan ID")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("ledger", "init", "--plan", "gold"), ("unknown plan 'gold'", "premium_career")),
        (("ledger", "init", "--plan", "basic", "--at", "yesterday"), ("bad date 'yesterday'", "ISO 8601")),
        (("ledger", "init", "--plan", "premium_career", "--balance", "-2"), ("from 0 to 10,000",)),
        (("ledger", "init", "--plan", "premium_career", "--cycle-day", "40"), ("1 to 31",)),
        (("ledger", "init", "--plan", "sales_navigator", "--cycle-day", "15"), ("1st of the month",)),
        (("check", "missing.json"), ("missing.json does not exist",)),
        (("ledger", "override", "plans.gold.credits_per_month", "3"), ("unknown figure",)),
    ],
)
def test_bad_input_gets_one_line(run_cli, args, words):
    one_line_error(run_cli(*args), *words)


def test_bad_numbers_and_files_after_init(run_cli, ok, tmp_path):
    ok("ledger", "init", "--plan", "premium_career")
    one_line_error(run_cli("ledger", "sync", "-3"), "from 0 to 10,000")
    one_line_error(run_cli("ledger", "purchase", "two"), "whole number")
    one_line_error(run_cli("ledger", "response", MARIA, "--kind", "ghosted"), "unknown response kind")
    one_line_error(
        run_cli("ledger", "status", "--at", "2020-01-01"), "2020-01-01 00:00 UTC is before the plan's start"
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", ')
    one_line_error(run_cli("check", str(broken)), "not valid JSON", "line 1")
    not_a_lead = tmp_path / "list.json"
    not_a_lead.write_text("[1, 2]")
    one_line_error(run_cli("check", str(not_a_lead)), "JSON object")


def test_a_book_from_init_to_credit_back(ok, lead_file):
    ok(*CAREER_FROM_JAN_15, "--at", "2026-01-15T10:00Z")
    status = json.loads(ok("ledger", "status", "--at", "2026-03-20T00:00Z", "--json"))
    assert list(status) == ["plan", "balance", "lots", "next_renewal_at", "caps"]
    assert (status["plan"], status["balance"], status["next_renewal_at"]) == (
        "premium_career",
        15,
        "2026-04-15T00:00:00Z",
    )
    assert status["lots"][0] == {
        "credits": 5,
        "granted_at": "2026-01-15T00:00:00Z",
        "expires_at": "2026-04-15T00:00:00Z",
        "kind": "monthly",
    }
    assert status["caps"]["inmails_per_month"] == {"used": 0, "limit": 300, "window": "30d"}

    assert "balance 14" in ok("ledger", "inmail", MARIA, "--at", "2026-03-20T09:00Z")
    verdict = json.loads(ok("check", lead_file(), "--at", "2026-03-21T09:00Z", "--json"))
    assert (verdict["allowed"], verdict["channel"], verdict["credits"]) == (True, "inmail", 1)
    assert verdict["warnings"][0]["rule"] == "second_inmail"
    assert verdict["warnings"][0]["source"] == "LinkedIn Help 437, 1584, a554514 (official)"

    answered = ok("ledger", "response", MARIA, "--kind", "accepted", "--at", "2026-03-22T09:00Z")
    assert "balance 15" in answered
    assert "Credit back: 1 credit returned" in answered
    status = json.loads(ok("ledger", "status", "--at", "2026-03-22T09:00Z", "--json"))
    assert {
        "credits": 1,
        "granted_at": "2026-03-22T09:00:00Z",
        "expires_at": "2026-06-20T09:00:00Z",
        "kind": "refund",
    } in status["lots"]
    verdict = json.loads(ok("check", lead_file(), "--at", "2026-03-22T10:00Z", "--json"))
    assert (verdict["allowed"], verdict["channel"], verdict["credits"]) == (True, "inmail", 1)


def test_no_credits_waits_for_the_renewal_and_open_profile_stays_free(ok, lead_file):
    ok(*CAREER_FROM_JAN_15, "--at", "2026-01-15T00:00Z")
    assert "balance 0" in ok("ledger", "sync", "0", "--at", "2026-01-20T00:00Z")
    verdict = json.loads(ok("check", lead_file(), "--at", "2026-01-21T00:00Z", "--json"))
    assert (verdict["allowed"], verdict["channel"], verdict["next_allowed_at"]) == (
        False,
        "inmail",
        "2026-02-15T00:00:00Z",
    )
    free = json.loads(ok("check", lead_file(open_profile=True), "--at", "2026-01-21T00:00Z", "--json"))
    assert (free["allowed"], free["channel"], free["credits"]) == (True, "open_profile", 0)
    request = free["alternatives"][-1]
    assert (request["channel"], request["note_chars"], request["notes_left_this_month"]) == (
        "connection_request",
        300,
        None,
    )


def test_a_full_daily_cap_and_its_next_allowed_at(ok, lead_file):
    ok("ledger", "init", "--plan", "basic", "--at", "2026-03-01T00:00Z")
    ok("ledger", "override", "caps.messages_per_day_basic.limit", "2")
    ok("ledger", "invite", "someone", "--note", "--at", "2026-03-02T08:00Z")
    ok("ledger", "message", "friend", "--at", "2026-03-02T09:30Z")
    verdict = json.loads(ok("check", lead_file(degree=1), "--at", "2026-03-02T12:00Z", "--json"))
    assert (verdict["allowed"], verdict["channel"], verdict["next_allowed_at"]) == (
        False,
        "message",
        "2026-03-03T08:00:00Z",
    )
    assert verdict["reasons"][0]["source"] == "your override"
    assert verdict["alternatives"][-1]["notes_left_this_month"] == 4
    text = ok("check", lead_file(degree=1), "--at", "2026-03-02T12:00Z")
    assert "Not allowed now by message; next allowed at 2026-03-03 08:00 UTC" in text


def test_human_output(ok, lead_file):
    ok("ledger", "init", "--plan", "sales_navigator", "--at", "2026-03-01T00:00Z")
    ok("ledger", "inmail", MARIA, "--at", "2026-03-02T00:00Z")
    check = ok("check", lead_file(), "--at", "2026-03-02T06:00Z")
    assert "Allowed: inmail (1 credit(s))" in check
    assert "another InMail is allowed but takes one more credit" in check
    assert "Best time to send: Mon 2026-03-02 09:00-11:00 Europe/Madrid" in check
    status = ok("ledger", "status", "--at", "2026-03-02T06:00Z")
    assert "Balance: 49 credit(s) (max banked 150)" in status
    assert "inmails_per_month" in status
    assert "seed article (reported)" in status
    plans = ok("plans")
    assert "sales_navigator" in plans
    assert "LinkedIn Help 57013 (official)" in plans


def test_plans_json_and_overrides(ok):
    ok("ledger", "override", "plans.recruiter.credits_per_month", "20")
    data = json.loads(ok("plans", "--json"))
    recruiter = next(p for p in data["plans"] if p["id"] == "recruiter")
    assert (recruiter["credits_per_month"], recruiter["max_banked"]) == (20, 80)
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["plans.recruiter.credits_per_month"]["overridden"] is True
    assert figures["plans.premium_career.credits_per_month"]["source"] == "LinkedIn Help 75"
    assert "plans.recruiter.credits_per_month = 20" in ok("ledger", "override")
    assert "Cleared" in ok("ledger", "override", "plans.recruiter.credits_per_month", "--clear")
    assert ok("ledger", "override").strip() == "No overrides."


def test_data_dir_flag(run_cli, tmp_path):
    other = tmp_path / "elsewhere"
    result = run_cli("--data-dir", str(other), "ledger", "init", "--plan", "basic")
    assert result.returncode == 0, result.stderr
    assert (other / "ledger.sqlite3").exists()
    one_line_error(run_cli("ledger", "status"), "inmail ledger init")  # the default dir is still empty


def test_the_same_key_records_once(ok):
    ok("ledger", "init", "--plan", "premium_career", "--at", "2026-03-01T00:00Z")
    ok("ledger", "inmail", MARIA, "--key", "draft-7", "--at", "2026-03-02T00:00Z")
    again = ok("ledger", "inmail", MARIA + "/", "--key", "draft-7", "--at", "2026-03-02T00:00Z")
    assert again.startswith("Already recorded: InMail to " + MARIA)
    assert json.loads(ok("ledger", "status", "--json", "--at", "2026-03-03T00:00Z"))["balance"] == 4
