"""The errors limits raises on purpose. Each carries its data (fields) and a plain sentence without any
front end's syntax: the CLI and the app word the fix for their own medium (a flag, a button)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from limits.events import Event
    from limits.plan_change import PlanChange


def _day(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


class LimitsError(Exception):
    """A user-fixable problem with the limits: bad input, unknown plan, ledger not set up."""


class UnknownPlanError(LimitsError):
    def __init__(self, plan: str, known: list[str]) -> None:
        super().__init__(f"unknown plan {plan!r}: choose one of {', '.join(known)}")
        self.plan, self.known = plan, known


class NotInitialisedError(LimitsError):
    """No plan is set up (`at` None), or none is in force yet at `at` (`start`: when the first begins)."""

    def __init__(self, at: datetime | None = None, start: datetime | None = None) -> None:
        if at is None:
            message = "the ledger has no plan yet: set your LinkedIn plan first"
        elif start is None:
            message = f"the ledger has no plan in force at {_day(at)}"
        else:
            message = f"{_day(at)} is before the plan's start ({_day(start)})"
        super().__init__(message)
        self.at, self.start = at, start


class UnknownFigureError(LimitsError):
    def __init__(self, key: str) -> None:
        super().__init__(f"unknown figure {key!r}")
        self.key = key


class InvalidValueError(LimitsError):
    """A number or value outside what the rule book accepts (negative credits, cycle day 0, ...)."""

    def __init__(self, message: str, *, field: str | None = None, value: Any = None) -> None:
        super().__init__(message)
        self.field, self.value = field, value


class OutOfRangeError(InvalidValueError):
    def __init__(self, field: str, value: Any, low: int | float, high: int | float) -> None:
        shown = value if len(repr(value)) <= 24 else f"{str(value)[:20]}..."
        if isinstance(value, int | float) and value < 0 <= low:
            message = f"{field} cannot be negative ({shown}): give a number from {low:,} to {high:,}"
        else:
            message = f"{field} must be from {low:,} to {high:,}, not {shown}"
        super().__init__(message, field=field, value=value)
        self.low, self.high = low, high


class KeyReusedError(LimitsError):
    """An idempotency key already recorded a different event; nothing was recorded."""

    def __init__(self, key: str, first: Event) -> None:
        what = first.kind.value.replace("_", " ") + (f" to {first.lead_id}" if first.lead_id else "")
        super().__init__(f"the key {key!r} already recorded another event ({what} at {_day(first.at)})")
        self.key, self.first = key, first


class NoSendError(LimitsError):
    """A response for someone nothing was sent to (often the same person under another id)."""

    def __init__(self, lead_id: str, at: datetime) -> None:
        super().__init__(f"nothing was sent to {lead_id} up to {_day(at)}, so there is nothing to answer")
        self.lead_id, self.at = lead_id, at


class PlanChangeNotConfirmed(LimitsError):
    """A real change of plan drops the old plan's credits: it needs the user's explicit yes."""

    def __init__(self, change: PlanChange) -> None:
        super().__init__(change.summary() + ": confirm the change to go ahead")
        self.change = change


class LedgerFileError(LimitsError):
    """The ledger file could not be opened, read or written; nothing was recorded."""

    def __init__(self, path: Path, detail: str, message: str) -> None:
        super().__init__(message)
        self.path, self.detail = path, detail


class LedgerOpenError(LedgerFileError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail, f"cannot open the ledger {path} ({detail})")


class LedgerCorruptError(LedgerFileError):
    """The database file is not a ledger this program can read; it was left untouched."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail, f"{path} is damaged or not a ledger ({detail}); it was left untouched")


class LedgerWriteError(LedgerFileError):
    """A write did not happen (the file is locked, read-only or the disk is full); nothing was recorded."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail, f"cannot write the ledger {path} ({detail}); nothing was recorded")
