"""The send plan as a calendar: for the saved leads, when and by which channel to reach each one within
the caps and the credits (advice: nothing is sent, nothing is written), a chart of the sends per day, the
day's steps, each opening its draft in Compose, and who cannot be reached in the horizon and why."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import feedback, handoff, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.workspace import Workspace
    from limits.planning import PlanStep, SendPlan

CHANNELS = {
    "message": "Message (1st degree, free)",
    "open_profile": "Open Profile InMail (free)",
    "inmail": "InMail (1 credit)",
    "invitation": "Connection request",
    "invitation_note": "Connection request with a note",
}
DRAFT_CHANNEL = {  # what Compose writes for each step
    "message": "inmail",
    "open_profile": "inmail",
    "inmail": "inmail",
    "invitation": "connection_note",
    "invitation_note": "connection_note",
}
_PLAN = "plan.result"


def _name(lead: dict[str, Any]) -> str:
    name = " ".join(str(lead.get(f) or "") for f in ("first_name", "last_name")).strip()
    return name or str(lead.get("id") or "")


def chart_spec(plan: SendPlan) -> dict[str, Any]:
    """Sends per day, stacked by channel (a Vega-Lite spec as plain data)."""
    per_day = Counter((f"{step.at:%Y-%m-%d}", CHANNELS[step.channel.value]) for step in plan.steps)
    values = [{"day": day, "channel": channel, "sends": n} for (day, channel), n in sorted(per_day.items())]
    return {
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "day", "type": "ordinal", "title": None},
            "y": {"field": "sends", "type": "quantitative", "title": "sends"},
            "color": {"field": "channel", "type": "nominal", "title": None, "legend": {"orient": "bottom"}},
            "tooltip": [{"field": "day"}, {"field": "channel"}, {"field": "sends", "type": "quantitative"}],
        },
    }


def _form(workspace: Workspace, leads: dict[str, dict[str, Any]]) -> None:
    from inmail.errors import WorkspaceError
    from limits import LimitsError

    with st.form("plan_form", border=False):
        first, second, third = st.columns(3)
        day = first.date_input("Start", value=state.now().date(), key="plan.start")
        days = second.number_input("Days", min_value=1, max_value=365, value=14, step=1, key="plan.days")
        keep = third.number_input("Keep credits", min_value=0, value=0, step=1, key="plan.keep")
        submitted = st.form_submit_button("Plan sends", type="primary", icon=":material/event:")
    if not submitted:
        return
    start = max(state.now(), datetime.combine(day, time(0), tzinfo=UTC))
    try:
        made = workspace.send_plan(list(leads.values()), start=start, days=int(days), keep=int(keep))
        st.session_state[_PLAN] = made
    except (LimitsError, WorkspaceError) as exc:
        st.session_state.pop(_PLAN, None)
        feedback.show(exc)


def _step(step: PlanStep, lead: dict[str, Any], *, index: int) -> None:
    left, right = st.columns([3, 1], vertical_alignment="center")
    cost = "1 credit" if step.credits else "free"
    channel = CHANNELS[step.channel.value]
    left.markdown(f"**{step.at:%H:%M} UTC** · {md_escape(_name(lead))} · {md_escape(channel)} · {cost}")
    clicked = right.button(
        "Open draft",
        key=f"btn.plan.open.{index}",
        on_click=handoff.open_draft,
        args=(lead, DRAFT_CHANNEL[step.channel.value]),
        icon=":material/edit_note:",
        width="stretch",
    )
    if clicked:
        st.switch_page("ui/compose.py")


def _calendar(plan: SendPlan, leads: dict[str, dict[str, Any]]) -> None:
    from limits import canonical_lead_id

    by_id = {canonical_lead_id(str(lead.get("id") or key)): lead for key, lead in leads.items()}
    reserve = f", keeping {plan.keep}" if plan.keep else ""
    st.caption(
        f"{len(plan.steps)} send(s) over {plan.days} day(s), {plan.credits} credit(s){reserve}; "
        f"{len(plan.unreachable)} lead(s) not reachable in the horizon. Advice only: nothing is sent."
    )
    if plan.steps:
        st.vega_lite_chart(spec=chart_spec(plan), width="stretch", height=220)
        days = list(dict.fromkeys(f"{step.at:%a %d %b %Y}" for step in plan.steps))
        counts = Counter(f"{step.at:%a %d %b %Y}" for step in plan.steps)
        chosen = st.selectbox("Day", days, format_func=lambda d: f"{d} ({counts[d]})", key="plan.day")
        for index, step in enumerate(plan.steps):
            if f"{step.at:%a %d %b %Y}" == chosen:
                _step(step, by_id.get(step.lead_id, {"id": step.lead_id}), index=index)
    if plan.unreachable:
        with st.expander(f"Not reachable in the horizon ({len(plan.unreachable)})"):
            for item in plan.unreachable:
                lead = by_id.get(item.lead_id, {"id": item.lead_id})
                st.markdown(f"**{md_escape(_name(lead))}**: {md_escape(item.why)}")


def plan_section(workspace: Workspace) -> None:
    """The send plan for the saved leads: the form, then the calendar of the last plan made."""
    from inmail.errors import WorkspaceError

    st.subheader("Send plan")
    try:
        leads = workspace.saved_leads()
    except WorkspaceError as exc:
        feedback.show(exc)
        return
    if not leads:
        st.info(
            "No saved leads yet: save a lead on Compose (Lead tab), then plan when and how to reach each.",
            icon=":material/info:",
        )
        return
    st.caption(
        f"When and how to reach your {len(leads)} saved lead(s): free channels first, then InMails while "
        "credits above your reserve last, then connection requests; each in the lead's weekday morning, "
        "never past a cap."
    )
    _form(workspace, leads)
    plan = st.session_state.get(_PLAN)
    if plan is not None:
        _calendar(plan, leads)
