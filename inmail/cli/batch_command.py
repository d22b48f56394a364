"""`inmail batch`: drafts for a whole file of leads, one row each in a JSON Lines or CSV file.

Everything that can be wrong with the command (the leads file, the sender file, the settings, the model,
the output path) is said in one line before anything is written. Then a progress bar with a count and the
time left runs on stderr (tqdm), a lead that cannot be drafted is said above it and passed over, and each
row is written as it is made. Running it again with the same --out resumes: leads already drafted with
the same sender and settings are passed over.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail.cli.draft_commands import add_draft_options, engine_of, llm_config, sender_of, settings_of
from inmail.cli.errors import CliError

if TYPE_CHECKING:
    from inmail.batch import BatchResult
    from inmail.workspace import Workspace

COMMANDS = ("batch",)
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 16


def register(sub: argparse._SubParsersAction) -> None:
    batch = sub.add_parser("batch", help="draft for every lead in a file (never sends)")
    source = batch.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "leads", nargs="?", metavar="LEADS.jsonl|LEADS.json|LEADS.csv", help="the leads, one per line or row"
    )
    source.add_argument("--all", action="store_true", help="every lead in your lead book")
    batch.add_argument("--sender", metavar="SENDER.json", help="who writes (default: your saved profile)")
    add_draft_options(batch)
    batch.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help=f"drafts the LLM engine writes at a time (default {DEFAULT_CONCURRENCY})",
    )
    batch.add_argument(
        "--out", required=True, metavar="OUT.jsonl|OUT.csv", help="where the drafts go (resumed if it exists)"
    )
    batch.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    batch.set_defaults(run=run_batch)


def _leads(args: argparse.Namespace, workspace: Workspace) -> tuple[list[Any], list[Any]]:
    from inmail.lead_files import read_lead_source

    return read_lead_source(args.leads, every=args.all, workspace=workspace)


def _open_out(path: Path, fmt: Any) -> tuple[Any, set[str]]:
    """The output file opened to append, and the keys already in it; one line when it cannot be."""
    from inmail.batch_output import done_keys, needs_newline

    done = done_keys(path, fmt)
    torn = needs_newline(path)
    try:
        handle = path.open("a", encoding="utf-8", newline="")
    except OSError as exc:
        raise CliError(f"cannot write {path} ({exc.strerror or exc}): choose another --out") from None
    if torn:
        handle.write("\n")
    return handle, done


def run_batch(args: argparse.Namespace) -> int:
    from composer import Engine, Settings
    from inmail.batch import Status
    from inmail.batch_output import BatchWriter, output_format
    from inmail.workspace import Workspace

    out = Path(args.out)
    fmt = output_format(out)
    if fmt is None:
        raise CliError(f"--out {args.out}: use a file name ending in .jsonl or .csv")
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        raise CliError(f"--concurrency {args.concurrency}: use a number from 1 to {MAX_CONCURRENCY}")
    workspace = Workspace.open(args.data_dir)
    leads, skipped = _leads(args, workspace)
    sender = sender_of(args, workspace)
    settings = Settings.from_data(settings_of(args), what="settings")
    engine = engine_of(args)
    llm = llm_config(args, workspace) if engine is Engine.LLM else None
    handle, done = _open_out(out, fmt)
    for skip in skipped:
        _say(f"skipped {skip.where}: {skip.why}")
    counts = {status: 0 for status in Status}
    failed: list[dict[str, Any]] = []
    no_plan = False
    with handle:
        writer = BatchWriter(handle, fmt, header=handle.tell() == 0)
        results = workspace.batch(
            leads, sender=sender, settings=settings, engine=engine, llm=llm,
            concurrency=args.concurrency, done_keys=done,
        )  # fmt: skip
        for result in _with_progress(results, total=len(leads)):
            counts[result.status] += 1
            if result.status is Status.DRAFTED:
                writer.write(result)
                no_plan = no_plan or result.verdict is None
            elif result.status is Status.FAILED:
                failed.append({"index": result.index + 1, "name": result.name, "why": result.error})
    if no_plan:
        _say(
            "no LinkedIn plan is set up, so the rows say nothing of cost or channel: run `inmail ledger init`"
        )
    _summary(args, out, counts, failed, skipped)
    return 0


def _with_progress(results: Iterator[BatchResult], *, total: int) -> Iterator[BatchResult]:
    """The results, with a bar on stderr (count, rate, time left); a lead that failed is said above it."""
    from tqdm import tqdm

    from inmail.batch import Status

    with tqdm(total=total, file=sys.stderr, unit="lead", desc="drafting", dynamic_ncols=True) as bar:
        for result in results:
            if result.status is Status.FAILED:
                who = result.name or "(no name)"
                bar.write(f"inmail: skipped lead {result.index + 1} {who}: {result.error}", file=sys.stderr)
            bar.update(1)
            yield result


def _say(message: str) -> None:
    print(f"inmail: {message}", file=sys.stderr)


def _summary(
    args: argparse.Namespace, out: Path, counts: dict[Any, int], failed: list[Any], skipped: list[Any]
) -> None:
    from inmail.batch import Status

    drafted, already = counts[Status.DRAFTED], counts[Status.ALREADY]
    if args.json:
        data = {
            "out": str(out),
            "drafted": drafted,
            "already": already,
            "failed": failed,
            "skipped": [{"where": skip.where, "why": skip.why} for skip in skipped],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    parts = [f"{drafted} drafted into {out}"]
    if already:
        parts.append(f"{already} already there from an earlier run")
    if failed or skipped:
        parts.append(f"{len(failed) + len(skipped)} could not be drafted (said above)")
    print("; ".join(parts))
