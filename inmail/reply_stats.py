"""Reply analytics from the user's own book: reply, accept and decline rates per strategy, persona,
channel, language, weekday and hour sent, each with its count and a 95 % Wilson interval, so a rate from
four sends reads as the guess it is. Pure: it takes the sends and the drafts behind them (joined on the
send's key, the draft id) and returns data; the CLI and the Stats page word it.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from limits import SendStatus, SentItem

Z95 = 1.959963984540054  # the normal quantile for a two-sided 95 % interval
DIMENSIONS = ("strategy", "persona", "channel", "language", "weekday", "hour")
TITLES = {  # each dimension as people read it
    "strategy": "Strategy",
    "persona": "Persona",
    "channel": "Channel",
    "language": "Language",
    "weekday": "Weekday sent (UTC)",
    "hour": "Hour sent (UTC)",
}
OUTCOMES = ("replied", "accepted", "declined")
UNKNOWN = "unknown"  # a send with no draft behind it (recorded with `inmail ledger`), or an older draft
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CHANNELS = {
    "message": "message",
    "invite": "invitation",
    "invite_note": "invitation with note",
    "inmail": "InMail",
    "open_profile": "Open Profile InMail",
}


@dataclass(frozen=True)
class DraftFacts:
    """What the stats need of the draft behind a send."""

    strategy: str
    language: str
    persona: str | None = None


@dataclass(frozen=True)
class Rate:
    count: int  # sends with this outcome
    sent: int  # sends in the group
    low: float  # the 95 % Wilson interval
    high: float

    @property
    def value(self) -> float:
        return self.count / self.sent if self.sent else 0.0

    def to_json(self) -> dict[str, Any]:
        rate, low, high = _round(self.value), _round(self.low), _round(self.high)
        return {"count": self.count, "rate": rate, "low": low, "high": high}


@dataclass(frozen=True)
class Group:
    dimension: str
    value: str
    sent: int
    rates: dict[str, Rate]  # by outcome: replied, accepted, declined

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "sent": self.sent, **{k: r.to_json() for k, r in self.rates.items()}}


@dataclass(frozen=True)
class ReplyStats:
    total: int
    answered: int
    first_at: datetime | None
    last_at: datetime | None
    groups: dict[str, list[Group]]  # by dimension, most sends first (weekday and hour in their order)
    notes: list[str]  # strategies whose reply-rate interval lies wholly below another's

    @property
    def empty(self) -> bool:
        return self.total == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "answered": self.answered,
            "first_at": self.first_at.isoformat() if self.first_at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "groups": {name: [g.to_json() for g in groups] for name, groups in self.groups.items()},
            "notes": self.notes,
        }

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        head = ["dimension", "value", "sent"]
        for outcome in OUTCOMES:
            head += [outcome, f"{outcome}_rate", f"{outcome}_low", f"{outcome}_high"]
        writer.writerow(head)
        for groups in self.groups.values():
            for group in groups:
                row: list[Any] = [group.dimension, group.value, group.sent]
                for outcome in OUTCOMES:
                    rate = group.rates[outcome]
                    row += [rate.count, _round(rate.value), _round(rate.low), _round(rate.high)]
                writer.writerow(row)
        return out.getvalue()


def wilson(count: int, sent: int, *, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for `count` successes in `sent` trials ((0, 1) when nothing was sent)."""
    if sent <= 0:
        return 0.0, 1.0
    p = count / sent
    z2 = z * z
    centre = (p + z2 / (2 * sent)) / (1 + z2 / sent)
    half = z * math.sqrt(p * (1 - p) / sent + z2 / (4 * sent * sent)) / (1 + z2 / sent)
    return max(0.0, centre - half), min(1.0, centre + half)


def reply_stats(items: Iterable[SentItem], drafts: Mapping[str, DraftFacts]) -> ReplyStats:
    """Every send in `items`, grouped by each dimension; `drafts` maps a draft id (a send's key) to it."""
    counts: dict[str, dict[str, list[int]]] = {name: {} for name in DIMENSIONS}
    total = answered = 0
    first: datetime | None = None
    last: datetime | None = None
    for item in items:
        facts = drafts.get(item.key or "")
        status = item.status
        outcome = (status is SendStatus.REPLIED, status is SendStatus.ACCEPTED, status is SendStatus.DECLINED)
        values = (
            facts.strategy if facts else UNKNOWN,
            (facts.persona or UNKNOWN) if facts else UNKNOWN,
            _CHANNELS.get(item.channel.value, item.channel.value),
            facts.language if facts else UNKNOWN,
            _WEEKDAYS[item.sent_at.weekday()],
            f"{item.sent_at.hour:02d}:00",
        )
        for name, value in zip(DIMENSIONS, values, strict=True):
            tally = counts[name].setdefault(value, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += outcome[0]
            tally[2] += outcome[1]
            tally[3] += outcome[2]
        total += 1
        answered += any(outcome)
        first = item.sent_at if first is None or item.sent_at < first else first
        last = item.sent_at if last is None or item.sent_at > last else last
    groups = {name: _groups(name, found) for name, found in counts.items()}
    return ReplyStats(total, answered, first, last, groups, _notes(groups["strategy"]))


def _groups(dimension: str, found: dict[str, list[int]]) -> list[Group]:
    made = [
        Group(
            dimension=dimension,
            value=value,
            sent=sent,
            rates={o: Rate(n, sent, *wilson(n, sent)) for o, n in zip(OUTCOMES, outcomes, strict=True)},
        )
        for value, (sent, *outcomes) in found.items()
    ]
    if dimension == "weekday":
        return sorted(made, key=lambda g: _WEEKDAYS.index(g.value))
    if dimension == "hour":
        return sorted(made, key=lambda g: g.value)
    return sorted(made, key=lambda g: (-g.sent, g.value))


def _notes(strategies: list[Group]) -> list[str]:
    """A strategy whose reply-rate interval lies wholly below another's: a difference the sends show."""
    notes = []
    for worse in strategies:
        better = [g for g in strategies if g.rates["replied"].low > worse.rates["replied"].high]
        if better:
            best = max(better, key=lambda g: g.rates["replied"].low)
            below = f"{worse.value}'s reply rate ({_said(worse)}) lies wholly below {best.value}'s"
            notes.append(f"{below} ({_said(best)}): a difference your sends show, not a guess.")
    return notes


def _said(group: Group) -> str:
    rate = group.rates["replied"]
    return f"{rate.count}/{group.sent}, {percent(rate.low)}-{percent(rate.high)}"


def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def _round(value: float) -> float:
    return round(value, 4)
