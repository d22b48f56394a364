"""Batch drafts: `inmail batch` against the peer `linkedin-message-drafter` (PyPI), both on the same CSV
of 1,000 prospects, side by side in one run; and the batch's memory for 100 vs 10,000 leads.

The CSV has the peer's columns (name, company, role, context, goal, relationship) and a LinkedIn export's
(LinkedIn URL, Headline, Location, Summary, ...), which the lead book maps and the peer passes over.
Ours: `inmail batch PROSPECTS.csv --out OUT.jsonl` as a whole process (the CSV read through the lead book),
offline (template engine), on a Premium Business ledger, so each row has its draft, checks, coach score,
limits verdict and warnings, and each draft is kept in the history. Also the CSV read in process, and
`Workspace.batch` in process over the leads read (no start-up, no file reading).
The peer: its `linkedin-draft PROSPECTS.csv` console script (offline: no ANTHROPIC_API_KEY), which prints
each draft and saves it to drafts/ (no checks, no coach, no limits). When it is not installed in this
environment (`pip install linkedin-message-drafter`, for the bench only), the plain-jinja floor from
bench/plain_draft.py is timed instead, 1,000 renders in one process.
Memory: the tracemalloc peak of `Workspace.batch` over a stream of 100 and of 10,000 leads, each row
written to a JSON Lines file as it is made. (tracemalloc slows Python down: these runs are not timed.)

Run: python bench/bench_batch.py [--leads 1000] [--memory 100,10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_NAMES = ("Maria", "Camille", "Jonas", "Lucia", "Priya", "Tom", "Ana", "Kenji", "Sofia", "Omar")


def leads(count: int) -> Iterator[dict]:
    """`count` distinct English leads made from the samples (a new name and profile id each)."""
    from composer import SAMPLE_LEADS

    bases = [lead.model_dump(mode="json") for lead in SAMPLE_LEADS.values() if lead.language == "en"]
    for n in range(count):
        lead = dict(bases[n % len(bases)])
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        slug = f"{first.lower()}-{lead['last_name'].lower()}-{n}"
        yield {**lead, "first_name": first, "id": f"https://www.linkedin.com/in/{slug}"}


# The peer's columns (it reads name, context and goal, and company, role and relationship when there),
# then the LinkedIn export's columns the lead book reads and the peer passes over. "role" is ours too.
PEER_COLUMNS = ("name", "company", "role", "context", "goal", "relationship")
EXPORT_COLUMNS = {
    "LinkedIn URL": "id",
    "Headline": "headline",
    "Location": "location",
    "Summary": "about",
    "Recent post": "recent_post",
    "Skills": "skills",
    "Mutual connections": "mutual_connections",
    "Connection degree": "degree",
    "Open profile": "open_profile",
    "Language": "language",
}


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def write_inputs(folder: Path, count: int) -> tuple[Path, Path]:
    """The sender, and one CSV of `count` prospects that both sides read: the peer's columns and ours."""
    from composer import SAMPLE_SENDER

    sender, prospects = folder / "sender.json", folder / "prospects.csv"
    sender.write_text(SAMPLE_SENDER.model_dump_json(), encoding="utf-8")
    with prospects.open("w", encoding="utf-8", newline="") as out:
        table = csv.writer(out)
        table.writerow([*PEER_COLUMNS, *EXPORT_COLUMNS])
        for lead in leads(count):
            peer_cells = [
                f"{lead['first_name']} {lead['last_name']}",
                lead.get("company") or "",
                lead.get("title") or "",
                f"your post on {lead.get('recent_post') or lead.get('headline')}",
                SAMPLE_SENDER.offer,
                "2nd-degree connection",
            ]
            table.writerow([*peer_cells, *(_cell(lead.get(field)) for field in EXPORT_COLUMNS.values())])
    return sender, prospects


def read_prospects(prospects: Path, count: int) -> tuple[list, float]:
    """The CSV's leads through the lead book (`inmail.leads`), as `inmail batch` reads them; and the time."""
    from inmail.leads import read_leads_file

    started = time.perf_counter()
    result = read_leads_file(prospects)
    elapsed = time.perf_counter() - started
    assert not result.skipped, result.skipped[:3]
    assert len(result.imported) == count, len(result.imported)
    return result.imported, elapsed


def with_plan(data: Path) -> None:
    from limits import Account

    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(data) as account:
        account.init_plan("premium_business", start=start, balance=15, at=start)


