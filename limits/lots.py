"""Lots of credits and how they are spent: the earliest-expiring first, purchased credits last.

Plain slotted dataclasses rather than pydantic models: a cold replay touches them ~100,000 times.
"""

from __future__ import annotations

from collections.abc import Callable
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
    TRIM = "trim"  # over the bank cap at a renewal: the soonest-expiring go so the new grant arrives whole


@dataclass(slots=True)
class Lot:
    id: int
    kind: LotKind
    credits: int
    granted_us: int
    expires_us: int | None  # None: never (purchased; every lot of a plan whose lots do not expire)

    def spend_order(self) -> tuple[bool, int, int, int]:
        """Purchased last; before that the soonest to expire, then the oldest (lots that never expire)."""
        expires = _NEVER if self.expires_us is None else self.expires_us
        return (self.kind is LotKind.PURCHASED, expires, self.granted_us, self.id)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Lot:
        return cls(**{**data, "kind": LotKind(data["kind"])})


_NEVER = 2**62

# Called with (at_us, move, lot, credits: positive in, negative out) on every change, when set.
OnMove = Callable[[int, Move, Lot, int], None]


class Lots:
    """The live lots: nothing in here has expired at the ledger's cursor."""

    def __init__(
        self, lots: list[Lot] | None = None, *, next_id: int = 1, on_move: OnMove | None = None
    ) -> None:
        self.items: list[Lot] = lots or []
        self.next_id = next_id
        self.on_move = on_move

    @property
    def balance(self) -> int:
        return sum(lot.credits for lot in self.items)

    @property
    def banked(self) -> int:
        """What counts toward the bank cap: purchased credits come on top of it."""
        return sum(lot.credits for lot in self.items if lot.kind is not LotKind.PURCHASED)

    def next_expiry(self) -> int | None:
        return min((lot.expires_us for lot in self.items if lot.expires_us is not None), default=None)

    def add(self, kind: LotKind, credits: int, at_us: int, expires_us: int | None, move: Move) -> None:
        if credits <= 0:
            return
        lot = Lot(self.next_id, kind, credits, at_us, expires_us)
        self.next_id += 1
        self.items.append(lot)
        self._note(at_us, move, lot, credits)

    def take(self, credits: int, at_us: int, move: Move, *, banked_only: bool = False) -> int:
        """Remove up to `credits` in spending order (`banked_only`: leave purchased credits alone);
        returns how many were there to take."""
        if not self.items:
            return 0  # nothing to take: skip the sort (a long replay meets an empty book often)
        taken = 0
        for lot in sorted(self.items, key=Lot.spend_order):
            if taken == credits or (banked_only and lot.kind is LotKind.PURCHASED):
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
        if self.on_move is not None and credits:
            self.on_move(at_us, move, lot, credits)
