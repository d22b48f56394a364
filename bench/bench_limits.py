"""Time `status` and `check` on a ledger of 100,000 events (target: 50 ms or less each).

Run: .venv/bin/python bench/bench_limits.py [--events N]

Every write keeps the ledger's snapshots current in its own transaction, so reads resume from one; the
writes' own cost is printed too (the bulk load, a send, back-dated replies, a credit-figure override).
Warm = the same call again; "no snapshot at all" = the one read that still replays every event (the first
after a schema upgrade drops the derived tables), measured by deleting them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from limits import Account, Event, EventKind, Recipient, ResponseKind

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
KINDS = [
    (EventKind.MESSAGE, 35),
    (EventKind.INVITE, 20),
    (EventKind.WITHDRAW, 3),
    (EventKind.INMAIL, 22),
    (EventKind.RESPONSE, 15),
]


def build(account: Account, count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = NOW - timedelta(days=3 * 365)
    span = (NOW - start).total_seconds()
    kinds, weights = zip(*KINDS, strict=True)
    events = [Event(kind=EventKind.PLAN_SET, at=start, plan="sales_navigator", start=start)]
    for _ in range(count - 1):
        at = start + timedelta(seconds=rng.random() * span)
        kind = rng.choices(kinds, weights)[0]
        lead = f"https://www.linkedin.com/in/lead-{rng.randrange(20_000)}"
        match kind:
            case EventKind.INMAIL:
                events.append(Event(kind=kind, at=at, lead_id=lead, open_profile=rng.random() < 0.3))
            case EventKind.INVITE:
                events.append(Event(kind=kind, at=at, lead_id=lead, note=rng.random() < 0.3))
            case EventKind.RESPONSE:
                events.append(Event(kind=kind, at=at, lead_id=lead, response=rng.choice(list(ResponseKind))))
            case _:
                events.append(Event(kind=kind, at=at, lead_id=lead))
        if rng.random() < 0.0005:
            events.append(Event(kind=EventKind.SYNC, at=at, credits=rng.randrange(150)))
    account.store.append_many(sorted(events[:count], key=lambda e: e.at))


def timed(call: Callable[[], object], repeat: int = 1) -> float:
    """Median milliseconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    lead = Recipient("https://www.linkedin.com/in/lead-42", 2, False, True, "Madrid, Spain")
    friend = Recipient("https://www.linkedin.com/in/lead-43", 1, False, True)
    reads: list[tuple[str, float]] = []
    listings: list[tuple[str, float]] = []
    writes: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as directory, Account.open(directory) as account:
        began = time.perf_counter()
        build(account, args.events)
        print(f"built {len(account.events()):,} events in {time.perf_counter() - began:.1f} s")
        reads += [
            ("status, first read after the bulk load", timed(lambda: account.status(at=NOW))),
            ("status, warm", timed(lambda: account.status(at=NOW), repeat=20)),
            ("check InMail, warm", timed(lambda: account.check(lead, at=NOW), repeat=20)),
            ("check 1st degree, warm", timed(lambda: account.check(friend, at=NOW), repeat=20)),
        ]
        sends = iter(range(1, 1000))
        writes += [
            (
                "record a message",
                timed(lambda: account.record_message(friend.id, at=NOW + timedelta(seconds=next(sends))), 20),
            ),
            (
                "record a paid InMail",
                timed(lambda: account.record_inmail(lead.id, at=NOW + timedelta(seconds=next(sends))), 20),
            ),
        ]
        later = NOW + timedelta(minutes=5)
        account.record_inmail(lead.id, at=later)
        reads += [
            ("status after a new send", timed(lambda: account.status(at=later + timedelta(seconds=1)))),
            ("check after a new send", timed(lambda: account.check(lead, at=later + timedelta(seconds=2)))),
        ]
        for days, who in ((3, "lead-7"), (400, "lead-8")):
            person, when = f"https://www.linkedin.com/in/{who}", NOW - timedelta(days=days)
            reply = timed(lambda p=person, w=when: account.record_response(p, at=w))
            writes.append((f"record a reply dated {days} days back", reply))
            reads.append(
                (f"status after a reply dated {days} days back", timed(lambda: account.status(at=later)))
            )
        reads += [
            ("check a year back, cold", timed(lambda: account.check(lead, at=NOW - timedelta(days=365)))),
            (
                "check a year back, warm",
                timed(lambda: account.check(lead, at=NOW - timedelta(days=365)), repeat=10),
            ),
            ("balance forecast, 90 days", timed(lambda: account.balance_forecast(at=later), repeat=10)),
            ("open (PRAGMA quick_check)", timed(lambda: Account.open(directory).close(), repeat=3)),
        ]
        listings = [
            ("sent list (every send, full replay)", timed(lambda: account.sent(at=later), repeat=3)),
            ("due (follow-ups, windows closing)", timed(lambda: account.due(at=later), repeat=3)),
        ]
        key = "plans.sales_navigator.credits_per_month"
        writes.append((f"override {key}", timed(lambda: account.set_override(key, 45))))
        reads.append(("status after that override", timed(lambda: account.status(at=later))))
        with account.store.reading() as db:
            count, size = db.execute("SELECT COUNT(*), SUM(LENGTH(state)) FROM snapshots").fetchone()
        print(f"snapshots kept: {count}, {size / 1024:.0f} KiB of state")
        with account.store.writing() as db:
            db.execute("DELETE FROM snapshots")  # what a schema upgrade leaves: the events alone
        reads.append(("status, no snapshot at all (full replay)", timed(lambda: account.status(at=later))))
    _table("reads (target: 50 ms or less)", reads, target=50)
    _table("writes, each keeping the snapshots current", writes)
    _table("lists (no target: they read every send)", listings)


def _table(title: str, rows: list[tuple[str, float]], *, target: float | None = None) -> None:
    print(f"\n{title}")
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        verdict = "" if target is None else "ok" if ms <= target else f"over {target:g} ms"
        print(f"  {name:<{width}}  {ms:8.1f} ms  {verdict}".rstrip())


if __name__ == "__main__":
    main()
