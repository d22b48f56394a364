"""The credit ledger: a pure replay of events into lots and a balance at any instant.

Semantics (DESIGN section 2): the plan is in force from its start (its plan_set event is dated there);
renewals come from the start and cycle day; each monthly lot expires 90 days after its grant (plans whose
lots expire); at one instant expiries apply before grants, and grants before the events of that instant;
at the bank cap the soonest-expiring credits are trimmed so a grant arrives whole; spending takes the lot
that expires first, purchased credits last; a response within 90 days of a paid InMail returns its credit
as a `refund` lot even when the bank is full (a412114 counts credits back in the total and applies the
cap at refresh: the next grant trims what is over); a sync makes the balance what LinkedIn shows, its added
credits expiring with the soonest lot they replace; a new plan drops the old plan's credits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from limits.catalog import Catalog
from limits.events import Action, CreditBack, EventKind, Row, as_utc
from limits.lots import Lot, LotKind, Lots, Move, OnMove
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

    def __init__(self, catalog: Catalog, *, on_move: OnMove | None = None, explain: bool = False) -> None:
        self.catalog = catalog
        self.terms: Terms | None = None
        self.lots = Lots(on_move=on_move)
        # explain: what each response earned and which paid InMails took no credit (the sent list reads it)
        self.answers: dict[int, Answer] | None = {} if explain else None
        self.unfunded_ids: set[int] | None = set() if explain else None
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
                if self.unfunded_ids is not None:
                    self.unfunded_ids.add(event_id)
        elif kind == _RESPONSE:
            sends = self.pending.get(lead_id or "", [])
            outcome = self._respond(lead_id or "", at_us)
            if self.answers is not None:
                self.answers[event_id] = Answer(outcome, tuple(sends))
        elif kind == _PLAN_SET:
            self._set_plan(json.loads(detail), at_us)
        elif kind == _SYNC:
            gap = (amount or 0) - self.balance
            if gap > 0:
                self._add(LotKind.ADJUSTMENT, gap, at_us, self._sync_expiry(at_us), Move.ADJUST)
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
        grant = min(self.terms.monthly, self.terms.bank_cap)
        over = self.lots.banked + grant - self.terms.bank_cap
        if over > 0:  # over-cap credits expire at refresh: the soonest-expiring go, the grant arrives whole
            self.lots.take(over, at_us, Move.TRIM, banked_only=True)
        self._add(LotKind.MONTHLY, grant, at_us, self._expires("monthly", at_us), Move.GRANT)
        self.next_renewal_us = self.terms.renewal_after(at_us)

    def _set_plan(self, detail: dict, at_us: int) -> None:
        self.lots.drop_all(at_us)
        self.pending.clear()
        self.unfunded = 0
        start = as_utc(datetime.fromisoformat(detail.get("start") or detail["at"]))
        self.terms = terms_for(
            self.catalog.plan(detail["plan"]), start=start, cycle_day=detail.get("cycle_day")
        )
        self.next_renewal_us = self.terms.renewal_after(min(at_us, self.terms.first_grant_us) - 1)
        self._due = -_NEVER  # new terms, new schedule: the first grant may be due at this very instant
        self.advance(at_us)

    def _respond(self, lead_id: str, at_us: int) -> CreditBack:
        # A response answers every InMail still pending to that person, but earns back one credit at most.
        sends = self.pending.pop(lead_id, [])
        if not sends or self.terms is None:
            return CreditBack.NOT_PENDING
        if at_us - sends[-1] > self._expiry["window"]:
            return CreditBack.OUTSIDE_WINDOW
        self._add(LotKind.REFUND, 1, at_us, self._expires("refund", at_us), Move.REFUND)
        return CreditBack.RETURNED

    def _expires(self, kind: str, at_us: int) -> int | None:
        """When a lot of `kind` granted at `at_us` expires; None on plans whose lots do not expire."""
        if self.terms is not None and not self.terms.expiring:
            return None
        return at_us + self._expiry[kind]

    def _sync_expiry(self, at_us: int) -> int | None:
        """Credits a sync adds expire with the soonest lot they replace (an assumption, conservative)."""
        soonest = min(
            (
                lot.expires_us
                for lot in self.lots.items
                if lot.expires_us is not None and lot.kind is not LotKind.PURCHASED
            ),
            default=None,
        )
        return soonest if soonest is not None else self._expires("adjustment", at_us)

    def _add(self, kind: LotKind, credits: int, at_us: int, expires_us: int | None, move: Move) -> None:
        self.lots.add(kind, credits, at_us, expires_us, move)
        if expires_us is not None:
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

    def forecast(self, until_us: int, *, scheduled: Sequence[Row] = ()) -> list[tuple[int, int]]:
        """(instant, balance) at each expiry or renewal up to `until_us`, with no new events but the
        `scheduled` ones (plans set to start later), applied at their instants. Moves a copy."""
        ahead = Ledger.from_snapshot(self.catalog, self.to_snapshot())
        points = [(ahead.cursor_us, ahead.balance)]
        waiting = sorted(scheduled, key=lambda row: (row[2], row[0]))
        while True:
            due = [
                t
                for t in (ahead.lots.next_expiry(), ahead.next_renewal_us, waiting[0][2] if waiting else None)
                if t is not None and t <= until_us
            ]
            if not due:
                break
            moment = min(due)
            ahead.advance(moment)
            while waiting and waiting[0][2] == moment:
                ahead.apply(waiting.pop(0))
            points.append((ahead.cursor_us, ahead.balance))
        if points[-1][0] != until_us:
            points.append((until_us, ahead.balance))
        return points


class Answer(NamedTuple):
    """What one response did: its credit-back outcome and the paid InMails (instants) it answered."""

    outcome: CreditBack
    sends: tuple[int, ...]


def to_us_days(catalog: Catalog, key: str) -> int:
    return int(catalog.days(key).total_seconds()) * 1_000_000
