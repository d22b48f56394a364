"""The send plan: pure logic over the book (see planner.py); the workspace reads the book and calls it."""

from limits.planning.model import MAX_PLAN_DAYS, PlanBook, PlanChannel, PlanStep, SendPlan, Unreachable
from limits.planning.planner import make_plan

__all__ = ["MAX_PLAN_DAYS", "PlanBook", "PlanChannel", "PlanStep", "SendPlan", "Unreachable", "make_plan"]