def timed(command: list[str], *, cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed


def ours_cli(folder: Path, prospects: Path, sender: Path) -> tuple[float, int]:
    data = folder / "data"
    with_plan(data)
    env = {**os.environ, "INMAIL_DATA_DIR": str(data)}
    inmail = str(Path(sys.executable).parent / "inmail")
    out = folder / "out.jsonl"
    seconds = timed(
        [inmail, "batch", str(prospects), "--sender", str(sender), "--out", str(out)], cwd=folder, env=env
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(row["verdict"] and row["draft"]["checks"] and "score" in row["draft"]["coach"] for row in rows)
    return seconds, len(rows)


def ours_in_process(folder: Path, people: list) -> float:
    """`Workspace.batch` over leads already read (no start-up, no file reading)."""
    from composer import SAMPLE_SENDER
    from inmail.workspace import Workspace

    data = folder / "data-in-process"
    with_plan(data)
    with Workspace(data) as workspace:
        list(workspace.batch(leads(5), sender=SAMPLE_SENDER, settings={}))  # imports and caches warm
        started = time.perf_counter()
        made = sum(1 for _ in workspace.batch(people, sender=SAMPLE_SENDER, settings={}))
        elapsed = time.perf_counter() - started
    assert made == len(people)
    return elapsed


def peer(folder: Path, prospects: Path) -> float | None:
    script = shutil.which("linkedin-draft", path=str(Path(sys.executable).parent))
    if script is None:
        return None
    env = {name: value for name, value in os.environ.items() if name != "ANTHROPIC_API_KEY"}
    work = folder / "peer"
    work.mkdir()
    seconds = timed([script, str(prospects)], cwd=work, env=env)
    assert len(list((work / "drafts").iterdir())) > 0
    return seconds


def plain_floor(folder: Path, count: int) -> float:
    """bench/plain_draft.py's rendering, `count` times in one process (no checks, coach or limits)."""
    lead, sender = folder / "lead.json", folder / "sender.json"
    lead.write_text(json.dumps(next(leads(1))), encoding="utf-8")
    code = (
        "import sys, time, io, contextlib, runpy\n"
        f"sys.argv = ['plain_draft.py', {str(lead)!r}, '--sender', {str(sender)!r}]\n"
        "start = time.perf_counter()\n"
        f"for _ in range({count}):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        runpy.run_path({str(ROOT / 'bench' / 'plain_draft.py')!r}, run_name='__main__')\n"
        "print(time.perf_counter() - start)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def peak_memory(folder: Path, count: int) -> tuple[float, float]:
    """(tracemalloc peak in MB, the peak at lead 100 in MB) for a batch of `count` leads."""
    from composer import SAMPLE_SENDER
    from inmail.batch_output import BatchWriter, OutputFormat
    from inmail.workspace import Workspace

    data = folder / f"data-memory-{count}"
    with_plan(data)
    with Workspace(data) as workspace:
        list(workspace.batch(leads(5), sender=SAMPLE_SENDER, settings={}))  # caches filled before measuring
        with (folder / f"memory-{count}.jsonl").open("w", encoding="utf-8") as handle:
            writer = BatchWriter(handle, OutputFormat.JSONL, header=False)
            tracemalloc.start()
            early = 0.0
            for n, result in enumerate(workspace.batch(leads(count), sender=SAMPLE_SENDER, settings={}), 1):
                writer.write(result)
                if n == 100:
                    early = tracemalloc.get_traced_memory()[1] / 1e6
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    return peak, early


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=1000)
    parser.add_argument("--memory", default="100,10000", help="lead counts to measure memory for")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sender, prospects = write_inputs(folder, args.leads)
        print(f"one CSV for both sides: {args.leads:,} prospects, {prospects.stat().st_size / 1e6:.2f} MB")
        seconds, rows = ours_cli(folder, prospects, sender)
        print(
            f"inmail batch, {rows:,} leads from it (draft, checks, coach, verdict, history): {seconds:.2f} s"
        )
        people, reading = read_prospects(prospects, args.leads)
        print(f"the CSV read through the lead book (inmail.leads), in process: {reading:.2f} s")
        inside = ours_in_process(folder, people)
        per = inside / args.leads * 1000
        print(f"Workspace.batch in process, {args.leads:,} leads: {inside:.2f} s ({per:.2f} ms a lead)")
        theirs = peer(folder, prospects)
        if theirs is None:
            print("linkedin-message-drafter is not installed here: pip install linkedin-message-drafter")
            floor = plain_floor(folder, args.leads)
            print(f"plain-jinja floor (bench/plain_draft.py), {args.leads:,} renders: {floor:.2f} s")
        else:
            name = "linkedin-draft (linkedin-message-drafter)"
            print(f"{name}, {args.leads:,} prospects from a CSV: {theirs:.2f} s")
            print(f"ratio inmail batch / peer: {seconds / theirs:.1f}x (target: at most 2x)")
        for count in (int(part) for part in args.memory.split(",")):
            peak, early = peak_memory(folder, count)
            print(f"memory, {count:,} leads: tracemalloc peak {peak:.1f} MB (at lead 100: {early:.1f} MB)")


if __name__ == "__main__":
    main()
