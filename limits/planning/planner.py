"""The send plan: when, and by which channel, to reach each lead in a horizon without a cap breach or a
credit the book will not have. Pure: it takes the book (read by the caller) and returns data.

A sweep through time, one send at a time (two minutes apart, as a person sends them). At each instant it
tries the routes cheapest first (a free message, a free Open Profile InMail, a paid InMail while credits
above the reserve last, then an invitation, with a note while the allowance lasts) for the leads whose
best send window (`next_send_window`: weekday mornings in their zone) is open. Because sends are laid
out in time order, each one is judged on exactly the book `check` will see when the plan is followed.
A route with no room left in the horizon hands its leads to their next route; a lead whose InMail would
wait for credits that will not come in the horizon gets an invitation now instead.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import datetime, timedelta

from limits.catalog import MAX_CREDITS
from limits.eligibility.history import LeadHistory
from limits.errors import InvalidValueError, NotInitialisedError, OutOfRangeError
from limits.events import Action, Event, EventKind, as_utc, from_us, to_us
from limits.planning.counters import NEVER, Caps
from limits.planning.credits import Credits
from limits.planning.model import MAX_PLAN_DAYS, PlanBook, PlanChannel, PlanStep, SendPlan, Unreachable
from limits.planning.routes import PlannedLead, Route, histories, plan_lead
from limits.recipient import Recipient
from limits.send_time import next_send_window

GAP_US = 120 * 1_000_000  # between two sends
_MINUTE_US = 60 * 1_000_000
_SETTLE_US = 4 * 86_400 * 1_000_000  # credits arriving later than this before the end may find no window
_CAP_WINDOW_US = 31 * 86_400 * 1_000_000  # the longest cap window, and a day to spare
_PAID = {Route.OPEN_PROFILE: Action.OPEN_PROFILE, Route.INMAIL: Action.INMAIL, Route.MESSAGE: Action.MESSAGE}


def make_plan(
    book: PlanBook, recipients: Sequence[Recipient], *, start: datetime, days: int, keep: int = 0
) -> SendPlan:
    """The plan for `recipients` (each person once: a repeated id is planned at its first place)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_PLAN_DAYS:
        raise OutOfRangeError("days", days, 1, MAX_PLAN_DAYS)
    if isinstance(keep, bool) or not isinstance(keep, int) or not 0 <= keep <= MAX_CREDITS:
        raise OutOfRangeError("the credits to keep", keep, 0, MAX_CREDITS)
    if not isinstance(start, datetime):
        raise InvalidValueError(f"the plan's start must be a datetime, not {start!r}", field="start")
    start = as_utc(start)
    if book.ledger.terms is None:
        raise NotInitialisedError()
    unique = list({recipient.id: recipient for recipient in reversed(recipients)}.values())[::-1]
    return _Sweep(book, unique, start=start, days=days, keep=keep).run()


