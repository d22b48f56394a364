"""`inmail draft` and `inmail templates ...`: the composer on the command line.

`draft` prints the message ready to paste (subject line, blank line, body) on stdout and any warning or
failed check on stderr; `--json` prints the DESIGN section 5 shape plus the draft's `id`. Every draft is
kept in the draft history with its lead, so `inmail sent ID` can record it once sent. The composer is
imported inside the commands, and the LLM stack only with `--engine llm`, so the offline path starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail.cli.errors import CliError
from inmail.cli.io import read_json_file

if TYPE_CHECKING:
    from inmail.workspace import Workspace


TEMPLATE_BYTES = 200_000  # far above any template; a wrong file (or /dev/zero) stops here


COMMANDS = ("draft", "templates")  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    draft = sub.add_parser(
        "draft", help="write an InMail, connection note or follow-up for a lead (never sends)"
    )
    draft.add_argument("lead", metavar="LEAD.json", help="the lead as JSON (see DESIGN section 6)")
    draft.add_argument("--sender", metavar="SENDER.json", help="who writes (default: your saved profile)")
    draft.add_argument("--strategy", default="rabt", metavar="rabt|aida|pas|NAME", help="default: rabt")
    draft.add_argument(
        "--persona", metavar="P", help="marketer, salesperson (default), recruiter, job_seeker, ..."
    )
    draft.add_argument(
        "--mood", metavar="M", help="professional (default), friendly, funny, optimistic, motivated"
    )
    draft.add_argument(
        "--language", metavar="auto|CODE", help="auto (default: the lead's language), en, fr, ..."
    )
    draft.add_argument("--temperature", metavar="T", help="0 to 1, for the LLM engine (default 0.7)")
    cta = draft.add_mutually_exclusive_group()
    cta.add_argument("--cta", metavar="TEXT", help="the call to action to end on")
    cta.add_argument("--no-cta", action="store_true", help="ask for nothing")
    draft.add_argument("--footer", metavar="TEXT", help="the sign-off (default: the sender's footer)")
    draft.add_argument("--channel", metavar="inmail|connection_note|follow_up", help="default: inmail")
    draft.add_argument(
        "--engine", default="template", metavar="template|llm", help="default: template (offline)"
    )
    draft.add_argument(
        "--budget",
        metavar="SECONDS",
        type=float,
        help="time for one model draft, repair included (default 60)",
    )
    draft.add_argument(
        "--keep-failing", action="store_true", help="exit 0 even when the result fails a check"
    )
    draft.add_argument("--json", action="store_true", help="print JSON (with the engine used and why)")
    draft.set_defaults(run=run_draft)

    templates = sub.add_parser("templates", help="the message and prompt templates, and your overrides")
    actions = templates.add_subparsers(dest="templates_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="every template: name, kind, and whether it is yours")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="print the template in force")
    show.add_argument("name", metavar="NAME", help="a name from `inmail templates list` (or a strategy name)")
    show.set_defaults(run=run_show)
    validate = actions.add_parser("validate", help="check a template file before you use it")
    validate.add_argument("file", metavar="FILE")
    validate.add_argument("--name", help="the template it is meant to be, e.g. messages/bab/en.j2")
    validate.set_defaults(run=run_validate)
    path = actions.add_parser("path", help="where your templates go (or the file in force for NAME)")
    path.add_argument("name", metavar="NAME", nargs="?")
    path.set_defaults(run=run_path)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    given = {
        "strategy": args.strategy,
        "persona": args.persona,
        "mood": args.mood,
        "language": args.language,
        "temperature": args.temperature,
        "channel": args.channel,
        "footer_text": args.footer,
    }
    settings = {key: value for key, value in given.items() if value is not None}
    if args.no_cta:
        settings["cta"] = False
    elif args.cta is not None:
        settings["cta_text"] = args.cta
    return settings


def _sender(args: argparse.Namespace, workspace: Workspace) -> Any:
    from composer import Sender

    if args.sender:
        return Sender.from_data(read_json_file(args.sender, what="sender file"), what="sender")
    saved = workspace.sender()
    if saved is not None:
        return saved
    from composer import SAMPLE_SENDER

    _warn(f"no --sender given: writing as the sample sender {SAMPLE_SENDER.name}; pass --sender SENDER.json")
    return SAMPLE_SENDER


def _warn(message: str) -> None:
    print(f"inmail: warning: {message}", file=sys.stderr)


def run_draft(args: argparse.Namespace) -> int:
    from composer import DraftChannel, Engine, Lead, Settings, compose
    from inmail.workspace import Workspace

    workspace = Workspace.open(args.data_dir)
    lead = Lead.from_data(read_json_file(args.lead, what="lead file"), what="lead")
    sender = _sender(args, workspace)
    settings = Settings.from_data(_settings(args), what="settings")
    if (
        settings.channel is DraftChannel.FOLLOW_UP
    ):  # only a follow-up asks the book (an InMail needs no ledger)
        settings = settings.model_copy(update={"first_message_sent": workspace.first_message_sent(lead)})
    try:
        engine = Engine(args.engine)
    except ValueError:
        raise CliError(f"unknown engine {args.engine!r}: use template or llm") from None
    llm = None
    if engine is Engine.LLM:
        from composer import LLMConfig

        llm = LLMConfig.from_env()
        if llm is None:
            raise CliError("no model configured: set OPENAI_BASE_URL and INMAIL_MODEL (or OPENAI_API_KEY)")
        from inmail.model_settings import ModelSettingsFile

        saved = ModelSettingsFile(workspace.root).load().budget  # set on the Settings page
        if saved is not None:
            llm = llm.model_copy(update={"budget": saved})
        if args.budget is not None:
            if not 0 < args.budget <= 1800:
                raise CliError(f"--budget {args.budget:g} is not a number of seconds between 0 and 1800")
            llm = llm.model_copy(update={"budget": args.budget})
    lengths = workspace.lengths()
    draft = compose(lead, sender, settings, store=workspace.store, engine=engine, llm=llm, lengths=lengths)[0]
    # Saved first: when the history cannot be written, nothing is printed and the exit is non-zero.
    workspace.record_draft(draft, lead=lead, at=datetime.now(UTC))
    for warning in draft.warnings:
        _warn(warning)
    for check in draft.checks:
        if not check.ok:
            print(f"inmail: check failed: {check.name}: {check.message}", file=sys.stderr)
    if args.json:
        print(json.dumps({**draft.to_json(), "id": draft.id}, ensure_ascii=False, indent=2))
    else:
        print(draft.text())
        if lead.id:
            print(
                f"inmail: saved as draft {draft.id}; once sent: inmail sent {draft.id[:8]}", file=sys.stderr
            )
    if not draft.ok and not args.keep_failing:  # printed so nothing is lost, but not a result
        failing = ", ".join(check.name for check in draft.checks if not check.ok)
        raise CliError(
            f"the draft fails {failing}: fix the lead or sender data, or pass --keep-failing to accept it",
            exit_code=1,
        )
    return 0


def _store(args: argparse.Namespace) -> Any:
    from inmail.workspace import Workspace

    return Workspace.open(args.data_dir).store


def run_list(args: argparse.Namespace) -> int:
    infos = _store(args).list()
    if args.json:
        rows = [
            {"name": i.name, "kind": i.kind.value, "origin": i.origin.value, "path": str(i.path)}
            for i in infos
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(info.name) for info in infos)
    for info in infos:
        print(f"{info.name:<{width}}  {info.kind.value:<8}  {info.origin.value}")
    return 0


def _resolve(store: Any, name: str) -> str:
    """Accept a bare strategy name ("pas") for its metadata file."""
    if "/" not in name and store.exists(f"strategies/{name.lower()}.toml"):
        return f"strategies/{name.lower()}.toml"
    return name


def run_show(args: argparse.Namespace) -> int:
    store = _store(args)
    text = store.source(_resolve(store, args.name))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _name_for(path: Path, explicit: str | None) -> str:
    from composer.templates.models import is_template_name

    if explicit:
        return explicit
    parts = path.resolve().parts
    for length in (3, 2):
        candidate = "/".join(parts[-length:])
        if is_template_name(candidate):
            return candidate
    raise CliError(
        f"cannot tell which template {path} is: pass --name, for example --name messages/bab/en.j2 "
        "or --name strategies/bab.toml"
    )


def run_validate(args: argparse.Namespace) -> int:
    from inmail.files import read_bytes

    path = Path(args.file)
    try:
        text = read_bytes(path, what="template file", limit=TEMPLATE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(f"template file {path} is not UTF-8 text") from None
    name = _name_for(path, args.name)
    report = _store(args).validate(name, text, preview=True)
    if report.errors:
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        where = f"{path} line {first.line}" if first.line else str(path)
        raise CliError(f"{where}: {first.message}{more}", exit_code=1)
    for warning in report.warnings:
        _warn(warning)
    print(f"{path}: valid as {name}")
    if report.preview:
        print("\npreview with the sample lead:\n")
        print(report.preview)
    return 0


def run_path(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.name is None:
        print(store.user_dir)
        return 0
    found = store.path(_resolve(store, args.name))
    if found is None:
        raise CliError(f"no template named '{args.name}': run `inmail templates list` to see them")
    print(found)
    return 0
