"""When credits arrive: renewals derived from the plan's start and cycle day, so nobody presses "renew"."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import assert_never

from pydantic import BaseModel, ConfigDict

from limits.catalog import Plan, Renewal
from limits.errors import InvalidValueError, OutOfRangeError
from limits.events import from_us, to_us


class Terms(BaseModel):
    """The plan in force since a plan_set event: what it grants, when, and how much it may bank."""

    model_config = ConfigDict(frozen=True)

    plan_id: str
    start_us: int
    cycle_day: int
    monthly: int
    bank_cap: int
    expiring: bool = True  # lots expire 90 days after they arrive (all plans but Recruiter)

    @property
    def first_grant_us(self) -> int:
        """Credits arrive at midnight UTC, the start day's included, so grants and expiries line up."""
        start = from_us(self.start_us)
        return to_us(datetime(start.year, start.month, start.day, tzinfo=UTC))

    def renewal_after(self, after_us: int) -> int | None:
        """The first renewal strictly after `after_us`: the start day, then the cycle day each month."""
        if self.monthly <= 0:
            return None
        if after_us < self.first_grant_us:
            return self.first_grant_us
        after = from_us(after_us)
        year, month = after.year, after.month
        while True:
            day = min(self.cycle_day, calendar.monthrange(year, month)[1])
            candidate = to_us(datetime(year, month, day, tzinfo=UTC))
            if candidate > after_us:
                return candidate
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def terms_for(plan: Plan, *, start: datetime, cycle_day: int | None) -> Terms:
    """Terms for `plan` from `start`; the cycle day defaults to the start's day (Premium) or the 1st."""
    match plan.renewal_rule:
        case Renewal.BILLING_CYCLE:
            day = start.day if cycle_day is None else cycle_day
        case Renewal.FIRST_OF_MONTH:
            if cycle_day not in (None, 1):
                raise InvalidValueError(
                    f"{plan.name} credits arrive on the 1st of the month: it has no other cycle day "
                    f"(figure plans.{plan.id}.renewal says so)",
                    field="cycle_day",
                    value=cycle_day,
                )
            day = 1
        case _ as unreachable:
            assert_never(unreachable)
    validate_cycle_day(day)
    return Terms(
        plan_id=plan.id,
        start_us=to_us(start),
        cycle_day=day,
        monthly=plan.monthly,
        bank_cap=plan.bank_cap,
        expiring=plan.expiring,
    )


def validate_cycle_day(day: int | None) -> None:
    if day is not None and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31):
        raise OutOfRangeError("the cycle day", day, 1, 31)
