"""`inmail stats`: reply, accept and decline rates from your own book, with counts and 95 % intervals."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inmail.reply_stats import ReplyStats

COMMANDS = ("stats",)  # the commands register() adds

EMPTY = (
    "Nothing to measure yet: your book has no sends. Draft with `inmail draft LEAD.json`, send it on "
    "LinkedIn by hand, record it with `inmail sent DRAFT_ID`, and record each answer with "
    "`inmail ledger response LEAD_ID --kind replied|accepted|declined`."
)


def register(sub: argparse._SubParsersAction) -> None:
    stats = sub.add_parser("stats", help="reply, accept and decline rates, with counts and intervals")
    out = stats.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV (one row per group)")
    stats.set_defaults(run=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    with Workspace.open(args.data_dir) as workspace:
        stats = workspace.reply_stats(at=datetime.now(UTC))
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
    elif args.csv:
        print(stats.to_csv(), end="")
    else:
        print(stats_text(stats))
    return 0


def stats_text(stats: ReplyStats) -> str:
    from inmail.reply_stats import OUTCOMES, TITLES, percent

    if stats.empty:
        return EMPTY
    assert stats.first_at is not None
    assert stats.last_at is not None
    span = f"{stats.first_at:%Y-%m-%d} to {stats.last_at:%Y-%m-%d}"
    lines = [f"{stats.total} send(s) from {span}, {stats.answered} answered. Rates with 95 % intervals:"]
    for dimension, groups in stats.groups.items():
        lines.append("")
        head = f"{TITLES[dimension]:<24} {'sent':>5}  " + "  ".join(f"{o:<22}" for o in OUTCOMES)
        lines.append(head.rstrip())
        for group in groups:
            cells = []
            for outcome in OUTCOMES:
                rate = group.rates[outcome]
                interval = f"({percent(rate.low)}-{percent(rate.high)})"
                cells.append(f"{rate.count:>4} {percent(rate.value):>5} {interval}")
            row = f"  {group.value[:22]:<22} {group.sent:>5}  " + "  ".join(f"{c:<22}" for c in cells)
            lines.append(row.rstrip())
    if stats.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in stats.notes]
    return "\n".join(lines)
