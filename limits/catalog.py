"""The plan catalog: every figure of plans.toml with its source, and the user's overrides applied."""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from enum import StrEnum
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any, assert_never

from pydantic import BaseModel, ConfigDict

from limits.errors import InvalidValueError, OutOfRangeError, UnknownFigureError, UnknownPlanError
from limits.events import Action

FigureValue = bool | int | float | str


class Confidence(StrEnum):
    OFFICIAL = "official"  # a LinkedIn Help answer
    REPORTED = "reported"  # a third party, the seed articles, or our own assumption


class Renewal(StrEnum):
    BILLING_CYCLE = "billing_cycle"  # Premium, Recruiter: the billing-cycle day
    FIRST_OF_MONTH = "first_of_month"  # Sales Navigator: the 1st of the month, UTC


class SecondInMail(StrEnum):
    BLOCKED_UNTIL_RESPONSE = "blocked_until_response"
    COSTS_CREDIT = "costs_credit"


class Window(StrEnum):
    DAY = "24h"
    WEEK = "7d"
    MONTH = "30d"

    @property
    def delta(self) -> timedelta:
        match self:
            case Window.DAY:
                return timedelta(hours=24)
            case Window.WEEK:
                return timedelta(days=7)
            case Window.MONTH:
                return timedelta(days=30)
            case _ as unreachable:
                assert_never(unreachable)


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    confidence: Confidence
    date: str
    note: str = ""  # what the source says, or what an assumption covers
    # Where a figure rests on more than its source says: "applied by analogy", "sources conflict", ...
    assumption: str = ""

    def cite(self) -> str:
        label = f"; {self.assumption}" if self.assumption else ""
        return f"{self.source} ({self.confidence}{label})"


class Figure(Source):
    key: str
    value: FigureValue
    overridden: bool = False

    def cite(self) -> str:
        return "your override" if self.overridden else super().cite()


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    paid: bool
    credits_per_month: Figure
    max_banked: Figure
    renewal: Figure
    second_inmail: Figure
    inmail_out_of_network: Figure  # also Open Profile messages (a412220)
    note_chars: Figure
    lots_expire: Figure  # false: credits roll over to the bank cap with no per-lot expiry (Recruiter)

    @property
    def monthly(self) -> int:
        return int(self.credits_per_month.value)

    @property
    def bank_cap(self) -> int:
        return int(self.max_banked.value)

    @property
    def renewal_rule(self) -> Renewal:
        return Renewal(str(self.renewal.value))

    @property
    def expiring(self) -> bool:
        return bool(self.lots_expire.value)

    @property
    def second_inmail_policy(self) -> SecondInMail:
        return SecondInMail(str(self.second_inmail.value))


