"""Reported caps over rolling windows: how much is used, whether one more send passes, and when it will.

"A day" is the last 24 hours, "a week" 7 days, "a month" 30 days. An action counts while
at - window < action <= at, so it leaves the window exactly `window` after it happened. A cap blocks
when one more action would pass `block` x limit, and warns when it would reach `warn` x limit.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from limits.catalog import Cap, Catalog, Window
from limits.events import Action, from_us, to_us
from limits.store import Store


class CapReading(BaseModel):
    """One cap measured at an instant, for one prospective action (to one recipient, if known)."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    used: int
    limit: int
    window: Window
    counts: frozenset[Action]
    unique: bool = False
    counted: bool = False  # unique caps: the recipient already counts, so one more adds nothing
    source: str
    release_at: datetime | None = None  # when enough counted actions leave the window (set when full)

    def adds(self) -> int:
        return 0 if self.unique and self.counted else 1

    def ceiling(self, block: float) -> int:
        """The most actions the window may hold."""
        return math.floor(self.limit * block + 1e-9)

    def full(self, block: float) -> bool:
        return self.adds() > 0 and self.used + 1 > self.ceiling(block)

    def near(self, warn: float) -> bool:
        return self.adds() > 0 and self.limit > 0 and self.used + 1 >= warn * self.limit - 1e-9


def measure(
    store: Store,
    db: sqlite3.Connection,
    catalog: Catalog,
    cap: Cap,
    *,
    at: datetime,
    lead_id: str | None = None,
) -> CapReading:
    at_us = to_us(at)
    since_us = to_us(at - cap.window.delta)
    actions = sorted(cap.counts)
    used = store.count(db, actions, since_us, at_us, unique=cap.unique)
    counted = bool(cap.unique and lead_id and store.counts_lead(db, actions, since_us, at_us, lead_id))
    reading = CapReading(
        name=cap.name,
        title=cap.title,
        used=used,
        limit=int(cap.limit.value),
        window=cap.window,
        counts=cap.counts,
        unique=cap.unique,
        counted=counted,
        source=cap.limit.cite(),
    )
    block = catalog.number("thresholds.block")
    if not reading.full(block) or reading.ceiling(block) <= 0:
        return reading
    # One more fits once the window holds ceiling - 1: the (used - ceiling + 1)-th oldest must leave.
    oldest = store.nth_oldest(
        db, actions, since_us, at_us, used - reading.ceiling(block) + 1, unique=cap.unique
    )
    release = None if oldest is None else from_us(oldest) + cap.window.delta
    return reading.model_copy(update={"release_at": release})


def readings(
    store: Store,
    db: sqlite3.Connection,
    catalog: Catalog,
    plan_id: str,
    *,
    at: datetime,
    lead_id: str | None = None,
) -> dict[str, CapReading]:
    return {
        cap.name: measure(store, db, catalog, cap, at=at, lead_id=lead_id)
        for cap in catalog.caps_for(plan_id)
    }
