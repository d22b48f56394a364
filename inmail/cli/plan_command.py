"""`inmail plan`: when, and by which channel, to reach each lead within the caps and the credits.

Advice only: nothing is sent and nothing is written to the book. The JSON is DESIGN section 5's contract.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail.cli.errors import CliError
from inmail.cli.io import parse_at

if TYPE_CHECKING:
    from inmail.workspace import Workspace
    from limits.planning import SendPlan

COMMANDS = ("plan",)  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser("plan", help="when and how to reach each lead within caps and credits (advice)")
    plan.add_argument(
        "leads", nargs="?", metavar="LEADS.csv|LEADS.json|LEADS.jsonl", help="the leads to plan for"
    )
    plan.add_argument("--all", action="store_true", help="every lead in the lead book")
    plan.add_argument("--days", metavar="N", default="14", help="the horizon in days (default 14)")
    plan.add_argument("--start", metavar="ISO8601", help="when the plan starts (default: now)")
    plan.add_argument("--keep", metavar="N", default="0", help="credits to keep in reserve (default 0)")
    plan.add_argument("--json", action="store_true", help="print JSON")
    plan.set_defaults(run=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import cli_message
    from inmail.workspace import Workspace
    from limits import LimitsError

    days, keep = _whole(args.days, "--days"), _whole(args.keep, "--keep")
    start = parse_at(args.start)
    try:
        with Workspace.open(args.data_dir) as workspace:
            plan = workspace.send_plan(_leads(args, workspace), start=start, days=days, keep=keep)
    except LimitsError as exc:
        raise CliError(_flagged(cli_message(exc)), exit_code=1) from None
    print(json.dumps(plan.to_json(), indent=2) if args.json else plan_text(plan))
    return 0


def _leads(args: argparse.Namespace, workspace: Workspace) -> list[dict[str, Any]]:
    """JSON and JSON Lines are read as recipients (an id and the flags are enough to plan); a CSV or the
    lead book as leads."""
    from inmail.lead_files import read_lead_source
    from inmail.send_plan import read_lead_file

    if args.leads and not args.all and Path(args.leads).suffix.lower() in {".json", ".jsonl"}:
        return read_lead_file(args.leads)
    leads, skipped = read_lead_source(args.leads, every=args.all, workspace=workspace)
    for skip in skipped:
        print(f"inmail: skipped {skip.where}: {skip.why}", file=sys.stderr)
    return [lead.model_dump(mode="json") for lead in leads]


def plan_text(plan: SendPlan) -> str:
    end = plan.start.date().fromordinal(plan.start.date().toordinal() + plan.days)
    head = f"Send plan from {plan.start:%Y-%m-%d %H:%M} UTC to {end:%Y-%m-%d} ({plan.days} days)"
    reserve = f", keeping {plan.keep} credit(s)" if plan.keep else ""
    sends = f"{len(plan.steps)} send(s), {plan.credits} credit(s){reserve}"
    lines = [f"{head}: {sends}. Advice: nothing is sent."]
    for step in plan.steps:
        cost = f"{step.credits} credit" if step.credits else "free"
        lines.append(f"  {step.at:%a %Y-%m-%d %H:%M} UTC  {step.channel.value:<16} {cost:<9} {step.lead_id}")
    if plan.unreachable:
        lines.append(f"Not reachable in the horizon ({len(plan.unreachable)}):")
        lines += [f"  {item.lead_id}: {item.why}" for item in plan.unreachable]
    if not plan.steps and not plan.unreachable:
        lines.append("No leads to plan for.")
    return "\n".join(lines)


def _whole(value: str, flag: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CliError(f"{flag} must be a whole number, not {value!r}") from None


def _flagged(text: str) -> str:
    """The planner names its options as people read them; the command line names its flags."""
    text = text.replace("days must", "--days must").replace("the credits to keep", "--keep")
    return text.replace("record it with an --at from", "use a --start from")
