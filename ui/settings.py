"""Settings page: the LinkedIn plan, the model connection, and where the data lives."""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any, assert_never

import streamlit as st

from ui import due, feedback, inline_plan, model, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from limits import Status

PENDING = "settings.plan_pending"  # a change of plan waiting for the user's yes


def _chosen() -> dict[str, Any]:
    from limits import Renewal

    ss = st.session_state
    cycle_day, balance = ss.get("plan.cycle_day"), ss.get("plan.balance")
    stored = state.workspace().plan()
    prefilled = stored is not None and stored.plan != ss["plan.id"] and cycle_day == stored.cycle_day
    first_of_month = state.account().catalog().plan(ss["plan.id"]).renewal.value == Renewal.FIRST_OF_MONTH
    if prefilled and first_of_month:
        cycle_day = (
            None  # the old plan's day, still in the form, does not apply to a plan renewing on the 1st
        )
    return {
        "plan": ss["plan.id"],
        "start": datetime.combine(ss["plan.start"], time(0, 0), tzinfo=UTC),
        "cycle_day": int(cycle_day) if cycle_day is not None else None,
        "balance": int(balance) if balance is not None else None,
    }


def _set_plan(plans: dict[str, str], *, confirm: bool = False) -> None:
    from inmail.plan_setting import PlanChangeKind, PlanChangeNotConfirmed
    from limits import LimitsError

    chosen = st.session_state.get(PENDING) if confirm else _chosen()
    if not chosen:
        return
    workspace = state.workspace()
    try:
        change = workspace.set_plan(**chosen, at=state.now(), confirm=confirm)
        balance_now = workspace.account.status(at=state.now()).balance
    except PlanChangeNotConfirmed:
        st.session_state[PENDING] = chosen  # the page asks; nothing was recorded
        return
    except LimitsError as exc:
        feedback.notify("plan", "error", feedback.message(exc))
        return
    st.session_state.pop(PENDING, None)
    name, since = plans[change.plan], f"{change.start:%d %b %Y}"
    match change.kind:
        case PlanChangeKind.UNCHANGED:
            text = f"Nothing changed: the plan is already {name} from {since}. {balance_now} credit(s) now."
        case PlanChangeKind.NEW:
            text = f"Plan set to {name} from {since}: {balance_now} credit(s) now."
        case PlanChangeKind.CHANGE:
            text = f"Plan changed to {name} from {since}: {balance_now} credit(s) now."
        case PlanChangeKind.REPLACE:
            before = plans.get(change.previous_plan or "", change.previous_plan)
            text = f"Plan corrected to {name} (replaces {before}) from {since}: {balance_now} credit(s) now."
        case _ as unreachable:
            assert_never(unreachable)
    feedback.notify("plan", "success", text)


def plan_line(status: Status) -> str:
    """ "Now: Premium Career since 01 Dec 2026, 5 credit(s); from 20 Dec 2026: Premium Business." """
    since = f" since {status.since:%d %b %Y}" if status.since else ""
    line = f"Now: {status.plan_name}{since}, {status.balance} credit(s)"
    for change in status.scheduled:
        line += f"; from {change.start:%d %b %Y}: {change.plan_name}"
    return line + "."


def _cancel() -> None:
    st.session_state.pop(PENDING, None)
    feedback.notify("plan", "success", "Kept the plan as it was; nothing was recorded.")


def _confirm_box(plans: dict[str, str]) -> None:
    chosen = st.session_state.get(PENDING)
    if not chosen:
        return
    workspace = state.workspace()
    change = workspace.plan_change(
        chosen["plan"], start=chosen["start"], cycle_day=chosen["cycle_day"], at=state.now()
    )
    before = plans.get(change.previous_plan or "", change.previous_plan)
    with st.container(border=True):
        st.warning(
            md_escape(inline_plan.question(change, str(before), plans[change.plan])),
            icon=":material/warning:",
        )
        left, right = st.columns(2)
        left.button(
            "Yes, change the plan",
            type="primary",
            key="btn.plan.confirm",
            on_click=_set_plan,
            args=(plans,),
            kwargs={"confirm": True},
        )
        right.button(f"Keep {before}", key="btn.plan.cancel", on_click=_cancel)


def _plan_section() -> None:
    from limits import NotInitialisedError

    workspace = state.workspace()
    account = workspace.account
    plans = {plan_id: plan.name for plan_id, plan in account.catalog().plans.items()}
    st.subheader("LinkedIn plan")
    feedback.show_notice("plan")
    stored = workspace.plan()
    try:
        status = account.status(at=state.now())
    except NotInitialisedError:
        status = None
        st.info(
            "No LinkedIn plan is set yet: choose yours below to track credits and limits.",
            icon=":material/info:",
        )
    if stored is not None and status is not None:
        st.caption(md_escape(plan_line(status)))
        st.caption(
            "Credits arrive on each billing-cycle date from the start date on (Sales Navigator: the 1st of "
            "the month); nobody has to press renew."
        )
    _confirm_box(plans)
    with st.form("plan_form", border=True):
        ids = list(plans)
        current = ids.index(stored.plan) if stored and stored.plan in ids else 0
        st.selectbox("Plan", ids, index=current, format_func=plans.__getitem__, key="plan.id")
        left, middle, right = st.columns(3)
        left.date_input(
            "Plan start (first billing day)",
            value=stored.start.date() if stored else state.now().date(),
            key="plan.start",
        )
        middle.number_input(
            "Billing-cycle day (blank: the start's day)",
            min_value=1,
            max_value=31,
            value=stored.cycle_day if stored else None,
            key="plan.cycle_day",
        )
        right.number_input(
            "Credits LinkedIn shows now (blank: leave the balance)",
            min_value=0,
            max_value=10_000,
            value=None,
            key="plan.balance",
        )
        st.form_submit_button("Set plan", type="primary", on_click=_set_plan, args=(plans,))


