"""Setting the LinkedIn plan from the app: the plan in force, and what a new choice would change.

The rules are the ledger's (`Account.plan_change(...)`, `init_plan(..., confirm=)`); this module adds the
plan in force as the Settings form shows it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from limits import Account, EventKind, PlanChange, PlanChangeKind, PlanChangeNotConfirmed

__all__ = [
    "PlanChange",
    "PlanChangeKind",
    "PlanChangeNotConfirmed",
    "PlanInForce",
    "plan_in_force",
    "set_plan",
]


class PlanInForce(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan: str
    start: datetime
    cycle_day: int | None


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
    return account.plan_change(plan, start=_as_stored(account, plan, start), cycle_day=cycle_day, at=at)


def _as_stored(account: Account, plan: str, start: datetime) -> datetime:
    """The form picks a day: the plan in force's own start when it is the same plan on the same day."""
    current = plan_in_force(account)
    if current is not None and current.plan == plan and current.start.date() == start.date():
        return current.start
    return start


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
    """Set the plan; the same plan again records nothing (a new balance aside); a real change of plan
    raises PlanChangeNotConfirmed unless `confirm`."""
    start = _as_stored(account, plan, start)
    return account.init_plan(plan, start=start, cycle_day=cycle_day, balance=balance, at=at, confirm=confirm)
