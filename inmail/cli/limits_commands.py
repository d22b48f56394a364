"""`inmail plans`, `inmail check` and `inmail ledger ...`: the limits engine on the command line."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

from inmail.cli.errors import CliError
from inmail.cli.io import parse_at, read_json_file
from inmail.config import data_dir

Run = Callable[[argparse.Namespace], int]


def _worded(run: Run) -> Run:
    """Limits' errors carry data and plain sentences; here they get the command line's fix (a flag)."""

    @functools.wraps(run)
    def wrapped(args: argparse.Namespace) -> int:
        from inmail.cli.limits_views import cli_message
        from limits import LimitsError

        try:
            return run(args)
        except LimitsError as exc:
            raise CliError(cli_message(exc), exit_code=1) from None

    return wrapped


COMMANDS = ("plans", "check", "ledger")  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    plans = sub.add_parser("plans", help="the plan catalog: every figure with its source")
    plans.add_argument("--json", action="store_true", help="print JSON")
    plans.set_defaults(run=_worded(run_plans))

    check = sub.add_parser("check", help="may I message this lead now, on which channel, at what cost?")
    check.add_argument("lead", metavar="LEAD.json", help="the lead as JSON (see DESIGN section 6)")
    _at(check)
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(run=_worded(run_check))

    ledger = sub.add_parser("ledger", help="your book of credits, sends and replies")
    commands = ledger.add_subparsers(dest="ledger_command", metavar="ACTION")
    commands.required = True

    init = commands.add_parser("init", help="set (or change) your plan; changing plan drops the old credits")
    init.add_argument(
        "--plan", required=True, metavar="ID", help="basic, premium_career, premium_business, ..."
    )
    init.add_argument("--start", metavar="ISO8601", help="when the plan started (default: --at)")
    init.add_argument(
        "--cycle-day", metavar="N", help="billing-cycle day of the month (default: the start's day)"
    )
    init.add_argument(
        "--balance", metavar="N", help="the credits LinkedIn shows now (default: derive from --start)"
    )
    init.add_argument(
        "--yes", action="store_true", help="confirm a change of plan (it drops the old credits)"
    )
    _at(init)
    init.set_defaults(run=_worded(run_init))

    for name, help_text in (
        ("inmail", "record an InMail you sent by hand"),
        ("message", "record a message to a 1st-degree connection"),
        ("invite", "record a connection invitation"),
        ("withdraw", "record a withdrawn invitation"),
        ("response", "record an answer (it may return the InMail's credit)"),
    ):
        record = commands.add_parser(name, help=help_text)
        record.add_argument("lead_id", metavar="LEAD_ID", help="the lead's id (profile URL)")
        if name == "inmail":
            record.add_argument(
                "--open-profile", action="store_true", help="a free InMail to an Open Profile"
            )
        if name == "invite":
            record.add_argument("--note", action="store_true", help="the invitation had a personalised note")
        if name == "response":
            record.add_argument("--kind", default="replied", help="replied (default), accepted or declined")
        record.add_argument("--key", help="idempotency key: recording the same key twice records once")
        _at(record)
        record.set_defaults(run=_worded(run_record), what=name)

    for name, help_text in (
        ("sync", "LinkedIn shows N credits: make the balance N"),
        (
            "purchase",
            "record N bought credits: only for contracts that sell them (LinkedIn Help 437 and 57013: "
            "Premium and Sales Navigator members cannot buy InMail credits)",
        ),
    ):
        amount = commands.add_parser(name, help=help_text)
        amount.add_argument("n", metavar="N", help="a whole number of credits, 0 to 10,000")
        amount.add_argument("--key", help="idempotency key: recording the same key twice records once")
        _at(amount)
        amount.set_defaults(run=_worded(run_amount), what=name)

    status = commands.add_parser("status", help="balance, lots, next renewal and caps")
    _at(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=_worded(run_status))

    sent = commands.add_parser("sent", help="every send: status, credit-back window, credit back or not")
    _at(sent)
    sent.add_argument("--json", action="store_true", help="print JSON")
    sent.set_defaults(run=_worded(run_sent))

    due = commands.add_parser("due", help="follow-ups due and credit-back windows closing")
    _at(due)
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(run=_worded(run_due))

    override = commands.add_parser(
        "override", help="override a figure (see `inmail plans`), or list overrides"
    )
    override.add_argument(
        "key", nargs="?", metavar="KEY", help="for example plans.premium_career.credits_per_month"
    )
    override.add_argument("value", nargs="?", metavar="VALUE")
    override.add_argument("--clear", action="store_true", help="go back to the shipped figure")
    override.set_defaults(run=_worded(run_override))


def _at(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", metavar="ISO8601", help="the instant to use (default: now)")


def _account(args: argparse.Namespace) -> Any:
    from limits import Account

    try:
        directory = data_dir(args.data_dir)
    except OSError as exc:
        where = exc.filename or args.data_dir
        raise CliError(
            f"cannot use the data directory {where} ({exc.strerror}): pick another --data-dir"
        ) from None
    return Account.open(directory)


def _whole(value: str | None, what: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise CliError(f"{what} must be a whole number, not {value!r}") from None


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# -- plans ---------------------------------------------------------------------------------------------


def run_plans(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import plans_json, plans_text

    with _account(args) as account:
        catalog = account.catalog()
    if args.json:
        _print_json(plans_json(catalog))
    else:
        print(plans_text(catalog))
    return 0


# -- check ----------------------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import verdict_text
    from limits import Recipient, next_send_window

    at = parse_at(args.at)
    recipient = Recipient.from_lead(read_json_file(args.lead, what="lead file"))
    with _account(args) as account:
        verdict = account.check(recipient, at=at)
    if args.json:
        _print_json(verdict.to_json())
        return 0
    advice = None
    if verdict.allowed or verdict.next_allowed_at:
        moment = verdict.next_allowed_at or at
        advice = next_send_window(at=moment, timezone=recipient.timezone, location=recipient.location)
    print(verdict_text(verdict, advice))
    return 0


# -- ledger -------------------------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    from limits import PlanChangeKind

    at = parse_at(args.at)
    start = parse_at(args.start) if args.start else None
    with _account(args) as account:
        change = account.init_plan(
            args.plan,
            start=start,
            cycle_day=_whole(args.cycle_day, "--cycle-day"),
            balance=_whole(args.balance, "--balance"),
            at=at,
            confirm=args.yes,
        )
        status = account.status(at=max(at, change.start))
    renewal = f", next renewal {_when(status.next_renewal_at)}" if status.next_renewal_at else ""
    match change.kind:
        case PlanChangeKind.UNCHANGED:
            head = f"Plan unchanged: {status.plan_name} from {_when(change.start)}"
            head += "; balance synced" if change.synced else "; nothing recorded"
        case PlanChangeKind.CHANGE:
            dropped = change.credits_dropped
            print(f"Plan changed from {change.previous_plan}: its {dropped} credit(s) are dropped.")
            head = f"Plan set: {status.plan_name} from {_when(change.start)}"
        case PlanChangeKind.REPLACE:
            dropped = f" (its {change.credits_dropped} credit(s) dropped)" if change.credits_dropped else ""
            print(f"Replaced {change.previous_plan}, set the same day{dropped}.")
            head = f"Plan set: {status.plan_name} from {_when(change.start)}"
        case PlanChangeKind.NEW:
            head = f"Plan set: {status.plan_name} from {_when(change.start)}"
    print(f"{head}; balance {status.balance}{renewal}.")
    if change.start < at and change.kind is not PlanChangeKind.UNCHANGED:
        print(f"Record what you sent since {_when(change.start)} with --at: it counts like any other send.")
    return 0


def run_record(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import credit_back_text

    at = parse_at(args.at) if args.at else None
    with _account(args) as account:
        recorded, what = _record(account, args, at)
    if not recorded.new:
        print(
            f"Already recorded: {what} to {recorded.lead_id} at {_when(recorded.at)} "
            f"(event {recorded.id}, key {args.key!r}); nothing changed."
        )
        return 0
    if recorded.unfunded:
        print(
            "inmail: warning: the book showed no credit for this InMail; run `inmail ledger sync N` "
            "with the number LinkedIn shows",
            file=sys.stderr,
        )
    print(
        f"Recorded {what} to {recorded.lead_id} at {_when(recorded.at)} (event {recorded.id}); "
        f"balance {recorded.balance}."
    )
    if recorded.credit_back is not None:
        print(credit_back_text(recorded.credit_back))
    return 0


def _record(account: Any, args: argparse.Namespace, at: Any) -> tuple[Any, str]:
    lead, key = args.lead_id, args.key
    match args.what:
        case "inmail":
            what = "Open Profile InMail (free)" if args.open_profile else "InMail"
            return account.record_inmail(lead, open_profile=args.open_profile, at=at, key=key), what
        case "message":
            return account.record_message(lead, at=at, key=key), "message"
        case "invite":
            what = "invitation with a note" if args.note else "invitation"
            return account.record_invite(lead, note=args.note, at=at, key=key), what
        case "withdraw":
            return account.record_withdraw(lead, at=at, key=key), "withdrawal"
        case "response":
            return account.record_response(lead, kind=args.kind, at=at, key=key), f"response ({args.kind})"
        case _:
            raise CliError(f"unknown ledger action {args.what!r}")


def run_amount(args: argparse.Namespace) -> int:
    at = parse_at(args.at) if args.at else None
    n = _whole(args.n, "N")
    with _account(args) as account:
        if args.what == "sync":
            recorded = account.sync(n, at=at, key=args.key)
        else:
            recorded = account.purchase(n, at=at, key=args.key)
            rule = account.catalog().rules["purchase"]
            print(f"Note: {rule.note} [{rule.cite()}].")
    if not recorded.new:
        print(f"Already recorded under key {args.key!r} (event {recorded.id}); nothing changed.")
        return 0
    verb = "Synced to" if args.what == "sync" else "Purchased"
    print(f"{verb} {n} credit(s) at {_when(recorded.at)}; balance {recorded.balance}.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import status_text

    with _account(args) as account:
        status = account.status(at=parse_at(args.at))
    if args.json:
        _print_json(status.to_json())
    else:
        print(status_text(status))
    return 0


def run_sent(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import sent_text

    at = parse_at(args.at)
    with _account(args) as account:
        items = account.sent(at=at)
    if args.json:
        _print_json([item.to_json() for item in items])
    else:
        print(sent_text(items))
    return 0


def run_due(args: argparse.Namespace) -> int:
    from inmail.cli.limits_views import due_text

    at = parse_at(args.at)
    with _account(args) as account:
        due = account.due(at=at)
    if args.json:
        _print_json(due.to_json())
    else:
        print(due_text(due))
    return 0


def run_override(args: argparse.Namespace) -> int:
    with _account(args) as account:
        if args.key is None:
            overrides = account.overrides()
            print(
                "\n".join(f"{k} = {json.dumps(v)}" for k, v in sorted(overrides.items())) or "No overrides."
            )
        elif args.clear:
            cleared = account.clear_override(args.key)
            print(f"Cleared {args.key}." if cleared else f"{args.key} was not overridden.")
        elif args.value is None:
            raise CliError(f"give a value for {args.key}, or --clear to drop its override")
        else:
            value = account.set_override(args.key, args.value)
            print(f"{args.key} = {json.dumps(value)} (your override)")
    return 0


def _when(value: Any) -> str:
    from limits.events import as_utc

    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC")
