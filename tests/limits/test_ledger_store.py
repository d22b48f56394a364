"""The SQLite book: idempotency, two writers at once, writes cut half way, bad input, snapshots."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from limits_testkit import at, paid_sends, play, replay, replayed

from limits import Account, EventKind, LimitsError, NotInitialisedError, snapshots
from limits.events import to_us
from limits.snapshots import SNAPSHOT_AFTER


def run_python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args], stderr=subprocess.PIPE, text=True
    )


def test_the_same_key_records_once(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    first = account.record_inmail("ann", at=at("2026-01-20"), key="draft-1")
    again = account.record_inmail("ann", at=at("2026-01-20"), key="draft-1")
    assert (again.id, again.at, first.new, again.new) == (first.id, first.at, True, False)
    now = account.record_inmail("ann", key="draft-1")  # no instant given: a retry of the same send
    assert (now.id, now.new) == (first.id, False)
    assert [e.kind for e in account.events()] == [EventKind.PLAN_SET, EventKind.INMAIL]
    assert account.status(at=at("2026-01-21")).balance == 4


def test_recording_needs_a_plan(account):
    with pytest.raises(NotInitialisedError, match="no plan yet") as raised:
        account.record_inmail("ann", at=at("2026-01-20"))
    assert raised.value.at is None
    with pytest.raises(NotInitialisedError, match="no plan yet"):
        account.status(at=at("2026-01-20"))
    assert account.events() == []


def test_asking_about_a_time_before_the_plan_says_so(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    with pytest.raises(NotInitialisedError, match=r"before the plan's start .2026-01-15") as raised:
        account.status(at=at("2026-01-01"))
    assert (raised.value.at, raised.value.start) == (at("2026-01-01"), at("2026-01-15"))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda a: a.sync(-1, at=at("2026-01-20")),
            r"cannot be negative \(-1\): give a number from 0 to 10,000",
        ),
        (lambda a: a.sync(2**63, at=at("2026-01-20")), "from 0 to 10,000"),
        (lambda a: a.sync(10_001, at=at("2026-01-20")), "from 0 to 10,000"),
        (lambda a: a.sync(float("nan"), at=at("2026-01-20")), "whole number"),
        (lambda a: a.purchase(0, at=at("2026-01-20")), "from 1 to 10,000, not 0"),
        (lambda a: a.purchase(-5, at=at("2026-01-20")), "from 1 to 10,000"),
        (lambda a: a.purchase(10**30, at=at("2026-01-20")), "from 1 to 10,000"),
        (lambda a: a.sync(2.5, at=at("2026-01-20")), "whole number"),
        (lambda a: a.init_plan("premium_career", balance=-3, at=at("2026-01-20")), "from 0 to 10,000"),
        (lambda a: a.init_plan("premium_career", balance=2**63, at=at("2026-01-20")), "from 0 to 10,000"),
        (lambda a: a.init_plan("premium_career", cycle_day=0, at=at("2026-01-20")), "from 1 to 31"),
        (lambda a: a.init_plan("premium_career", cycle_day=2**63, at=at("2026-01-20")), "from 1 to 31"),
        (lambda a: a.record_inmail("ann", at=at("2026-01-10")), "before the plan's start"),
        (lambda a: a.record_response("nobody", at=at("2026-01-20")), "nothing was sent to nobody"),
        (lambda a: a.init_plan("gold", at=at("2026-01-20")), "unknown plan 'gold'"),
        (lambda a: a.record_response("ann", kind="ghosted", at=at("2026-01-20")), "unknown response kind"),
        (lambda a: a.record_message("  ", at=at("2026-01-20")), "lead id is empty"),
        (lambda a: a.balance_forecast(at=at("2026-01-20"), days=-1), "from 1 to 3,650"),
        (lambda a: a.balance_forecast(at=at("2026-01-20"), days=10**6), "from 1 to 3,650"),
    ],
)
def test_bad_input_is_refused_and_records_nothing(account, call, message):
    play(account, [("init", "premium_career", "2026-01-15")])
    with pytest.raises(LimitsError, match=message):
        call(account)
    assert len(account.events()) == 1


def test_overrides_persist_and_can_be_cleared(data_dir):
    with Account.open(data_dir) as account:
        assert account.set_override("plans.premium_career.credits_per_month", "7") == 7
    with Account.open(data_dir) as account:
        figure = account.catalog().figure("plans.premium_career.credits_per_month")
        assert (figure.value, figure.overridden, figure.cite()) == (7, True, "your override")
        assert account.clear_override("plans.premium_career.credits_per_month")
        assert not account.catalog().figure("plans.premium_career.credits_per_month").overridden
        assert account.overrides() == {}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("plans.gold.credits_per_month", 3, "unknown figure"),
        ("plans.premium_career.credits_per_month", -1, "from 0 to 10,000"),
        ("plans.premium_career.credits_per_month", 2**63, "from 0 to 10,000"),
        ("plans.premium_career.credits_per_month", "nan", "finite number"),
        ("credits.refund_window_days", 10**12, "from 1 to 3,650"),
        ("credits.expiry_days", 100_000_000, "from 1 to 3,650"),
        ("credits.expiry_days", "100000000", "from 1 to 3,650"),
        ("credits.expiry_days", 0, "from 1 to 3,650"),
        ("caps.inmails_per_month.limit", "1e400", "finite number"),
        ("plans.premium_career.credits_per_month", "lots", "is a number"),
        ("plans.premium_career.credits_per_month", 2.5, "whole number"),
        ("thresholds.warn", 1.5, "at most 1"),
        ("thresholds.block", 0, "above 0"),
        ("plans.sales_navigator.second_inmail", "free", "blocked_until_response, costs_credit"),
        ("plans.recruiter_lite.inmail_out_of_network", "maybe", "true or false"),
    ],
)
def test_bad_overrides_are_refused(account, key, value, message):
    with pytest.raises(LimitsError, match=message):
        account.set_override(key, value)
    assert account.overrides() == {}


def test_a_file_that_is_not_a_ledger_gets_a_clear_error(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "ledger.sqlite3").write_bytes(b"this is not a database, just some text" * 100)
    before = (data_dir / "ledger.sqlite3").read_bytes()
    with pytest.raises(LimitsError, match=r"damaged or not a ledger .* left untouched"):
        Account.open(data_dir)
    assert (data_dir / "ledger.sqlite3").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["ledger.sqlite3"]  # no -wal, no -shm


def test_two_processes_recording_at_the_same_moment_lose_nothing(account, data_dir):
    play(
        account,
        [("override", "plans.sales_navigator.max_banked", 1000), ("init", "sales_navigator", "2026-01-01")],
    )
    writer = """
        import sys
        from datetime import datetime, UTC
        from limits import Account
        account = Account.open(sys.argv[1])
        moment = datetime(2026, 1, 2, 9, tzinfo=UTC)
        for i in range(40):
            account.record_inmail(f"{sys.argv[2]}-{i}", at=moment)
            account.record_message(f"shared-{i}", at=moment, key=f"same-key-{i}")
    """
    writers = [run_python(writer, str(data_dir), name) for name in ("a", "b")]
    for process in writers:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    events = account.events()
    assert sum(e.kind == EventKind.INMAIL for e in events) == 80
    assert sum(e.kind == EventKind.MESSAGE for e in events) == 40  # the shared keys recorded once each
    assert len({e.id for e in events}) == len(events)
    status = account.status(at=at("2026-01-02T09:00"))
    assert status.balance == 0  # 50 credits for 80 InMails: the book never goes below zero
    assert "30 InMail(s) recorded with no credit" in status.notes[0].text


def test_a_write_cut_half_way_leaves_nothing_behind(account, data_dir):
    play(account, [("init", "premium_career", "2026-01-15"), ("inmail", "ann", "2026-01-16")])
    crash = """
        import os, sys
        from datetime import datetime, UTC
        from limits import Account

        class CutAfterInsert:
            # The event row is written inside the transaction; the process dies before COMMIT.
            def __init__(self, db):
                self.db = db
            def execute(self, sql, *args):
                if sql.startswith("DELETE FROM snapshots"):
                    os._exit(3)
                return self.db.execute(sql, *args)

        account = Account.open(sys.argv[1])
        account.store._db = CutAfterInsert(account.store._db)
        account.record_inmail("bob", at=datetime(2026, 1, 17, tzinfo=UTC))
    """
    process = run_python(crash, str(data_dir))
    assert process.wait(timeout=60) == 3
    with Account.open(data_dir) as reopened:
        assert [e.lead_id for e in reopened.events()] == [None, "ann"]
        assert reopened.status(at=at("2026-01-17")).balance == 4
        reopened.record_inmail("bob", at=at("2026-01-17"))
        assert reopened.status(at=at("2026-01-17")).balance == 3


def test_a_writer_killed_at_any_moment_leaves_a_consistent_ledger(account, data_dir):
    play(account, [("init", "sales_navigator", "2026-01-01")])
    writer = """
        import sys
        from datetime import datetime, timedelta, UTC
        from limits import Account
        account = Account.open(sys.argv[1])
        start = datetime(2026, 1, 2, tzinfo=UTC)
        for i in range(100000):
            account.record_inmail(f"lead-{i}", at=start + timedelta(minutes=i))
    """
    process = run_python(writer, str(data_dir))
    deadline = time.monotonic() + 60
    while len(account.events()) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with sqlite3.connect(data_dir / "ledger.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Account.open(data_dir) as reopened:
        events = reopened.events()
        inmails = [e for e in events if e.kind == EventKind.INMAIL]
        assert [e.lead_id for e in inmails] == [
            f"lead-{i}" for i in range(len(inmails))
        ]  # no gap, no torn row
        last = inmails[-1].at
        assert reopened.status(at=last).balance == max(0, 50 - len(inmails))
        reopened.record_message("after", at=last + timedelta(minutes=1))


def test_snapshots_skip_work_without_changing_answers(account):
    start = paid_sends(account, SNAPSHOT_AFTER + 50, every=timedelta(hours=1))
    late = start + timedelta(hours=SNAPSHOT_AFTER + 60)
    with replayed(account) as counts:
        first = account.status(at=late)
    assert sum(counts) == 0  # the writes kept a snapshot at the last send
    # A back-dated reply lands before the snapshot: the answer must change exactly as a full replay says.
    with replayed(account) as counts:
        account.record_response("lead-3", at=start + timedelta(hours=5))
    # Its write replayed from the checkpoint that opens the stretch (the purchase): the sends, the reply;
    # before that, the state at the reply's instant (what it earns back) from the checkpoint before it.
    assert counts[-1] == SNAPSHOT_AFTER + 50 + 1
    assert sum(counts[:-1]) <= 10
    fresh = replay(account.catalog(), [e.row(e.id) for e in account.events()], at=late)
    with replayed(account) as counts:
        after = account.status(at=late)
    assert sum(counts) == 0
    assert after.balance == fresh.balance == first.balance + 1
    assert [(lot.credits, lot.kind) for lot in after.lots] == [
        (lot.credits, lot.kind) for lot in sorted(fresh.lots.items, key=lambda lot: lot.spend_order())
    ]


def test_an_override_does_not_reuse_stale_snapshots(account):
    play(account, [("init", "sales_navigator", "2026-01-01")])
    start = at("2026-01-02")
    for i in range(SNAPSHOT_AFTER + 10):
        account.record_message(f"lead-{i}", at=start + timedelta(minutes=i))
        account.record_inmail(f"lead-{i}", at=start + timedelta(minutes=i))
    assert account.status(at=at("2026-03-01")).balance == 100
    account.set_override("plans.sales_navigator.credits_per_month", 10)
    assert account.status(at=at("2026-03-01")).balance == 20
    account.clear_override("plans.sales_navigator.credits_per_month")
    assert account.status(at=at("2026-03-01")).balance == 100


def test_a_snapshot_the_events_contradict_is_never_used(account):
    play(account, [("init", "sales_navigator", "2026-01-01"), ("inmail", "ann", "2026-01-10")])
    catalog, late = account.catalog(), to_us(at("2026-01-20"))
    stale_id = max(e.id for e in account.events())
    account.record_inmail("bob", at=at("2026-01-05"))  # recorded after, dated before the snapshots below
    forged = replay(catalog, [e.row(e.id) for e in account.events()], at=at("2026-01-20")).to_snapshot()
    forged["lots"][0]["credits"] = 999
    # A reader that computed from the book before bob's InMail may not keep its state ...
    with account.store.writing() as db:
        snapshots._save(db, catalog.fingerprint, stale_id, [(late, 1, forged)])
        assert db.execute("SELECT COUNT(*) FROM snapshots WHERE at_us = ?", (late,)).fetchone() == (0,)
        # ... and one that got in anyway (forged here, stamped before bob) is passed over.
        db.execute(
            "INSERT INTO snapshots (fingerprint, at_us, seq, last_id, state) VALUES (?, ?, 1, ?, ?)",
            (catalog.fingerprint, late, stale_id, json.dumps(forged)),
        )
    assert account.status(at=at("2026-01-20")).balance == 48
    assert account.status(at=at("2026-01-21")).balance == 48


def test_a_ledger_from_before_the_upgrade_opens_and_answers_the_same(data_dir):
    with Account.open(data_dir) as account:
        play(account, [("init", "premium_career", "2026-01-15"), ("inmail", "ann", "2026-01-20")])
        expected = account.status(at=at("2026-03-01")).to_json()
        with account.store.writing() as db:  # the version 1 shape: snapshots without seq
            db.execute("DROP TABLE snapshots")
            db.execute(
                "CREATE TABLE snapshots (fingerprint TEXT NOT NULL, at_us INTEGER NOT NULL,"
                " last_id INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY (fingerprint, at_us))"
            )
            db.execute("INSERT INTO snapshots VALUES ('old', 1, 1, '{}')")
            db.execute("PRAGMA user_version = 1")
    with Account.open(data_dir) as account:
        assert [e.lead_id for e in account.events()] == [None, "ann"]
        assert account.status(at=at("2026-03-01")).to_json() == expected
        account.record_inmail("bob", at=at("2026-03-02"))
        assert account.status(at=at("2026-03-02")).balance == expected["balance"] - 1
        with account.store.reading() as db:
            assert db.execute("PRAGMA user_version").fetchone() == (3,)
            assert db.execute("SELECT COUNT(*) FROM snapshots WHERE fingerprint = 'old'").fetchone() == (0,)


def test_a_locked_ledger_reports_that_nothing_was_recorded(account, data_dir):
    play(account, [("init", "premium_career", "2026-01-15")])
    holder = sqlite3.connect(data_dir / "ledger.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer keeps the lock
    account.store._db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(LimitsError, match="nothing was recorded"):
            account.record_inmail("ann", at=at("2026-01-20"))
        assert account.status(at=at("2026-01-20")).balance == 5  # reading still works
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    account.record_inmail("ann", at=at("2026-01-20"))
    assert account.status(at=at("2026-01-20")).balance == 4


def test_a_folder_that_cannot_hold_a_ledger_gets_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(LimitsError, match="cannot create the folder"):
        Account.open(blocker / "inmail")


def test_dates_far_outside_a_subscription_are_refused(account):
    with pytest.raises(LimitsError, match="between 2000 and 2199"):
        account.init_plan("premium_career", at=at("9999-12-15"))


def test_a_version_2_book_is_upgraded_to_plans_dated_at_their_start(data_dir):
    import json as json_

    with Account.open(data_dir) as account, account.store.writing() as db:
        # Version 2 kept the plan at the time of recording, the starting balance in it, ids as typed.
        plan = {"kind": "plan_set", "at": "2026-03-01T00:00:00Z", "plan": "premium_career",
                "start": "2026-01-15T00:00:00Z", "credits": 7}  # fmt: skip
        inmail = {"kind": "inmail", "at": "2026-03-02T00:00:00Z", "lead_id": "linkedin.com/in/Ann/",
                  "open_profile": False}  # fmt: skip
        for event_id, detail, at_us, lead, action in (
            (1, plan, to_us(at("2026-03-01")), None, None),
            (2, inmail, to_us(at("2026-03-02")), "linkedin.com/in/Ann/", "inmail"),
        ):
            db.execute(
                "INSERT INTO events (id, kind, at_us, lead_id, action, amount, detail, recorded_us)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (event_id, detail["kind"], at_us, lead, action, detail.get("credits"), json_.dumps(detail)),
            )
        db.execute("PRAGMA user_version = 2")
    with Account.open(data_dir) as account:
        kinds = [(e.kind.value, e.at, e.lead_id) for e in account.events()]
        assert kinds == [
            ("plan_set", at("2026-01-15"), None),
            ("sync", at("2026-03-01"), None),
            ("inmail", at("2026-03-02"), "https://www.linkedin.com/in/ann"),
        ]
        assert account.status(at=at("2026-03-02")).balance == 6
        account.record_message("ann", at=at("2026-02-01"))  # backfill between start and recording now works
        reply = account.record_response("https://www.linkedin.com/in/ann", at=at("2026-03-03"))
        assert reply.credit_back is not None
        assert reply.credit_back.value == "returned"
