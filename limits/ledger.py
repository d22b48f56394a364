"""The credit ledger: a pure replay of events into lots and a balance at any instant.

Semantics (DESIGN section 2): renewals come from the plan's start and cycle day; each monthly lot expires
90 days after its grant; at one instant expiries apply before grants, and grants before the events of
that instant; a grant is cut so the balance never passes max banked; spending takes the lot that expires
first, purchased credits last; a response within 90 days of a paid InMail returns its credit as a
`refund` lot; a sync makes the balance what LinkedIn shows; a new plan drops the old plan's credits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from limits.catalog import Catalog
from limits.events import Action, EventKind, Row, as_utc, to_us
from limits.lots import Lot, LotKind, Lots, Move
from limits.schedule import Terms, terms_for

_NEVER = 2**62
# The members apply() compares with, as module names: reading them off the enum class each time costs
# more than the rest of apply() on a long replay.
_PLAN_SET, _INMAIL, _RESPONSE, _SYNC, _PURCHASE = (
    EventKind.PLAN_SET,
    EventKind.INMAIL,
    EventKind.RESPONSE,
    EventKind.SYNC,
    EventKind.PURCHASE,
)
_PAID, _SPEND = Action.INMAIL, Move.SPEND


class Ledger:
    """The state after replaying events up to `cursor_us`. Feed rows in (at, id) order."""

    def __init__(self, catalog: Catalog, *, trace: bool = False) -> None:
        self.catalog = catalog
        self.terms: Terms | None = None
        self.lots = Lots(trace=trace)
        self.pending: dict[str, list[int]] = {}  # lead -> when each paid, unanswered InMail took its credit
        self.cursor_us = -(2**62)
        self.last_id = 0
        self.seq = 0  # credit-moving events applied: snapshots keep a checkpoint per so many
        self.next_renewal_us: int | None = None
        self.unfunded = 0  # paid InMails recorded when the book showed no credit
        self._due = -_NEVER  # no expiry or renewal before this: most events skip the schedule entirely
        self._expiry = {
            "monthly": to_us_days(catalog, "credits.expiry_days"),
            "refund": to_us_days(catalog, "credits.refund_expiry_days"),
            "adjustment": to_us_days(catalog, "credits.adjustment_expiry_days"),
            "window": to_us_days(catalog, "credits.refund_window_days"),
        }

    @property
    def balance(self) -> int:
        return self.lots.balance

    def advance(self, until_us: int) -> None:
        """Apply the expiries and renewals due up to `until_us`, expiries first at any one instant."""
        if until_us < self._due:
            self.cursor_us = max(self.cursor_us, until_us)
            return
        while True:
            expiry = self.lots.next_expiry()
            renewal = self.next_renewal_us
            due = min(_NEVER if expiry is None else expiry, _NEVER if renewal is None else renewal)
            if due > until_us:
                break
            if expiry == due:
                self.lots.expire(due)
            if renewal == due:
                self._grant(due)
        self._due = due
        self.cursor_us = max(self.cursor_us, until_us)

    def apply(self, row: Row) -> None:
        event_id, kind, at_us, lead_id, action, amount, detail = row  # plain tuples are fine too
        if at_us >= self._due:
            self.advance(at_us)
        elif at_us > self.cursor_us:
            self.cursor_us = at_us  # the hot path: nothing expires or renews before this event
        if event_id > self.last_id:
            self.last_id = event_id
        # Most frequent first; names bound at module level (see _INMAIL) keep a 30,000-event replay short.
        if kind == _INMAIL and action == _PAID:
            if self.lots.take(1, at_us, _SPEND):
                self.pending.setdefault(lead_id or "", []).append(at_us)
            else:
                self.unfunded += 1  # nothing spent, so nothing to earn back
        elif kind == _RESPONSE:
            self._respond(lead_id or "", at_us)
        elif kind == _PLAN_SET:
            self._set_plan(json.loads(detail), at_us)
        elif kind == _SYNC:
            gap = (amount or 0) - self.balance
            if gap > 0:
                self._add(LotKind.ADJUSTMENT, gap, at_us, at_us + self._expiry["adjustment"], Move.ADJUST)
            else:
                self.lots.take(-gap, at_us, Move.ADJUST)
            self.unfunded = 0  # LinkedIn's own figure settles what the book missed
        elif kind == _PURCHASE:
            self.lots.add(LotKind.PURCHASED, amount or 0, at_us, None, Move.PURCHASE)
        else:
            return  # messages, invitations, withdrawals and free InMails cost no credit
        self.seq += 1

    def _grant(self, at_us: int) -> None:
        assert self.terms is not None
        room = max(0, self.terms.bank_cap - self.lots.balance)
        self._add(
            LotKind.MONTHLY, min(self.terms.monthly, room), at_us, at_us + self._expiry["monthly"], Move.GRANT
        )
        self.next_renewal_us = self.terms.renewal_after(at_us)

    def _set_plan(self, detail: dict, at_us: int) -> None:
        self.lots.drop_all(at_us)
        self.pending.clear()
        self.unfunded = 0
        self._due = -_NEVER  # new terms, new schedule
        start = as_utc(datetime.fromisoformat(detail.get("start") or detail["at"]))
        self.terms = terms_for(
            self.catalog.plan(detail["plan"]), start=start, cycle_day=detail.get("cycle_day")
        )
        balance = detail.get("credits")
        if balance is None:
            # The plan's own history from its start up to now, in isolation: the old credits are gone.
            self.next_renewal_us = self.terms.renewal_after(self.terms.first_grant_us - 1)
            self.advance(at_us)
        else:
            self.next_renewal_us = self.terms.renewal_after(max(at_us, self.terms.start_us))
            self._add(LotKind.ADJUSTMENT, balance, at_us, at_us + self._expiry["adjustment"], Move.ADJUST)
        self._due = -_NEVER

    def _respond(self, lead_id: str, at_us: int) -> None:
        # A response answers every InMail still pending to that person, but earns back one credit at most.
        sends = self.pending.pop(lead_id, [])
        if sends and at_us - sends[-1] <= self._expiry["window"] and self.terms is not None:
            room = max(0, self.terms.bank_cap - self.lots.balance)
            self._add(LotKind.REFUND, min(1, room), at_us, at_us + self._expiry["refund"], Move.REFUND)

    def _add(self, kind: LotKind, credits: int, at_us: int, expires_us: int, move: Move) -> None:
        self.lots.add(kind, credits, at_us, expires_us, move)
        self._due = min(self._due, expires_us)

    def prune(self) -> None:
        """Forget pending InMails too old to earn a credit back (keeps snapshots small)."""
        oldest = self.cursor_us - self._expiry["window"]
        self.pending = {
            lead: kept for lead, sends in self.pending.items() if (kept := [t for t in sends if t >= oldest])
        }

    def to_snapshot(self) -> dict:
        """The state as plain data of its own: a checkpoint taken mid-replay is saved after the replay
        went on, so nothing in it may be shared with the live ledger."""
        self.prune()
        return {
            "terms": self.terms.model_dump() if self.terms else None,
            "lots": [lot.to_dict() for lot in self.lots.items],
            "next_lot_id": self.lots.next_id,
            "pending": {lead: list(sends) for lead, sends in self.pending.items()},
            "cursor_us": self.cursor_us,
            "last_id": self.last_id,
            "seq": self.seq,
            "next_renewal_us": self.next_renewal_us,
            "unfunded": self.unfunded,
        }

    @classmethod
    def from_snapshot(cls, catalog: Catalog, data: dict) -> Ledger:
        ledger = cls(catalog)
        ledger.terms = Terms(**data["terms"]) if data["terms"] else None
        ledger.lots = Lots([Lot.from_dict(d) for d in data["lots"]], next_id=data["next_lot_id"])
        ledger.pending = {lead: list(sends) for lead, sends in data["pending"].items()}
        ledger.cursor_us = data["cursor_us"]
        ledger.last_id = data["last_id"]
        ledger.seq = data["seq"]
        ledger.next_renewal_us = data["next_renewal_us"]
        ledger.unfunded = data["unfunded"]
        return ledger

    def forecast(self, until_us: int) -> list[tuple[int, int]]:
        """(instant, balance) at each expiry or renewal up to `until_us`, with no new events. Moves a copy."""
        ahead = Ledger.from_snapshot(self.catalog, self.to_snapshot())
        points = [(ahead.cursor_us, ahead.balance)]
        while True:
            due = [
                t
                for t in (ahead.lots.next_expiry(), ahead.next_renewal_us)
                if t is not None and t <= until_us
            ]
            if not due:
                break
            ahead.advance(min(due))
            points.append((ahead.cursor_us, ahead.balance))
        if points[-1][0] != until_us:
            points.append((until_us, ahead.balance))
        return points


def to_us_days(catalog: Catalog, key: str) -> int:
    return int(catalog.days(key).total_seconds()) * 1_000_000


def replay(catalog: Catalog, rows: Iterable[Row], *, at: datetime, trace: bool = False) -> Ledger:
    """The ledger at `at` from scratch: rows with at_us <= at, in (at, id) order."""
    ledger = Ledger(catalog, trace=trace)
    until = to_us(at)
    for row in sorted(rows, key=lambda r: (r.at_us, r.id)):
        if row.at_us > until:
            break
        ledger.apply(row)
    ledger.advance(until)
    return ledger