def _model_section() -> None:
    st.subheader("Model connection")
    conn = model.connection()
    st.caption(
        "Any OpenAI-compatible server works (OpenAI, Azure, Ollama, vLLM, llama.cpp, LM Studio). Without "
        "one, drafts come from the offline template engine. The base URL, model and key typed here last for "
        "this session only; the time budget is saved in the data directory."
    )
    left, right = st.columns(2)
    left.text_input(
        "Base URL",
        key=model.BASE_URL_KEY,
        placeholder=_placeholder(model.BASE_URL_ENV, conn.base_url, conn.base_url_from),
        help="Overrides OPENAI_BASE_URL for this session.",
    )
    right.text_input(
        "Model",
        key=model.MODEL_KEY,
        placeholder=_placeholder(model.MODEL_ENV, conn.model, conn.model_from),
        help="Overrides INMAIL_MODEL for this session.",
    )
    st.text_input(
        "API key for this server (optional)",
        key=model.PAGE_KEY_KEY,
        type="password",
        help="Sent only to the base URL above, kept for this session only, never saved.",
    )
    if host := model.page_host():
        st.checkbox(f"Use my configured key with {host}", key=model.TRUST_KEY)
    conn = model.connection()
    key_line = "set" if conn.key_set else "not set"
    where = f", bound to {conn.key_server or 'api.openai.com'}" if conn.key_set else ""
    source = f"`{model.KEY_ENV}`, from the environment or `.streamlit/secrets.toml`"
    st.markdown(f"API key ({source}): **{key_line}**{where}")
    if conn.key_set and not conn.key_goes_there:
        st.caption("The configured key is not sent to the base URL above: it belongs to another server.")
    if conn.base_url or conn.key_set:
        st.text(f"Drafting engine: model {conn.model or '(server default)'} at {conn.base_url or 'OpenAI'}")
    else:
        st.text("Drafting engine: offline templates (no model configured)")
    _budget_form()
    if st.button("Test connection", icon=":material/wifi_tethering:"):
        with st.spinner("Asking the server for its models..."):
            ok, message = model.probe()
        (st.success if ok else st.error)(message)


def _budget_in_force() -> str:
    from composer.llm_config import DEFAULT_BUDGET

    if (saved := model.saved_budget()) is not None:
        return f"{saved:g} s (saved here)"
    if value := os.environ.get(model.BUDGET_ENV, "").strip():
        return f"{value} s (from {model.BUDGET_ENV})"
    return f"{DEFAULT_BUDGET:g} s (the default)"


def _save_budget() -> None:
    from inmail.errors import WorkspaceError
    from inmail.model_settings import ModelSettings, ModelSettingsFile, parse_budget

    typed = str(st.session_state.get(model.BUDGET_KEY) or "")
    try:
        budget = parse_budget(typed)
    except ValueError as exc:
        feedback.notify("budget", "error", str(exc))  # the typed text stays in the field
        return
    try:
        ModelSettingsFile(state.data_path()).save(ModelSettings(budget=budget))
    except WorkspaceError as exc:
        feedback.notify("budget", "error", feedback.message(exc))
        return
    if budget is None:
        feedback.notify("budget", "success", f"Saved: the time budget is back to {_budget_in_force()}.")
    else:
        text = f"Saved: a draft may take up to {budget:g} s, repair included (Compose and the chat)."
        feedback.notify("budget", "success", text)


def _budget_form() -> None:
    from inmail.errors import WorkspaceError
    from inmail.model_settings import ModelSettingsFile

    feedback.show_notice("budget")
    try:
        saved = ModelSettingsFile(state.data_path()).load().budget
    except WorkspaceError as exc:
        saved = None
        st.error(feedback.message(exc), icon=":material/error:")
    if model.BUDGET_KEY not in st.session_state:
        st.session_state[model.BUDGET_KEY] = f"{saved:g}" if saved is not None else ""
    with st.form("budget_form", border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(
            "Time budget per draft, in seconds (blank: the environment's or the default)",
            key=model.BUDGET_KEY,
            placeholder=_budget_in_force(),
            help="The longest one draft may take, a repair included; then the draft comes from the "
            "templates with a warning. Saved in the data directory; applies to Compose and the chat.",
        )
        right.form_submit_button("Save budget", on_click=_save_budget)
    st.caption(f"Budget in force: {_budget_in_force()}")


def _placeholder(env_name: str, value: str | None, source: str | None) -> str:
    if value and source in ("environment", "secrets"):
        return f"{value} (from {source})"
    return f"not set ({env_name})"


def _data_section() -> None:
    st.subheader("Your data")
    path = state.data_path()
    st.text(f"Data directory: {path}")
    st.caption(
        "The ledger (ledger.sqlite3), template overrides (templates/), your sender profile, saved leads and "
        "draft history live here. Set INMAIL_DATA_DIR to move it."
    )


def render() -> None:
    st.title("Settings")
    _plan_section()
    st.divider()
    _model_section()
    st.divider()
    due.settings_section()
    st.divider()
    _data_section()


if __name__ == "__main__":
    render()
