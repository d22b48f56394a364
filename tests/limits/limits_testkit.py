"""Helpers the limits tests share: UTC instants and a tiny script runner over an Account."""

from __future__ import annotations

from datetime import UTC, datetime

from limits import Account


def at(text: str) -> datetime:
    """'2026-01-15' or '2026-01-15T09:30' as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def play(account: Account, steps: list[tuple]) -> Account:
    """Apply steps like ("init", "premium_career", "2026-01-15", {...}) or ("inmail", "ann", "2026-01-20").

    ("override", KEY, VALUE) sets a figure; every other step is (name, argument, when[, options]).
    """
    for name, arg, when, *rest in steps:
        if name == "override":
            account.set_override(arg, when)
            continue
        options, instant = dict(rest[0]) if rest else {}, at(when)
        match name:
            case "init":
                start = at(options.pop("start")) if "start" in options else instant
                account.init_plan(arg, at=instant, start=start, **options)
            case "inmail" | "open_profile":
                account.record_inmail(arg, open_profile=name == "open_profile", at=instant)
            case "message":
                account.record_message(arg, at=instant)
            case "invite" | "invite_note":
                account.record_invite(arg, note=name == "invite_note", at=instant)
            case "withdraw":
                account.record_withdraw(arg, at=instant)
            case "replied" | "accepted" | "declined":
                account.record_response(arg, kind=name, at=instant)
            case "sync":
                account.sync(arg, at=instant)
            case "purchase":
                account.purchase(arg, at=instant)
            case _:
                raise AssertionError(f"unknown step {name}")
    return account
