"""Helpers the limits tests share: UTC instants, a tiny script runner over an Account, random books of
events for the properties, a replay from scratch with every lot movement traced, and a counter of the
events a replay reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from limits import Account, Catalog, Event, EventKind, load_catalog
from limits.events import Row, to_us
from limits.ledger import Ledger
from limits.lots import Lot, Move


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
                account.init_plan(arg, at=instant, start=start, confirm=True, **options)
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


# Strategies made once: a strategy made inside a draw is validated and labelled again on every call.
_PLAN = st.sampled_from(PLANS)
_START_DAY = st.integers(-60, 0)
_COUNT = st.integers(0, 40)
_MINUTE = st.integers(0, 250 * 24 * 60)
_KIND = st.sampled_from(["inmail", "inmail", "inmail", "open", "response", "sync", "purchase", "plan"])
_LEAD = st.sampled_from(LEADS)
_PURCHASED = st.integers(1, 5)
_CREDITS = {plan: st.integers(0, CATALOG.plan(plan).bank_cap) for plan in PLANS}
_BALANCE = {plan: st.none() | credits for plan, credits in _CREDITS.items()}


@st.composite
def books(draw) -> list[Event]:
    plan = draw(_PLAN)
    start = T0 + timedelta(days=draw(_START_DAY))
    balance = draw(_BALANCE[plan])
    events = [Event(kind=EventKind.PLAN_SET, at=start, plan=plan, start=start)]
    if balance is not None:  # what `init --balance` records: a sync at the time of recording
        events.append(Event(kind=EventKind.SYNC, at=T0, credits=balance))
    for _ in range(draw(_COUNT)):
        when = T0 + timedelta(minutes=draw(_MINUTE))
        kind = draw(_KIND)
        lead = draw(_LEAD)
        match kind:
            case "inmail" | "open":
                events.append(
                    Event(kind=EventKind.INMAIL, at=when, lead_id=lead, open_profile=kind == "open")
                )
            case "response":
                events.append(Event(kind=EventKind.RESPONSE, at=when, lead_id=lead, response="replied"))
            case "sync":
                events.append(Event(kind=EventKind.SYNC, at=when, credits=draw(_CREDITS[plan])))
            case "purchase":
                events.append(Event(kind=EventKind.PURCHASE, at=when, credits=draw(_PURCHASED)))
            case "plan":
                plan = draw(_PLAN)
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


@dataclass(frozen=True)
class Movement:
    """One change to one lot: what the "nothing spent after it expired" property reads."""

    at_us: int
    move: Move
    lot_id: int
    credits: int  # positive in, negative out
    expires_us: int | None


def replay(
    catalog: Catalog, rows: Iterable[Row], *, at: datetime, trace: list[Movement] | None = None
) -> Ledger:
    """The ledger at `at` from scratch: rows with at_us <= at, in (at, id) order (`trace` collects moves)."""

    def note(at_us: int, move: Move, lot: Lot, credits: int) -> None:
        assert trace is not None
        trace.append(Movement(at_us, move, lot.id, credits, lot.expires_us))

    ledger = Ledger(catalog, on_move=None if trace is None else note)
    until = to_us(at)
    for row in sorted(rows, key=lambda r: (r.at_us, r.id)):
        if row.at_us > until:
            break
        ledger.apply(row)
    ledger.advance(until)
    return ledger


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
