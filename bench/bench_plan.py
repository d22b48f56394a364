"""How fast the send plan and the reply stats are: plan 1,000 leads over 30 days on a book with a year of
activity (target: under 2 s), and the Stats page over 10,000 sends with their drafts: the stats worked out
from scratch, and a page rerun (target: under 200 ms).

    .venv/bin/python bench/bench_plan.py [--leads 1000] [--days 30] [--sends 10000] [--reruns 10]

Prints numbers; asserts nothing (tests never time things).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Settings, compose  # noqa: E402
from inmail.workspace import Workspace  # noqa: E402
from limits import Event, EventKind, ResponseKind  # noqa: E402

NOW = datetime.now(UTC)
PLACES = ["Madrid, Spain", "London", "New York", "San Francisco", "Berlin", "Tokyo", "Sydney", None]
STRATEGIES = ["rabt", "aida", "pas"]


def _timed(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _book(workspace: Workspace, sends: int, *, with_drafts: bool) -> None:
    """A year of sends (InMails, invitations, messages) and answers; each send keyed to a draft."""
    start = NOW - timedelta(days=365)
    workspace.account.init_plan("sales_navigator", start=start, at=start)
    rng = random.Random(7)
    draft = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=workspace.store)[0]
    step = timedelta(days=364) / max(sends, 1)
    events = []
    for index in range(sends):
        at = start + step * (index + 1)
        lead = f"https://www.linkedin.com/in/lead-{index}"
        key = f"draft-{index}"
        match index % 5:
            case 0 | 1 | 2:
                events.append(Event(kind=EventKind.INMAIL, at=at, lead_id=lead, open_profile=False, key=key))
            case 3:
                events.append(Event(kind=EventKind.INVITE, at=at, lead_id=lead, note=True, key=key))
            case _:
                events.append(Event(kind=EventKind.MESSAGE, at=at, lead_id=lead, key=key))
        if rng.random() < 0.3:
            answer, later = rng.choice(list(ResponseKind)), at + timedelta(hours=5)
            events.append(Event(kind=EventKind.RESPONSE, at=later, lead_id=lead, response=answer))
        if with_drafts:
            made = draft.model_copy(update={"id": key, "strategy": rng.choice(STRATEGIES)})
            persona = rng.choice(["founder", "recruiter"])
            workspace.record_draft(made, lead={"id": lead}, at=at, persona=persona)
    events.sort(key=lambda e: e.at)
    workspace.account.store.append_many(events)  # the bulk loader, only to build the fixture fast


def bench_plan(leads: int, days: int, runs: int = 5) -> None:
    rng = random.Random(1)
    people = [
        {
            "id": f"https://www.linkedin.com/in/p{index}",
            "degree": rng.choice([1, 2, 2, 3, None]),
            "open_profile": rng.random() < 0.15,
            "accepts_inmail": rng.random() < 0.85,
            "location": rng.choice(PLACES),
        }
        for index in range(leads)
    ]
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp)) as workspace:
        _book(workspace, 3_000, with_drafts=False)
        times, plan = [], None
        for _ in range(runs):
            began = time.perf_counter()
            plan = workspace.send_plan(people, start=NOW, days=days)
            times.append(time.perf_counter() - began)
        assert plan is not None
        print(
            f"plan {leads:,} leads over {days} days (book: 3,000 sends): "
            f"median {_ms(statistics.median(times))}  "
            f"max {_ms(max(times))}  (n={runs}; target < 2 s) -> {len(plan.steps)} steps, "
            f"{plan.credits} credits, {len(plan.unreachable)} unreachable"
        )


def bench_stats(sends: int, reruns: int) -> None:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        workspace = Workspace(path)
        began = time.perf_counter()
        _book(workspace, sends, with_drafts=True)
        print(f"stats fixture: {sends:,} sends and drafts written in {_ms(time.perf_counter() - began)}")
        times = []
        for _ in range(3):
            began = time.perf_counter()
            stats = workspace.reply_stats(at=NOW)
            times.append(time.perf_counter() - began)
        print(f"reply stats from scratch over {stats.total:,} sends: median {_ms(statistics.median(times))}")
        workspace.close()
        os.environ["INMAIL_DATA_DIR"] = str(path)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        began = time.perf_counter()
        at.switch_page("ui/stats.py").run()
        print(f"Stats page, first run (works the stats out): {_ms(time.perf_counter() - began)}")
        assert not at.exception, at.exception
        times = [_timed(at.run) for _ in range(reruns)]
        assert not at.exception, at.exception
        print(
            f"Stats page rerun over {sends:,} sends: median {_ms(statistics.median(times))}  "
            f"max {_ms(max(times))}  (AppTest wall time, n={reruns}; target < 200 ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--sends", type=int, default=10_000)
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args()
    bench_plan(args.leads, args.days)
    bench_stats(args.sends, args.reruns)


if __name__ == "__main__":
    main()
