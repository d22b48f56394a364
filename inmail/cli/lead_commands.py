"""`inmail leads import|list|show|rm`: the book of leads on the command line. An import reads a CSV, JSON,
JSON lines, a saved profile page (text) or LinkedIn's profile PDF and stores what it read in the data
directory (a later import fills empty fields and never erases); rows that could not be read are listed on
stderr with their line or page."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from inmail.cli.errors import CliError

if TYPE_CHECKING:
    from composer import Lead
    from inmail.leads import ImportResult

COMMANDS = ("leads",)  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    leads = sub.add_parser("leads", help="import, list, show and remove saved leads")
    actions = leads.add_subparsers(dest="leads_command", metavar="ACTION")
    actions.required = True

    imports = actions.add_parser("import", help="read leads from a file and save them")
    imports.add_argument("file", metavar="FILE", help="a CSV, JSON, JSON lines, pasted profile text or PDF")
    imports.add_argument("--format", choices=("csv", "json", "jsonl", "text", "pdf"), help="default: guessed")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help="read a CSV column as a lead field (first_name, company, id, ...); field 'none' skips it",
    )
    imports.add_argument("--json", action="store_true", help="print JSON")
    imports.set_defaults(run=run_import)

    listing = actions.add_parser("list", help="the saved leads, the latest saved last")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)

    show = actions.add_parser("show", help="one saved lead as JSON")
    show.add_argument("ref", metavar="ID", help="its id (or the start of it) or its name")
    show.set_defaults(run=run_show)

    remove = actions.add_parser("rm", help="remove a saved lead")
    remove.add_argument("ref", metavar="ID", help="its id (or the start of it) or its name")
    remove.set_defaults(run=run_rm)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip():
            raise CliError(f"bad --map {pair!r}: write COLUMN=field, for example --map 'Nom=last_name'")
        mapping[column.strip()] = field.strip()
    return mapping


def run_import(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    mapping = parse_mapping(args.map)
    with Workspace.open(args.data_dir) as workspace:
        result = workspace.import_leads(args.file, format=args.format, mapping=mapping or None)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"Imported {result.summary()} from {args.file}.")
    _report(result)
    return 0


def _report(result: ImportResult) -> None:
    for item in result.skipped:
        print(f"inmail: skipped {item.where}: {item.why}", file=sys.stderr)
    if result.unsure:
        guessed = ", ".join(f"{column} -> {field}" for column, field in result.columns.items() if field)
        print(
            f"inmail: columns guessed ({guessed}): check them, or fix with --map COLUMN=field",
            file=sys.stderr,
        )


def run_list(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    with Workspace.open(args.data_dir) as workspace:
        leads = workspace.leads()
    if args.json:
        print(json.dumps([_json(lead) for lead in leads], ensure_ascii=False, indent=2))
        return 0
    if not leads:
        print("No saved leads yet: `inmail leads import FILE` reads a CSV, a profile page or a profile PDF.")
        return 0
    for lead in leads:
        role = ", ".join(part for part in (lead.title, lead.company) if part)
        print(f"{lead.id}  {lead.full_name}" + (f"  ({role})" if role else ""))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    with Workspace.open(args.data_dir) as workspace:
        lead = workspace.lead(args.ref)
    print(json.dumps(_json(lead), ensure_ascii=False, indent=2))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    with Workspace.open(args.data_dir) as workspace:
        lead = workspace.remove_lead(args.ref)
    print(f"Removed {lead.full_name} ({lead.id}).")
    return 0


def _json(lead: Lead) -> dict[str, object]:
    return lead.model_dump(mode="json", exclude_defaults=True)
