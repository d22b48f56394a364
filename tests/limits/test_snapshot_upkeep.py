"""Writes keep the ledger's snapshots current: reads replay nothing after them, a back-dated event or a
question about the past replays one short stretch, storage stays bounded, and no answer ever changes."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import timedelta
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from limits_testkit import END, T0, at, books, paid_sends, play, replay, replayed

from limits import Account, Event, EventKind, LimitsError, NoSendError, snapshots
from limits.events import Row

EVERY = 10  # checkpoint stretch for these tests, so a small book has several
# What the property draws as it goes, made once: a strategy made inside a draw is validated and
# labelled again on every call.
DAYS = st.integers(0, 260).map(lambda d: T0 + timedelta(days=d, hours=7))
SOME_DAYS = st.lists(DAYS, max_size=4)
ONE_IN_TEN = st.integers(0, 9)
CREDITS_PER_MONTH = st.integers(0, 60)


def record(account: Account, event: Event) -> None:
    """Record `event` through the account's own methods, as the CLI and the app do."""
    match event.kind:
        case EventKind.PLAN_SET:
            account.init_plan(event.plan, start=event.start, at=event.at, confirm=True)
        case EventKind.INMAIL:
            account.record_inmail(event.lead_id, open_profile=bool(event.open_profile), at=event.at)
        case EventKind.RESPONSE:
            account.record_response(event.lead_id, at=event.at)
        case EventKind.SYNC:
            account.sync(event.credits, at=event.at)
        case EventKind.PURCHASE:
            account.purchase(event.credits, at=event.at)
        case _:
            raise AssertionError(f"books() makes no {event.kind}")


def book_rows(account: Account) -> list[Row]:
    return [e.row(e.id) for e in account.events()]


def from_scratch(account: Account, rows: list[Row], when) -> dict:
    """The state at `when` replayed from the book's rows, without the account's snapshots."""
    state = replay(account.catalog(), rows, at=when).to_snapshot()
    return {key: value for key, value in state.items() if key != "last_id"}  # ids of messages differ


def resumed(account: Account, when) -> dict:
    state = account.ledger(at=when).to_snapshot()
    return {key: value for key, value in state.items() if key != "last_id"}


@settings(max_examples=25, deadline=None)
@given(books(), st.randoms(use_true_random=False), st.data())
def test_snapshots_kept_by_writes_and_reads_never_change_an_answer(events, shuffler, data):
    plans = sorted((e for e in events if e.kind is EventKind.PLAN_SET), key=lambda e: e.at)
    rest = [e for e in events if e.kind is not EventKind.PLAN_SET]
    shuffler.shuffle(rest)  # recorded in any order: late and back-dated records included
    with (
        patch.object(snapshots, "CHECKPOINT_EVERY", 3),
        patch.object(snapshots, "SNAPSHOT_AFTER", 2),
        tempfile.TemporaryDirectory() as directory,
        Account.open(directory) as account,
    ):
        for plan in plans:
            with contextlib.suppress(LimitsError):  # two plans at one instant: the second is refused
                record(account, plan)
        for event in rest:
            with contextlib.suppress(NoSendError):  # an answer recorded before its send is refused
                record(account, event)
            if data.draw(st.booleans()):
                account.status(at=data.draw(DAYS))  # reads keep states of their own
            if data.draw(ONE_IN_TEN) == 0:
                account.set_override("plans.sales_navigator.credits_per_month", data.draw(CREDITS_PER_MONTH))
        book = book_rows(account)  # read once: the reads below write no events
        with replayed(account) as counts:
            assert resumed(account, END) == from_scratch(account, book, END)
        assert sum(counts) == 0  # the last write left a snapshot after every event
        for when in data.draw(SOME_DAYS):
            assert resumed(account, when) == from_scratch(account, book, when)


def test_checkpoints_keep_every_replay_short_and_storage_bounded(account):
    with patch.object(snapshots, "CHECKPOINT_EVERY", EVERY):
        start = paid_sends(account, 120, every=timedelta(hours=1), message=True)
        with account.store.reading() as db:
            kept = db.execute("SELECT COUNT(*), MAX(seq) FROM snapshots").fetchone()
        assert kept[1] == 122  # the plan, the purchase and every paid InMail
        assert kept[0] <= kept[1] // EVERY + 2  # a checkpoint per stretch and the newest
        # A question about the past resumes at the checkpoint before it.
        with replayed(account) as counts:
            past = account.status(at=start + timedelta(hours=63, minutes=30))
        assert past.balance == 1000 + 50 - 64
        assert sum(counts) <= 2 * EVERY
        # A reply dated back 10 sends: its write replays from the checkpoint before it to the last send.
        with replayed(account) as counts:
            account.record_response("lead-109", at=start + timedelta(hours=110))
        assert sum(counts) <= 10 + 2 * EVERY + 1
        with replayed(account) as counts:
            assert account.status(at=start + timedelta(days=20)).balance == 1000 + 50 - 120 + 1
        assert sum(counts) == 0


def test_a_credit_override_rebuilds_at_write_time_and_other_figures_keep_the_snapshots(account):
    play(account, [("init", "sales_navigator", "2026-01-01")])
    for i in range(30):
        account.record_inmail(f"lead-{i}", at=at("2026-01-02") + timedelta(hours=i))
    with replayed(account) as counts:
        account.set_override("caps.first_degree_per_day_free.limit", 10)  # not a credit figure
    assert counts == []  # nothing to replay: the snapshots still hold
    with replayed(account) as counts:
        account.set_override("plans.sales_navigator.credits_per_month", 40)
    assert counts == [31]  # new credit figures: one full replay, in the write
    with replayed(account) as counts:
        assert account.status(at=at("2026-03-15")).balance == 40 + 40 + 40 - 30
    assert sum(counts) == 0


def test_an_override_the_recorded_plan_contradicts_is_refused_and_status_keeps_working(account):
    play(account, [("init", "premium_career", "2026-01-15", {"cycle_day": 15})])
    with pytest.raises(LimitsError, match="credits arrive on the 1st of the month"):
        account.set_override("plans.premium_career.renewal", "first_of_month")  # the cycle day clashes
    assert account.overrides() == {}
    account.record_inmail("ann", at=at("2026-01-20"))
    assert account.status(at=at("2026-01-21")).balance == 4


def test_a_checkpoint_holds_nothing_that_came_after_it(account):
    # Checkpoints once shared their pending InMails with the ledger that went on replaying, so one held
    # sends from after its instant, and a reply dated before such a send earned a credit back.
    with patch.object(snapshots, "CHECKPOINT_EVERY", EVERY):
        start = paid_sends(account, 3 * EVERY, every=timedelta(minutes=1))
        account.set_override("plans.sales_navigator.credits_per_month", 40)  # one long replay, checkpoints
        account.record_message(f"lead-{2 * EVERY + 5}", at=start)  # something to answer, no InMail yet
        account.record_response(f"lead-{2 * EVERY + 5}", at=start + timedelta(minutes=2 * EVERY + 2))
        end = start + timedelta(days=1)
        fresh = replay(account.catalog(), [e.row(e.id) for e in account.events()], at=end)
        assert account.status(at=end).balance == fresh.balance == 1000 + 40 - 3 * EVERY