class _Sweep:
    def __init__(self, book: PlanBook, recipients: list[Recipient], *, start: datetime, days: int, keep: int):
        assert book.ledger.terms is not None
        self.catalog = book.catalog
        self.plan = book.catalog.plan(book.ledger.terms.plan_id)
        self.start, self.days, self.keep = start, days, keep
        start_us = to_us(start)
        self.cursor = -(-start_us // _MINUTE_US) * _MINUTE_US  # whole minutes
        self.end = to_us(start + timedelta(days=days))
        recorded = [
            (to_us(e.at), e.lead_id or "", e.action)
            for e in book.events
            if e.action is not None and to_us(e.at) > start_us - _CAP_WINDOW_US
        ]
        self.caps = Caps(book.catalog, self.plan.id, recorded)
        later = [e.row(e.id or 0) for e in book.events if to_us(e.at) > start_us and _moves_credits(e)]
        self.credits = Credits(book.ledger, keep=keep, later=later)
        found = histories(book.events, {r.id for r in recipients}, start)
        self.leads = [
            plan_lead(i, r, found.get(r.id) or _NO_HISTORY, catalog=book.catalog, plan=self.plan, at=start)
            for i, r in enumerate(recipients)
        ]
        self.queues: dict[Route, dict[str, list[tuple[int, PlannedLead]]]] = {route: {} for route in Route}
        self.held: list[tuple[int, int, PlannedLead]] = []  # (not before, index, lead): waiting to invite
        self.blocked: dict[Route, tuple[int, str]] = {}  # a route's gate: closed until then, and why
        self.windows: dict[str, tuple[int, int]] = {}
        self.steps: list[PlanStep] = []
        self.unreachable: dict[int, Unreachable] = {}

    # -- the sweep -------------------------------------------------------------------------------------

    def run(self) -> SendPlan:
        for lead in self.leads:
            self._enqueue(lead)
        while self.cursor < self.end and (self.held or self._waiting()):
            while self.held and self.held[0][0] <= self.cursor:
                _, _, lead = heapq.heappop(self.held)
                self._queue(lead, Route.INVITATION)
            if not self._step():
                self.cursor = self._next_moment()
        for route, zones in self.queues.items():
            for queue in zones.values():
                for _, lead in queue:
                    self._give_up(lead, self._left_because(route, lead))
        for _, _, lead in self.held:
            why = f"a new invitation is blocked until {_day(lead.invite_after_us)}, after the horizon"
            self._give_up(lead, why)
        return SendPlan(
            start=self.start,
            days=self.days,
            keep=self.keep,
            steps=tuple(self.steps),
            unreachable=tuple(self.unreachable[i] for i in sorted(self.unreachable)),
        )

    def _step(self) -> bool:
        """Place one send at the cursor, if any route has room for a lead whose window is open."""
        open_zones = [zone for zone in self._zones() if self._open(zone)]
        for route in Route:
            if not any(self.queues[route].get(zone) for zone in open_zones):
                continue
            channel = self._gate(route)
            if channel is None:
                continue
            queues = self.queues[route]
            zone = min((z for z in open_zones if queues.get(z)), key=lambda z: queues[z][0])
            _, lead = heapq.heappop(queues[zone])
            self._place(lead, channel)
            return True
        return False

    def _place(self, lead: PlannedLead, channel: PlanChannel) -> None:
        self.caps.record(self.cursor, lead.id, channel.action)
        if channel is PlanChannel.INMAIL:
            self.credits.spend(self.cursor, lead.id)
        self.steps.append(PlanStep(lead.id, from_us(self.cursor), channel, channel.credits))
        self.cursor += GAP_US

    def _gate(self, route: Route) -> PlanChannel | None:
        """The channel a send on `route` takes at the cursor; None while the route is closed (its leads
        move on to their next route when it stays closed past the horizon)."""
        closed = self.blocked.pop(route, None)
        if closed is not None and self.cursor < closed[0]:
            self.blocked[route] = closed
            return None
        if route is Route.INVITATION:
            if self.caps.blocked(self.cursor, Action.INVITE_NOTE)[0] is None:
                return PlanChannel.INVITATION_NOTE
            until, cap = self.caps.blocked(self.cursor, Action.INVITE)
            if until is None:
                return PlanChannel.INVITATION
            self._close(route, until, _full(cap, until))
            return None
        until, cap = self.caps.blocked(self.cursor, _PAID[route])
        if until is not None:
            self._close(route, until, _full(cap, until))
            return None
        if route is not Route.INMAIL:
            return PlanChannel.MESSAGE if route is Route.MESSAGE else PlanChannel.OPEN_PROFILE
        if self.credits.spendable(self.cursor) >= 1:
            return PlanChannel.INMAIL
        arrivals = self.credits.supply(self.cursor, self.end - _SETTLE_US)
        waiting = sorted(lead for zones in self.queues[Route.INMAIL].values() for lead in zones)
        reserve = f" above your reserve of {self.keep}" if self.keep else ""
        why = f"no InMail credit{reserve} left in the horizon"
        for _, lead in waiting[len(arrivals) :]:
            self._drop(lead, Route.INMAIL, why)
        self._rebuild(Route.INMAIL, {lead.index for _, lead in waiting[: len(arrivals)]})
        self._close(route, arrivals[0] if arrivals else NEVER, why)
        return None

    def _close(self, route: Route, until: int, why: str) -> None:
        if until >= self.end:
            for zones in list(self.queues[route].values()):
                for _, lead in list(zones):
                    self._drop(lead, route, why)
            self.queues[route] = {}
        self.blocked[route] = (until, why)

    # -- leads moving between routes -------------------------------------------------------------------

    def _enqueue(self, lead: PlannedLead) -> None:
        if not lead.routes:
            self._give_up(lead, "no channel can reach them")
            return
        route = lead.routes[0]
        if route is Route.INVITATION and lead.invite_after_us > self.cursor:
            heapq.heappush(self.held, (lead.invite_after_us, lead.index, lead))
            return
        self._queue(lead, route)

    def _queue(self, lead: PlannedLead, route: Route) -> None:
        heapq.heappush(self.queues[route].setdefault(lead.zone, []), (lead.index, lead))

    def _drop(self, lead: PlannedLead, route: Route, why: str) -> None:
        """`route` has no room for `lead` in the horizon: on to its next route."""
        lead.routes = [r for r in lead.routes if r is not route]
        if not lead.routes:
            self._give_up(lead, why)
            return
        lead.why.append(why)
        self._enqueue(lead)

    def _rebuild(self, route: Route, keep: set[int]) -> None:
        for zone, queue in self.queues[route].items():
            self.queues[route][zone] = [item for item in queue if item[0] in keep]
            heapq.heapify(self.queues[route][zone])

    def _give_up(self, lead: PlannedLead, why: str) -> None:
        self.unreachable[lead.index] = Unreachable(lead.id, lead.unreachable_because(why))

    # -- time ------------------------------------------------------------------------------------------

    def _waiting(self) -> bool:
        return any(queue for zones in self.queues.values() for queue in zones.values())

    def _zones(self) -> list[str]:
        return list(dict.fromkeys(zone for zones in self.queues.values() for zone, q in zones.items() if q))

    def _window(self, zone: str) -> tuple[int, int]:
        """The zone's current or next send window (UTC instants)."""
        known = self.windows.get(zone)
        if known is None or known[1] <= self.cursor:
            advice = next_send_window(at=from_us(self.cursor), timezone=zone)
            known = (to_us(advice.start), to_us(advice.end))
            self.windows[zone] = known
        return known

    def _open(self, zone: str) -> bool:
        start, end = self._window(zone)
        return start <= self.cursor < end

    def _next_moment(self) -> int:
        """Nothing fits now: the next instant something may (a window opens or closes, a gate opens)."""
        moments = [self.held[0][0]] if self.held else []
        for zone in self._zones():
            start, end = self._window(zone)
            moments.append(end if start <= self.cursor else start)
        moments += [until for until, _ in self.blocked.values() if until > self.cursor]
        return max(self.cursor + 1, min(moments, default=self.end))

    def _left_because(self, route: Route, lead: PlannedLead) -> str:
        if (closed := self.blocked.get(route)) is not None:
            return closed[1]
        return f"no free send window (weekdays 9-11 am, {lead.zone}) left in the {self.days}-day horizon"


_NO_HISTORY = LeadHistory()
_CREDIT_KINDS = {EventKind.PLAN_SET, EventKind.SYNC, EventKind.PURCHASE, EventKind.RESPONSE}


def _moves_credits(event: Event) -> bool:
    return event.kind in _CREDIT_KINDS or event.action is Action.INMAIL


def _full(cap: str, until: int) -> str:
    if until >= NEVER:
        return f"the cap “{cap}” allows none"
    return f"the cap “{cap}” is full until {from_us(until):%Y-%m-%d %H:%M} UTC"


def _day(at_us: int) -> str:
    return f"{from_us(at_us):%Y-%m-%d}"
