"""Every paid InMail recorded with no credit left says so, whatever order the sends reach the book in:
twenty sends on a balance of ten warn ten times, concurrent or recorded out of order."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from limits_testkit import at

from limits import Account

START = at("2026-01-15")


def _book(data_dir, start=START) -> Account:
    account = Account.open(data_dir)
    account.init_plan("premium_career", start=start, balance=10, at=start, confirm=True)
    return account


def test_sends_recorded_latest_first_warn_for_each_unfunded_one(data_dir):
    account = _book(data_dir)
    times = [START + timedelta(days=1, minutes=i) for i in range(20)]
    recorded = [account.record_inmail(f"lead-{i}", at=when) for i, when in reversed(list(enumerate(times)))]
    assert sum(r.unfunded for r in recorded) == 10


def test_twenty_concurrent_sends_on_ten_credits_warn_ten_times(data_dir):
    _book(data_dir, start=datetime.now(UTC) - timedelta(hours=1))  # the sends are taken at "now"
    barrier = threading.Barrier(20)
    results = []

    def send(i: int) -> None:
        account = Account.open(data_dir)  # one connection each, as twenty processes would have
        barrier.wait()
        results.append(account.record_inmail(f"lead-{i}"))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 20
    assert sum(r.unfunded for r in results) == 10
