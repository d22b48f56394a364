"""Time `status` and `check` on a ledger of 100,000 events (target: 50 ms or less each).

Run: .venv/bin/python bench/bench_limits.py [--events N]

Cold = the first call after the events landed (a full replay, which then keeps a snapshot);
warm = the same call again (resumes from the snapshot); after a send = one new event since.
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
    with tempfile.TemporaryDirectory() as directory, Account.open(directory) as account:
        began = time.perf_counter()
        build(account, args.events)
        print(f"built {len(account.events()):,} events in {time.perf_counter() - began:.1f} s")
        rows = [
            ("status, cold (full replay)", timed(lambda: account.status(at=NOW))),
            ("status, warm", timed(lambda: account.status(at=NOW), repeat=20)),
            ("check InMail, warm", timed(lambda: account.check(lead, at=NOW), repeat=20)),
            ("check 1st degree, warm", timed(lambda: account.check(friend, at=NOW), repeat=20)),
        ]
        later = NOW + timedelta(minutes=5)
        account.record_inmail(lead.id, at=later)
        rows += [
            ("status after a new send", timed(lambda: account.status(at=later + timedelta(seconds=1)))),
            ("check after a new send", timed(lambda: account.check(lead, at=later + timedelta(seconds=2)))),
        ]
        account.record_response("https://www.linkedin.com/in/lead-7", at=NOW - timedelta(days=3))
        rows.append(("status after a reply dated 3 days back", timed(lambda: account.status(at=later))))
        account.record_response("https://www.linkedin.com/in/lead-8", at=NOW - timedelta(days=400))
        rows += [
            ("status after a reply dated 400 days back", timed(lambda: account.status(at=later))),
            ("check a year back, cold", timed(lambda: account.check(lead, at=NOW - timedelta(days=365)))),
            (
                "check a year back, warm",
                timed(lambda: account.check(lead, at=NOW - timedelta(days=365)), repeat=10),
            ),
            ("balance forecast, 90 days", timed(lambda: account.balance_forecast(at=later), repeat=10)),
        ]
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        verdict = "ok" if ms <= 50 else "over 50 ms"
        print(f"{name:<{width}}  {ms:8.1f} ms  {verdict}")


if __name__ == "__main__":
    main()
