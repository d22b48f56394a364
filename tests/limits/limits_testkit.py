"""Helpers the limits tests share: UTC instants, a tiny script runner over an Account, random books of
events for the properties, and a counter of the events a replay reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from limits import Account, Event, EventKind, load_catalog


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


CATALOG = load_catalog()
T0 = datetime(2026, 1, 1, tzinfo=UTC)
END = T0 + timedelta(days=260)
PLANS = ["premium_career", "premium_business", "sales_navigator", "recruiter_lite", "basic"]
LEADS = ["a", "b", "c", "d"]


@st.composite
def books(draw) -> list[Event]:
    plan = draw(st.sampled_from(PLANS))
    cap = CATALOG.plan(plan).bank_cap
    start = T0 + timedelta(days=draw(st.integers(-60, 20)))
    balance = draw(st.none() | st.integers(0, cap))
    events = [Event(kind=EventKind.PLAN_SET, at=T0, plan=plan, start=start, credits=balance)]
    for _ in range(draw(st.integers(0, 40))):
        when = T0 + timedelta(minutes=draw(st.integers(0, 250 * 24 * 60)))
        kind = draw(
            st.sampled_from(["inmail", "inmail", "inmail", "open", "response", "sync", "purchase", "plan"])
        )
        lead = draw(st.sampled_from(LEADS))
        match kind:
            case "inmail" | "open":
                events.append(
                    Event(kind=EventKind.INMAIL, at=when, lead_id=lead, open_profile=kind == "open")
                )
            case "response":
                events.append(Event(kind=EventKind.RESPONSE, at=when, lead_id=lead, response="replied"))
            case "sync":
                events.append(Event(kind=EventKind.SYNC, at=when, credits=draw(st.integers(0, cap))))
            case "purchase":
                events.append(Event(kind=EventKind.PURCHASE, at=when, credits=draw(st.integers(1, 5))))
            case "plan":
                plan = draw(st.sampled_from(PLANS))
                cap = CATALOG.plan(plan).bank_cap
                events.append(Event(kind=EventKind.PLAN_SET, at=when, plan=plan, start=when))
    return events


def paid_sends(account: Account, count: int, *, every: timedelta, message: bool = False) -> datetime:
    """A Sales Navigator book with 1,000 purchased credits (room to spend), then `count` paid InMails to
    lead-0, lead-1, ... from 2026-01-02 on, `every` apart (each followed by a message, if asked).
    Returns the first send's instant."""
    play(
        account,
        [
            ("override", "plans.sales_navigator.max_banked", 10000),
            ("init", "sales_navigator", "2026-01-01"),
            ("purchase", 1000, "2026-01-01"),
        ],
    )
    start = at("2026-01-02")
    for i in range(count):
        account.record_inmail(f"lead-{i}", at=start + i * every)
        if message:
            account.record_message(f"lead-{i}", at=start + i * every + timedelta(minutes=1))
    return start


@contextmanager
def replayed(account: Account) -> Iterator[list[int]]:
    """How many credit events each replay inside the block read (the work snapshots exist to save)."""
    counts: list[int] = []
    read = account.store.credit_rows

    def counting(*args):
        rows = read(*args)
        counts.append(len(rows))
        return rows

    account.store.credit_rows = counting
    try:
        yield counts
    finally:
        del account.store.credit_rows
