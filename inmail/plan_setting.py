"""Setting the LinkedIn plan from the app: the plan in force, and what a new choice would change.

The names follow the ledger's (`limits.plan_change.PlanChange`, `Account.plan_change(...)`,
`init_plan(..., confirm=)`), which are being added to `limits`; until they land this module works out
the same answer from the ledger's plan events. Switching over is this module only.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import assert_never

from pydantic import BaseModel, ConfigDict

from limits import Account, EventKind


class PlanChangeKind(StrEnum):
    NEW = "new"  # no plan yet
    UNCHANGED = "unchanged"  # the same plan, start and cycle day: nothing to record (a balance aside)
    CHANGE = "change"  # another plan (or start): the old plan's credits go, so the user must confirm


class PlanInForce(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan: str
    start: datetime
    cycle_day: int | None


class PlanChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: PlanChangeKind
    plan: str
    start: datetime
    cycle_day: int | None = None
    previous_plan: str | None = None
    previous_start: datetime | None = None
    credits_dropped: int = 0  # the old plan's balance now

    @property
    def needs_confirmation(self) -> bool:
        return self.kind is PlanChangeKind.CHANGE


def plan_in_force(account: Account) -> PlanInForce | None:
    """The plan last set: its id, start and cycle day; None before the first."""
    plans = [e for e in account.events() if e.kind is EventKind.PLAN_SET and e.plan]
    if not plans:
        return None
    last = plans[-1]
    assert last.plan is not None
    return PlanInForce(plan=last.plan, start=last.start or last.at, cycle_day=last.cycle_day)


def plan_change(
    account: Account, plan: str, *, start: datetime, cycle_day: int | None, at: datetime
) -> PlanChange:
    """What setting `plan` from `start` would do, without doing it."""
    current = plan_in_force(account)
    if current is None:
        return PlanChange(kind=PlanChangeKind.NEW, plan=plan, start=start, cycle_day=cycle_day)
    same = (
        current.plan == plan
        and current.start.date() == start.date()
        and (cycle_day is None or cycle_day == (current.cycle_day or current.start.day))
    )
    kind = PlanChangeKind.UNCHANGED if same else PlanChangeKind.CHANGE
    dropped = 0 if same else account.status(at=at).balance
    return PlanChange(
        kind=kind,
        plan=plan,
        start=start,
        cycle_day=cycle_day,
        previous_plan=current.plan,
        previous_start=current.start,
        credits_dropped=dropped,
    )


class PlanChangeNotConfirmed(Exception):
    """A real change of plan drops the old plan's credits: it needs the user's explicit yes."""

    def __init__(self, change: PlanChange) -> None:
        super().__init__(f"changing to {change.plan} drops {change.credits_dropped} credit(s): confirm it")
        self.change = change


def set_plan(
    account: Account,
    plan: str,
    *,
    start: datetime,
    cycle_day: int | None,
    balance: int | None,
    at: datetime,
    confirm: bool = False,
) -> PlanChange:
    """Set the plan; the same plan again records nothing (only a balance, as a sync)."""
    change = plan_change(account, plan, start=start, cycle_day=cycle_day, at=at)
    match change.kind:
        case PlanChangeKind.UNCHANGED:
            if balance is not None and balance != account.status(at=at).balance:
                account.sync(balance, at=at)
        case PlanChangeKind.CHANGE if not confirm:
            raise PlanChangeNotConfirmed(change)
        case PlanChangeKind.NEW | PlanChangeKind.CHANGE:
            account.init_plan(plan, start=start, cycle_day=cycle_day, balance=balance, at=at)
        case _ as unreachable:
            assert_never(unreachable)
    return change
