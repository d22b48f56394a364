"""How fast the Outreach page reruns with 1,000 stored leads (target: under 200 ms), before a batch and
after one has drafted them all (results table, export and the first row's draft card on the page).

    .venv/bin/python bench/bench_outreach.py [--leads 1000] [--reruns 20]

The leads are imported the way a user brings them in (a CSV through the lead book) on a Premium Business
ledger; each rerun is the page's whole script under Streamlit's AppTest, timed by wall clock. Prints
numbers; asserts nothing (tests never time things).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bench_app import ms, spread, timed_reruns  # noqa: E402  (bench/ is the script's folder)
from bench_batch import with_plan  # noqa: E402
from bench_import import make_csv  # noqa: E402

RESULTS = "outreach.batch_results"


def store_leads(data_dir: Path, count: int) -> None:
    from inmail.workspace import Workspace

    with_plan(data_dir)
    with Workspace(data_dir) as workspace:
        stored = workspace.import_leads(make_csv(count), name="bench.csv").stored
    assert stored.added == count, stored


def _say(what: str, times: list[float]) -> None:
    print(f"Outreach rerun, {what:<34} {spread(times)}  (AppTest wall time, n={len(times)}; target < 200 ms)")


def main() -> None:
    from streamlit.testing.v1 import AppTest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1000, help="stored leads")
    parser.add_argument("--reruns", type=int, default=20, help="reruns to time in each state")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        began = time.perf_counter()
        store_leads(data_dir, args.leads)
        print(f"fixture: {args.leads:,} leads imported from a CSV in {ms(time.perf_counter() - began)}")
        os.environ["INMAIL_DATA_DIR"] = str(data_dir)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        began = time.perf_counter()
        at.switch_page("ui/outreach.py").run()
        assert not at.exception, at.exception
        print(f"first Outreach run (cold caches):          {ms(time.perf_counter() - began)}")
        _say(f"{args.leads:,} stored leads, no batch:", timed_reruns(at, args.reruns))

        button = at.button(key="btn.batch")
        assert button.label == f"Draft {args.leads} leads", button.label
        began = time.perf_counter()
        button.click().run()
        assert not at.exception, at.exception
        drafted = len(at.session_state[RESULTS])
        print(f"the batch run itself ({drafted:,} drafts, in the page): {ms(time.perf_counter() - began)}")
        _say(f"{drafted:,} drafted, table and a card:", timed_reruns(at, args.reruns))
        parts(data_dir, at.session_state[RESULTS])


def _median_ms(work, runs: int = 5) -> str:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return ms(statistics.median(times))


def parts(data_dir: Path, results: list) -> None:
    """Two things each rerun does, timed alone, to show where a rerun's time goes: the page reads the saved
    leads three times (the list, the batch's picker, the send plan) and builds both exports."""
    from inmail.batch_output import OutputFormat, to_bytes
    from inmail.workspace import Workspace

    def both_exports() -> None:
        for fmt in OutputFormat:
            to_bytes(results, fmt)

    with Workspace(data_dir) as workspace:
        stored = len(workspace.saved_leads())
        print(
            f"  part: Workspace.saved_leads() of {stored:,} leads, once:  {_median_ms(workspace.saved_leads)}"
        )
    print(f"  part: the CSV and JSON Lines exports of {len(results):,} rows:  {_median_ms(both_exports)}")


if __name__ == "__main__":
    main()
