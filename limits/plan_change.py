"""What setting a plan would do: a first plan, nothing at all (the same plan and start), or a real change
that drops the old plan's credits (LinkedIn Help 75, 57013) and so needs the user's yes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import assert_never

from pydantic import BaseModel, ConfigDict


class PlanChangeKind(StrEnum):
    NEW = "new"  # the first plan of this book
    UNCHANGED = "unchanged"  # the same plan, start and cycle day: nothing to record
    CHANGE = "change"  # another plan (or another start): the old plan's credits are dropped
    REPLACE = "replace"  # another plan the same day as the plan in force: a correction, from its start


class PlanChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: PlanChangeKind
    plan: str
    start: datetime
    cycle_day: int
    previous_plan: str | None = None
    previous_start: datetime | None = None
    credits_dropped: int = 0  # the old plan's balance at the new start
    balance: int | None = None  # the balance LinkedIn shows, anchored at the time of recording
    synced: bool = False  # (after the fact) a balance was recorded as a sync

    @property
    def needs_confirmation(self) -> bool:
        return self.kind is PlanChangeKind.CHANGE or (
            self.kind is PlanChangeKind.REPLACE and self.credits_dropped > 0
        )

    def summary(self) -> str:
        start = f"{self.start:%Y-%m-%d}"
        match self.kind:
            case PlanChangeKind.NEW:
                return f"set the plan {self.plan} from {start}"
            case PlanChangeKind.UNCHANGED:
                return f"the plan is already {self.plan} from {start}"
            case PlanChangeKind.CHANGE:
                return (
                    f"changing from {self.previous_plan} to {self.plan} on {start} drops "
                    f"{self.credits_dropped} credit(s) of the old plan"
                )
            case PlanChangeKind.REPLACE:
                dropped = (
                    f": the book drops its {self.credits_dropped} credit(s)" if self.credits_dropped else ""
                )
                return f"{self.plan} replaces {self.previous_plan} from {start}{dropped}"
            case _ as unreachable:
                assert_never(unreachable)
