"""Lots of credits and how they are spent: the earliest-expiring first, purchased (no expiry) last.

Plain slotted dataclasses rather than pydantic models: a cold replay touches them ~100,000 times.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class LotKind(StrEnum):
    MONTHLY = "monthly"
    PURCHASED = "purchased"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"


class Move(StrEnum):
    GRANT = "grant"
    EXPIRE = "expire"
    SPEND = "spend"
    REFUND = "refund"
    ADJUST = "adjust"
    PURCHASE = "purchase"
    DROP = "drop"  # the plan changed: its credits are lost


@dataclass(slots=True)
class Lot:
    id: int
    kind: LotKind
    credits: int
    granted_us: int
    expires_us: int | None  # None: never (purchased)

    def spend_order(self) -> tuple[bool, int, int, int]:
        return (self.expires_us is None, self.expires_us or 0, self.granted_us, self.id)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Lot:
        return cls(**{**data, "kind": LotKind(data["kind"])})


@dataclass(slots=True, frozen=True)
class Movement:
    """One change to one lot, for the "where did my credits go" view and for property tests."""

    at_us: int
    move: Move
    lot_id: int
    credits: int  # positive in, negative out
    expires_us: int | None  # the lot's expiry


class Lots:
    """The live lots: nothing in here has expired at the ledger's cursor."""

    def __init__(self, lots: list[Lot] | None = None, *, next_id: int = 1, trace: bool = False) -> None:
        self.items: list[Lot] = lots or []
        self.next_id = next_id
        self.trace: list[Movement] | None = [] if trace else None

    @property
    def balance(self) -> int:
        return sum(lot.credits for lot in self.items)

    def next_expiry(self) -> int | None:
        return min((lot.expires_us for lot in self.items if lot.expires_us is not None), default=None)

    def add(self, kind: LotKind, credits: int, at_us: int, expires_us: int | None, move: Move) -> None:
        if credits <= 0:
            return
        lot = Lot(self.next_id, kind, credits, at_us, expires_us)
        self.next_id += 1
        self.items.append(lot)
        self._note(at_us, move, lot, credits)

    def take(self, credits: int, at_us: int, move: Move) -> int:
        """Remove up to `credits` in spending order; returns how many were there to take."""
        if not self.items:
            return 0  # nothing to take: skip the sort (a long replay meets an empty book often)
        taken = 0
        for lot in sorted(self.items, key=Lot.spend_order):
            if taken == credits:
                break
            part = min(lot.credits, credits - taken)
            lot.credits -= part
            taken += part
            self._note(at_us, move, lot, -part)
        self.items = [lot for lot in self.items if lot.credits > 0]
        return taken

    def expire(self, at_us: int) -> None:
        for lot in self.items:
            if lot.expires_us is not None and lot.expires_us <= at_us:
                self._note(at_us, Move.EXPIRE, lot, -lot.credits)
        self.items = [lot for lot in self.items if lot.expires_us is None or lot.expires_us > at_us]

    def drop_all(self, at_us: int) -> None:
        for lot in self.items:
            self._note(at_us, Move.DROP, lot, -lot.credits)
        self.items = []

    def _note(self, at_us: int, move: Move, lot: Lot, credits: int) -> None:
        if self.trace is not None and credits:
            self.trace.append(Movement(at_us, move, lot.id, credits, lot.expires_us))
