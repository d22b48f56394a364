"""The one base error for mistakes the user can fix; every message says how to fix it."""

from __future__ import annotations


class LimitsError(Exception):
    """A user-fixable problem with the limits: bad input, unknown plan, ledger not set up."""


class UnknownPlanError(LimitsError):
    def __init__(self, plan: str, known: list[str]) -> None:
        super().__init__(f"unknown plan {plan!r}: use one of {', '.join(known)}")
        self.plan = plan


class NotInitialisedError(LimitsError):
    def __init__(self, at: str | None = None) -> None:
        if at is None:
            message = "the ledger is not set up: run `inmail ledger init --plan ID` first"
        else:
            message = (
                f"the ledger has no plan yet at {at}: use a later --at, or set the plan's --start earlier"
            )
        super().__init__(message)


class UnknownFigureError(LimitsError):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"unknown figure {key!r}: run `inmail plans --json` to see every key you can override"
        )
        self.key = key


class InvalidValueError(LimitsError):
    """A number or value outside what the rule book accepts (negative credits, cycle day 0, ...)."""


class LedgerCorruptError(LimitsError):
    """The database file is not a ledger this program can read."""


class LedgerWriteError(LimitsError):
    """A write did not happen (the file is locked, read-only or the disk is full); nothing was recorded."""
