"""The credits a plan may spend: a copy of the book's ledger moved forward in time, with the planned
InMails spent from it (the lot that expires first goes first, as the ledger always spends), the
renewals and expiries ahead, and any credit events the book already holds for later instants."""

from __future__ import annotations

from collections.abc import Sequence

from limits.events import Action, EventKind, Row
from limits.ledger import Ledger


class Credits:
    def __init__(self, ledger: Ledger, *, keep: int, later: Sequence[Row] = ()) -> None:
        self.ledger = Ledger.from_snapshot(ledger.catalog, ledger.to_snapshot())
        self.keep = keep
        self._later = sorted(later, key=lambda row: (row[2], row[0]))
        self._next_id = max([ledger.last_id, *(row[0] for row in self._later)]) + 1

    def copy(self) -> Credits:
        twin = Credits(self.ledger, keep=self.keep, later=self._later)
        twin._next_id = self._next_id
        return twin

    def move_to(self, at_us: int) -> None:
        """Apply what the book holds up to `at_us`: recorded credit events, then expiries and renewals."""
        while self._later and self._later[0][2] <= at_us:
            self.ledger.apply(self._later.pop(0))
        self.ledger.advance(at_us)

    def spendable(self, at_us: int) -> int:
        """Credits above the reserve at `at_us`."""
        self.move_to(at_us)
        return self.ledger.balance - self.keep

    def spend(self, at_us: int, lead_id: str) -> None:
        self.move_to(at_us)
        self.ledger.apply(Row(self._next_id, EventKind.INMAIL, at_us, lead_id, Action.INMAIL, None, "{}"))
        self._next_id += 1

    @property
    def balance(self) -> int:
        return self.ledger.balance

    def next_renewal(self) -> int | None:
        return self.ledger.next_renewal_us

    def supply(self, at_us: int, until_us: int) -> list[int]:
        """When each credit above the reserve arrives after `at_us` and up to `until_us`, if nothing else
        is spent: one instant per credit, earliest first (renewals, and credit events already booked)."""
        ahead = self.copy()
        ahead.move_to(at_us)
        arrivals: list[int] = []
        while True:
            moments = [t for t in (ahead.next_renewal(), ahead._later[0][2] if ahead._later else None) if t]
            moment = min((t for t in moments if at_us < t <= until_us), default=None)
            if moment is None:
                return arrivals
            for _ in range(max(0, ahead.spendable(moment))):
                arrivals.append(moment)
                ahead.spend(moment, "")