class Cap(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    window: Window
    counts: frozenset[Action]
    unique: bool = False
    plans: tuple[str, ...]
    limit: Figure


# Each figure's name for people, by the last part of its key (tests check that every figure has one).
_TITLES = {
    "credits_per_month": "InMail credits a month",
    "max_banked": "most credits banked",
    "renewal": "when credits arrive",
    "second_inmail": "a second InMail before an answer",
    "inmail_out_of_network": "InMail outside your network",
    "note_chars": "connection-note characters",
    "lots_expire": "monthly credits expire",
    "expiry_days": "days a monthly lot of credits lives",
    "refund_window_days": "days an answer has to give a credit back",
    "refund_expiry_days": "days a credit given back lives",
    "adjustment_expiry_days": "days credits added by a sync live",
    "inmail_subject_chars": "InMail subject characters",
    "inmail_body_chars": "InMail body characters used",
    "inmail_body_chars_linkedin": "InMail body characters LinkedIn allows",
    "reinvite_block_days": "days before a withdrawn invitation can be sent again",
    "warn": "warn at this share of a cap",
    "block": "block at this share of a cap",
}

# Figures whose value is one of a closed set.
_CHOICES: dict[str, type[StrEnum]] = {"renewal": Renewal, "second_inmail": SecondInMail}
_PLAN_FIGURES = (
    "credits_per_month",
    "max_banked",
    "renewal",
    "second_inmail",
    "inmail_out_of_network",
    "note_chars",
    "lots_expire",
)


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True)

    plans: dict[str, Plan]
    caps: dict[str, Cap]
    figures: dict[str, Figure]  # every figure by key, plans' and caps' included
    rules: dict[str, Source]

    def plan(self, plan_id: str) -> Plan:
        try:
            return self.plans[plan_id]
        except KeyError:
            raise UnknownPlanError(plan_id, list(self.plans)) from None

    def figure(self, key: str) -> Figure:
        try:
            return self.figures[key]
        except KeyError:
            raise UnknownFigureError(key) from None

    def number(self, key: str) -> float:
        return float(self.figure(key).value)

    def days(self, key: str) -> timedelta:
        return timedelta(days=int(self.figure(key).value))

    def caps_for(self, plan_id: str) -> list[Cap]:
        return [cap for cap in self.caps.values() if plan_id in cap.plans]

    def cite(self, rule: str) -> str:
        return self.rules[rule].cite()

    def title(self, key: str) -> str:
        """A figure's name for people: "Premium Career: InMail credits a month", a cap's own title."""
        section, *middle, name = self.figure(key).key.split(".")
        if section == "plans":
            return f"{self.plans[middle[0]].name}: {_TITLES[name]}"
        if section == "caps":
            return self.caps[middle[0]].title
        return _TITLES[name][0].upper() + _TITLES[name][1:]

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever a figure the credit ledger uses changes, so snapshots of its state stay honest
        (an override of a cap or a threshold keeps them). Every ledger read asks: worked out once."""
        values: dict[str, Any] = {
            key: f.value for key, f in sorted(self.figures.items()) if _moves_credits(key)
        }
        values["ledger rules"] = LEDGER_RULES  # a change of rule makes the old snapshots stale too
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Catalog:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("fingerprint", None)  # `update` may change the figures it is worked out from
        return copy


# Bump when the replay's rules change (not only its figures): saved snapshots of the old rules go.
# 2: a credit back is given over the bank cap; the next refresh trims it (a412114).
LEDGER_RULES = 2


def _moves_credits(key: str) -> bool:
    section, *_, name = key.split(".")
    return section == "credits" or (
        section == "plans" and name in ("credits_per_month", "max_banked", "renewal", "lots_expire")
    )


@cache
def _shipped() -> dict[str, Any]:
    return tomllib.loads(resources.files("limits").joinpath("plans.toml").read_text(encoding="utf-8"))


def load_catalog(overrides: Mapping[str, FigureValue] | None = None) -> Catalog:
    """The shipped figures with `overrides` (key -> value) applied; an unknown key or bad value raises.

    Built once per set of overrides in the process (every read of an account asks again): the catalog
    is frozen, so callers share it.
    """
    try:
        key = tuple(sorted((name, type(value), value) for name, value in (overrides or {}).items()))
        hash(key)
    except TypeError:  # a value no figure takes (a list, a dict): let the build say what is wrong
        return _build(dict(overrides or {}))
    return _cached(key)


@lru_cache(maxsize=32)
def _cached(key: tuple[tuple[str, type, Any], ...]) -> Catalog:
    # the type is in the key: 1 == True == 1.0, yet a count, a switch and a share coerce them differently
    return _build({name: value for name, _, value in key})


def _build(overrides: dict[str, Any]) -> Catalog:
    raw = _shipped()
    figures: dict[str, Figure] = {}

    def figure(key: str, entry: Mapping[str, Any], default: FigureValue | None = None) -> Figure:
        value = entry.get("value", default)
        shipped = Figure(
            key=key,
            value=value,
            **{k: entry[k] for k in ("source", "confidence", "date", "note", "assumption") if k in entry},
        )
        if key in overrides:
            shipped = shipped.model_copy(
                update={"value": coerce(shipped, overrides.pop(key)), "overridden": True}
            )
        figures[key] = shipped
        return shipped

    plans = {}
    for plan_id, entry in raw["plans"].items():
        prefix = f"plans.{plan_id}."
        monthly = figure(prefix + "credits_per_month", entry["credits_per_month"])
        multiple = entry["max_banked"].get("multiple_of_monthly")
        bank_default = int(monthly.value) * multiple if multiple else None
        plan_figures = {"credits_per_month": monthly}
        plan_figures["max_banked"] = figure(prefix + "max_banked", entry["max_banked"], bank_default)
        for name in _PLAN_FIGURES[2:]:
            plan_figures[name] = figure(prefix + name, entry[name])
        plans[plan_id] = Plan(id=plan_id, name=entry["name"], paid=entry["paid"], **plan_figures)
    caps = {}
    for name, entry in raw["caps"].items():
        limit = figure(f"caps.{name}.limit", entry["limit"])
        fields = {k: v for k, v in entry.items() if k != "limit"}
        caps[name] = Cap(name=name, limit=limit, **fields)
    for section in ("credits", "lengths", "invitations", "thresholds"):
        for name, entry in raw[section].items():
            figure(f"{section}.{name}", entry)
    if overrides:
        raise UnknownFigureError(next(iter(overrides)))
    rules = {name: Source(**entry) for name, entry in raw["rules"].items()}
    return Catalog(plans=plans, caps=caps, figures=figures, rules=rules)


def coerce(figure: Figure, raw: Any) -> FigureValue:
    """`raw` (typed, or text from the command line) as a valid value of `figure`'s type."""
    shipped, key = figure.value, figure.key
    name = key.rsplit(".", 1)[-1]
    if isinstance(shipped, bool):
        return _as_bool(key, raw)
    if isinstance(shipped, str):
        choices = _CHOICES[name]
        if str(raw) not in {c.value for c in choices}:
            raise InvalidValueError(
                f"{key} must be one of {', '.join(c.value for c in choices)}, not {raw!r}"
            )
        return str(raw)
    if isinstance(shipped, float):
        number = _as_number(key, raw, float)
        if not 0 < number <= 1:
            raise InvalidValueError(
                f"{key} is a share of the cap: give a number above 0 and at most 1, like 0.8"
            )
        return number
    count = _as_number(key, raw, int)
    low, high = count_range(key)
    if not low <= count <= high:
        raise OutOfRangeError(key, count, low, high)
    return count


