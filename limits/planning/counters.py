"""The reported caps, counted in memory while a plan is laid out: the recorded actions plus the planned
ones, with the same rolling windows and thresholds as `limits.caps` (an action counts while
at - window < action <= at)."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from limits.catalog import Cap, Catalog
from limits.events import Action

_US_PER_SECOND = 1_000_000
NEVER = 2**62  # a cap of zero: the action never fits


@dataclass
class CapCounter:
    cap: Cap
    ceiling: int  # the most actions the window may hold (limit x block)
    window_us: int
    times: list[int] = field(default_factory=list)  # sorted
    leads: list[str] = field(default_factory=list)  # parallel to times

    def add(self, at_us: int, lead_id: str) -> None:
        index = bisect.bisect_right(self.times, at_us)
        self.times.insert(index, at_us)
        self.leads.insert(index, lead_id)

    def blocked_until(self, at_us: int) -> int | None:
        """None when one more action fits at `at_us`; else when it will (NEVER: the cap is zero). Counted
        as one more action (a unique cap's person already counted is not spared: the plan stays inside)."""
        low = bisect.bisect_right(self.times, at_us - self.window_us)
        high = bisect.bisect_right(self.times, at_us)
        latest: dict[str, int] = {}
        if self.cap.unique:
            for index in range(low, high):
                latest[self.leads[index]] = self.times[index]
            used = len(latest)
        else:
            used = high - low
        if used + 1 <= self.ceiling:
            return None
        if self.ceiling <= 0:
            return NEVER
        # One more fits once the window holds ceiling - 1: the (used - ceiling + 1)-th oldest must leave.
        counted = sorted(latest.values()) if self.cap.unique else self.times[low:high]
        return counted[used - self.ceiling] + self.window_us


class Caps:
    """Every cap of one plan, with the actions each counts."""

    def __init__(self, catalog: Catalog, plan_id: str, recorded: Iterable[tuple[int, str, Action]]) -> None:
        block = catalog.number("thresholds.block")
        self.counters = [
            CapCounter(
                cap=cap,
                ceiling=math.floor(int(cap.limit.value) * block + 1e-9),
                window_us=int(cap.window.delta.total_seconds()) * _US_PER_SECOND,
            )
            for cap in catalog.caps_for(plan_id)
        ]
        self._by_action: dict[Action, list[CapCounter]] = {action: [] for action in Action}
        for counter in self.counters:
            for action in counter.cap.counts:
                self._by_action[action].append(counter)
        for at_us, lead_id, action in sorted(recorded):
            for counter in self._by_action[action]:
                counter.times.append(at_us)
                counter.leads.append(lead_id)

    def record(self, at_us: int, lead_id: str, action: Action) -> None:
        for counter in self._by_action[action]:
            counter.add(at_us, lead_id)

    def blocked(self, at_us: int, action: Action) -> tuple[int | None, str]:
        """When `action` next fits (None: now; NEVER: never) and the title of the cap that holds it."""
        until: int | None = None
        title = ""
        for counter in self._by_action[action]:
            release = counter.blocked_until(at_us)
            if release is None:
                continue
            if release == NEVER:
                return NEVER, counter.cap.title
            if until is None or release > until:
                until, title = release, counter.cap.title
        return until, title
