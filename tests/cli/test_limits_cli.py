"""`inmail plans`, `inmail check` and `inmail ledger ...`: in process through `main([...])`, and a few
through the installed console script."""

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
def ok(cli):
    def run(*args):
        result = cli(*args)
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


def test_status_before_init_says_how_to_start(cli):
    one_line_error(cli("ledger", "status"), "inmail ledger init --plan ID")
    one_line_error(cli("ledger", "inmail", MARIA), "inmail ledger init --plan ID")


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
def test_bad_input_gets_one_line(cli, args, words):
    one_line_error(cli(*args), *words)


def test_bad_numbers_and_files_after_init(cli, ok, tmp_path):
    ok("ledger", "init", "--plan", "premium_career")
    one_line_error(cli("ledger", "sync", "-3"), "from 0 to 10,000")
    one_line_error(cli("ledger", "purchase", "two"), "whole number")
    one_line_error(cli("ledger", "response", MARIA, "--kind", "ghosted"), "unknown response kind")
    one_line_error(
        cli("ledger", "status", "--at", "2020-01-01"), "2020-01-01 00:00 UTC is before the plan's start"
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", ')
    one_line_error(cli("check", str(broken)), "not valid JSON", "line 1")
    not_a_lead = tmp_path / "list.json"
    not_a_lead.write_text("[1, 2]")
    one_line_error(cli("check", str(not_a_lead)), "JSON object")


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
    assert verdict["warnings"][0]["source"] == (
        "LinkedIn Help 437, 1584, a554514 "
        "(official; sources conflict: 75 says blocked, 437 says it costs a credit)"
    )

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


def test_data_dir_flag(cli, tmp_path):
    other = tmp_path / "elsewhere"
    result = cli("--data-dir", str(other), "ledger", "init", "--plan", "basic")
    assert result.returncode == 0, result.stderr
    assert (other / "ledger.sqlite3").exists()
    one_line_error(cli("ledger", "status"), "inmail ledger init")  # the default dir is still empty


def test_the_same_key_records_once(ok):
    ok("ledger", "init", "--plan", "premium_career", "--at", "2026-03-01T00:00Z")
    ok("ledger", "inmail", MARIA, "--key", "draft-7", "--at", "2026-03-02T00:00Z")
    again = ok("ledger", "inmail", MARIA + "/", "--key", "draft-7", "--at", "2026-03-02T00:00Z")
    assert again.startswith("Already recorded: InMail to " + MARIA)
    assert json.loads(ok("ledger", "status", "--json", "--at", "2026-03-03T00:00Z"))["balance"] == 4


# -- backfill, keys, plans, responses, the sent list ------------------------------------------


def events_table(data_dir):
    import sqlite3

    path = data_dir / "ledger.sqlite3"
    if not path.exists():
        return None
    with sqlite3.connect(path) as db:
        return db.execute("SELECT * FROM events ORDER BY id").fetchall()


def test_init_months_late_backfill_and_replies_say_what_came_back(ok, cli):
    head = ok("ledger", "init", "--plan", "premium_career", "--start", "2026-06-01", "--balance", "12",
              "--at", "2026-11-20T09:00Z")  # fmt: skip
    assert head.startswith("Plan set: Premium Career from 2026-06-01 00:00 UTC; balance 12")
    assert "Record what you sent since 2026-06-01 00:00 UTC with --at" in head
    assert "balance 14" in ok("ledger", "inmail", MARIA + "/?trk=x", "--at", "2026-10-20T10:00Z")
    ok("ledger", "inmail", "linkedin.com/in/bob", "--at", "2026-10-22T10:00Z")
    ok("ledger", "message", "friend", "--at", "2026-11-02T10:00Z")
    reply = ok(
        "ledger", "response", "https://es.linkedin.com/in/Maria-Lopez-Data", "--at", "2026-11-21T09:00Z"
    )
    assert reply.splitlines() == [
        f"Recorded response (replied) to {MARIA} at 2026-11-21 09:00 UTC (event 6); balance 13.",
        "Credit back: 1 credit returned (answered within 90 days).",
    ]
    friend = ok("ledger", "response", "friend", "--at", "2026-11-21T10:00Z")
    assert "No credit back: no InMail went to this lead" in friend
    sent = json.loads(ok("ledger", "sent", "--json", "--at", "2026-11-22T00:00Z"))
    assert [(s["lead_id"], s["status"], s["credit_back"], s["days_left"]) for s in sent] == [
        ("friend", "replied", False, None),
        ("https://www.linkedin.com/in/bob", "pending", False, 60),
        (MARIA, "replied", True, None),
    ]
    text = ok("ledger", "sent", "--at", "2026-11-22T00:00Z")
    assert text.splitlines()[0].split() == [
        "sent",
        "(UTC)",
        "channel",
        "credits",
        "status",
        "credit",
        "back",
        "lead",
    ]
    assert "60 day(s) left" in text
    due = json.loads(ok("ledger", "due", "--json", "--at", "2027-01-10T00:00Z"))
    assert [item["lead_id"] for item in due["follow_ups"]] == ["https://www.linkedin.com/in/bob"]
    assert [(item["lead_id"], item["days_left"]) for item in due["closing"]] == [
        ("https://www.linkedin.com/in/bob", 11)
    ]
    assert "Credit-back windows closing within 14 days" in ok("ledger", "due", "--at", "2027-01-10T00:00Z")
    one_line_error(
        cli("ledger", "response", "stranger", "--at", "2026-11-21T09:00Z"), "nothing was sent to stranger"
    )
    one_line_error(
        cli("ledger", "inmail", "x", "--at", "2026-05-31T00:00Z"), "before the plan's start (2026-06-01"
    )


def test_plan_re_sets_and_changes(ok, cli, data_dir):
    ok(*CAREER_FROM_JAN_15, "--at", "2026-01-15T10:00Z")
    ok("ledger", "inmail", MARIA, "--at", "2026-01-20T00:00Z")
    before = events_table(data_dir)
    again = ok(*CAREER_FROM_JAN_15, "--at", "2026-03-01T00:00Z")
    assert again.strip() == (
        "Plan unchanged: Premium Career from 2026-01-15 00:00 UTC; nothing recorded; balance 9, "
        "next renewal 2026-03-15 00:00 UTC."
    )
    assert ok("ledger", "init", "--plan", "premium_career", "--at", "2026-03-01T00:00Z").startswith(
        "Plan unchanged"
    )
    assert events_table(data_dir) == before
    change = cli(
        "ledger", "init", "--plan", "sales_navigator", "--start", "2026-03-01", "--at", "2026-03-01T00:00Z"
    )
    one_line_error(
        change, "changing from premium_career to sales_navigator on 2026-03-01 drops 9 credit(s)", "--yes"
    )
    assert events_table(data_dir) == before
    done = ok(
        "ledger", "init", "--plan", "sales_navigator", "--start", "2026-03-01", "--yes", "--at", "2026-03-01"
    )
    assert done.splitlines()[0] == "Plan changed from premium_career: its 9 credit(s) are dropped."
    early = cli("ledger", "init", "--plan", "basic", "--start", "2026-02-01", "--yes")
    one_line_error(early, "a new plan must start after the plan in force")


def test_a_key_bound_to_another_event_is_refused_in_one_line(ok, cli, data_dir):
    ok(*CAREER_FROM_JAN_15)
    ok("ledger", "inmail", MARIA, "--key", "draft-1", "--at", "2026-01-20T00:00Z")
    before = events_table(data_dir)
    one_line_error(cli("ledger", "response", MARIA, "--key", "draft-1"), "key 'draft-1'", "use another --key")
    assert events_table(data_dir) == before


BAD_NUMBERS = [
    ("ledger", "sync", "9223372036854775808"),
    ("ledger", "sync", "-1"),
    ("ledger", "sync", "10001"),
    ("ledger", "sync", "nan"),
    ("ledger", "sync", "1e3"),
    ("ledger", "sync", "9" * 5000),
    ("ledger", "purchase", "0"),
    ("ledger", "purchase", "99999999999999999999"),
    ("ledger", "init", "--plan", "premium_career", "--balance", "9223372036854775808"),
    ("ledger", "init", "--plan", "premium_career", "--cycle-day", "0"),
    ("ledger", "init", "--plan", "premium_career", "--cycle-day", "32"),
    ("ledger", "init", "--plan", "premium_career", "--cycle-day", "9223372036854775808"),
    ("ledger", "override", "credits.expiry_days", "100000000"),
    ("ledger", "override", "credits.refund_window_days", "9223372036854775808"),
    ("ledger", "override", "credits.refund_window_days", "inf"),
    ("ledger", "override", "plans.premium_career.credits_per_month", "-5"),
    ("ledger", "override", "thresholds.warn", "nan"),
    ("ledger", "inmail", MARIA, "--at", "9999-12-31T00:00Z"),
]


@pytest.mark.parametrize("args", BAD_NUMBERS, ids=[" ".join(a)[:50] for a in BAD_NUMBERS])
def test_numbers_out_of_range_get_one_line_and_change_nothing(ok, cli, data_dir, args):
    ok(*CAREER_FROM_JAN_15, "--cycle-day", "15")
    before = events_table(data_dir)
    one_line_error(cli(*args))
    assert events_table(data_dir) == before
    assert ok("ledger", "override").strip() == "No overrides."
    assert "Balance:" in ok("ledger", "status")  # an override can never make status fail


def test_a_corrupt_ledger_gets_one_line_and_is_left_untouched(ok, cli, data_dir):
    ok(*CAREER_FROM_JAN_15)
    path = data_dir / "ledger.sqlite3"
    ok("ledger", "status")  # checkpointed and closed
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema is gone
    path.write_bytes(bytes(data))
    for args in (("ledger", "status"), ("ledger", "inmail", MARIA), ("plans",)):
        one_line_error(cli(*args), "ledger.sqlite3 is damaged or not a ledger", "left untouched")
    assert path.read_bytes() == bytes(data)


def test_a_data_dir_that_is_a_file_gets_one_line(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    one_line_error(
        cli("--data-dir", str(blocker), "ledger", "status"), "is a file, not a directory: pass --data-dir DIR"
    )
    one_line_error(
        cli("--data-dir", str(blocker / "inmail"), "ledger", "init", "--plan", "basic"), "--data-dir"
    )
    assert blocker.read_text() == "not a folder"


def test_a_read_only_data_dir_gets_one_line(ok, cli, data_dir, monkeypatch):
    # Connections opened read-only at SQLite's level: root ignores folder permissions.
    monkeypatch.setattr("sqlite3.connect", _read_only_connect())
    one_line_error(cli("ledger", "init", "--plan", "basic"), "cannot open the ledger", "--data-dir")
    monkeypatch.undo()
    ok(*CAREER_FROM_JAN_15)
    before = events_table(data_dir)
    monkeypatch.setattr("sqlite3.connect", _read_only_connect())
    one_line_error(cli("ledger", "inmail", MARIA), "ledger", "--data-dir")
    monkeypatch.undo()
    assert events_table(data_dir) == before


def _read_only_connect():
    import sqlite3
    from pathlib import Path

    connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        if kwargs.get("uri"):
            return connect(path, *args, **kwargs)
        return connect(f"{Path(path).resolve().as_uri()}?mode=ro", *args, uri=True, **kwargs)

    return read_only


def test_a_full_disk_during_a_write_gets_one_line_and_records_nothing(ok, cli, data_dir, monkeypatch):
    import sqlite3

    from limits.store import Store

    ok(*CAREER_FROM_JAN_15)
    before = events_table(data_dir)
    insert = Store.insert

    def full(self, db, event):
        insert(self, db, event)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "insert", full)
    for args in (
        ("ledger", "inmail", MARIA),
        ("ledger", "sync", "3"),
        ("ledger", "init", "--plan", "basic", "--yes"),
    ):
        one_line_error(cli(*args), "disk is full", "nothing was recorded", "free space")
    monkeypatch.undo()
    assert events_table(data_dir) == before


def test_bad_numbers_through_the_console_script(run_cli):
    one_line_error(
        run_cli("ledger", "init", "--plan", "premium_career", "--balance", "9" * 30), "0 to 10,000"
    )
    assert run_cli("ledger", "init", "--plan", "premium_career").returncode == 0
    one_line_error(run_cli("ledger", "override", "credits.expiry_days", "100000000"), "1 to 3,650")
    assert run_cli("ledger", "status").returncode == 0


def test_plans_and_purchase_show_the_labels_of_figures_resting_on_assumptions(ok):
    plans = ok("plans")
    assert "trimming at the cap applied by analogy with Recruiter (a412114)" in plans
    assert "sources conflict: 75 says blocked, 437 says it costs a credit" in plans
    assert "the project's own reserve under LinkedIn's 2,000" in plans
    assert "lengths.inmail_body_chars_linkedin" in plans
    ok(*CAREER_FROM_JAN_15, "--at", "2026-01-15T10:00Z")
    bought = ok("ledger", "purchase", "3", "--at", "2026-01-16T00:00Z")
    assert "cannot buy InMail credits" in bought
    assert "only for contracts that sell credits" in bought
