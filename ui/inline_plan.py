"""Setting the LinkedIn plan where a send needs it: on the draft card, before the first "Mark as sent".

A send is recorded against a plan, so a book with none used to stop the first send with a link to
Settings. The card asks for the plan and its start (today by default) instead, and the same click sets it
and records the send. Settings words the plan questions the card and its own form share.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import state

if TYPE_CHECKING:
    from inmail.plan_setting import PlanChange

CHOOSE_FIRST = "Choose your LinkedIn plan above the button first: the send is recorded against it."


def _keys(base: str) -> tuple[str, str]:
    return f"{base}.plan", f"{base}.plan_start"


def needed() -> bool:
    """No plan is set yet: the card asks for one next to its Mark as sent button."""
    return state.workspace().plan() is None


def fields(base: str) -> None:
    """The plan picker and its start date, in the card. Nothing is chosen for the user: a plan picked for
    them would record sends against credits they may not have."""
    plans = {plan_id: plan.name for plan_id, plan in state.account().catalog().plans.items()}
    st.caption(
        "No LinkedIn plan is set yet: choose yours and Mark as sent sets it and records the send. "
        "Correct it the same day in Settings if you pick the wrong one."
    )
    plan_key, start_key = _keys(base)
    # Stacked, not in columns: the card sits in the chat's narrow side column too.
    st.selectbox(
        "Your LinkedIn plan",
        list(plans),
        index=None,
        format_func=plans.__getitem__,
        placeholder="Choose your plan",
        key=plan_key,
    )
    st.date_input("Plan start (billing day)", value=state.now().date(), key=start_key)


def chosen(base: str) -> dict[str, Any] | None:
    """The plan the card's fields hold, as `Workspace.set_plan` takes it; None when none is chosen."""
    plan_key, start_key = _keys(base)
    plan = st.session_state.get(plan_key)
    if not plan:
        return None
    day = st.session_state.get(start_key) or state.now().date()
    return {"plan": plan, "start": start_of(day), "cycle_day": None, "balance": None}


def start_of(day: date) -> datetime:
    """A start date as the plan's start instant: midnight UTC, or now for today's date when midnight UTC is
    still ahead (a user east of UTC is a day ahead of it), so a send made now counts under the plan."""
    return min(datetime.combine(day, time(0, 0), tzinfo=UTC), state.now())


def question(change: PlanChange, before: str, after: str) -> str:
    """The yes-or-no a plan change that drops credits asks."""
    from inmail.plan_setting import PlanChangeKind

    when = f"{change.start:%d %b %Y}"
    if change.kind is PlanChangeKind.REPLACE:
        return (
            f"Replace {before} (set for {when}) with {after} from the same day? The book drops {before}'s "
            f"{change.credits_dropped} credit(s) and counts {after}'s instead; sends stay recorded."
        )
    return (
        f"Change the plan from {before} to {after} from {when}? LinkedIn drops the old plan's credits: "
        f"{change.credits_dropped} credit(s) would go."
    )