# What a user may type for a whole-number figure: far inside what date arithmetic and SQLite can hold.
MAX_CREDITS = 10_000
MAX_DAYS = 3_650


def count_range(key: str) -> tuple[int, int]:
    name = key.rsplit(".", 1)[-1]
    if name.endswith("_days"):
        return 1, MAX_DAYS
    if name in ("credits_per_month", "max_banked", "limit"):
        return 0, MAX_CREDITS
    return 1, MAX_CREDITS  # lengths and note characters


def _as_bool(key: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "yes", "1", "on"}:
        return True
    if text in {"false", "no", "0", "off"}:
        return False
    raise InvalidValueError(f"{key} is true or false, not {raw!r}")


def _as_number(key: str, raw: Any, kind: type[int] | type[float]) -> Any:
    if isinstance(raw, bool):
        raise InvalidValueError(f"{key} is a number, not {raw!r}")
    if isinstance(raw, int):
        return raw if kind is int else float(raw)  # exact: 2**63 stays itself and meets the range check
    try:
        number = float(raw)
    except (TypeError, ValueError, OverflowError):
        raise InvalidValueError(f"{key} is a number, not {raw!r}", field=key, value=raw) from None
    if not math.isfinite(number):
        raise InvalidValueError(f"{key} is a finite number, not {raw!r}", field=key, value=raw)
    if kind is int and not number.is_integer():
        raise InvalidValueError(f"{key} is a whole number, not {raw!r}")
    return kind(number)
