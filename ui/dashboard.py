"""Limits page: plan, balance, lots soonest-first, caps used, next renewal, a 90-day forecast, every figure
with its source and confidence, overrides, and "LinkedIn shows N credits" to reconcile."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import streamlit as st

from ui import feedback, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from limits import Account, Catalog, Status

FORECAST_DAYS = 90


def _day(value: datetime | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "never"


def _days_until(value: datetime | None) -> str:
    if value is None:
        return "no expiry"
    days = (value - state.now()).days
    return "today" if days <= 0 else f"in {days} day{'s' if days != 1 else ''}"


def _headline(status: Status, catalog: Catalog) -> None:
    plan = catalog.plan(status.plan)
    expiry = catalog.figure("credits.expiry_days")
    st.markdown(f"**{status.plan_name}**: {plan.monthly} credits a month, at most {status.bank_cap} banked.")
    st.caption(f"Credits a month: {plan.credits_per_month.cite()}. Most banked: {plan.max_banked.cite()}.")
    for change in status.scheduled:
        st.info(
            f"From {change.start:%d %b %Y}: {md_escape(change.plan_name)}. The forecast below includes the "
            "change (the old plan's credits are dropped that day).",
            icon=":material/event:",
        )
    first, second, third, fourth = st.columns(4, border=True)
    first.metric(
        "Credits left", status.balance, help="From this app's own book of grants, sends, refunds and syncs."
    )
    second.metric(
        "Next renewal",
        f"{status.next_renewal_at:%d %b}" if status.next_renewal_at else "none",
        delta=_days_until(status.next_renewal_at) if status.next_renewal_at else None,
        delta_color="off",
        delta_arrow="off",
        help=f"+{plan.monthly} credits; rule {plan.renewal.value}, {plan.renewal.cite()}",
    )
    expiring = next((lot for lot in status.lots if lot.expires_at), None)
    third.metric(
        "Expiring first",
        f"{expiring.credits} credits" if expiring else "nothing",
        delta=f"{expiring.expires_at:%d %b}, {_days_until(expiring.expires_at)}" if expiring else None,
        delta_color="off",
        delta_arrow="off",
        help=f"Each lot expires {expiry.value} days after it arrives: {expiry.cite()}",
    )
    inmails = status.caps.get("inmails_per_month")
    # A plan with no InMail credits (Basic; a seat with no allotment yet) sends no paid InMail to count
    # against the 300 a month: say so rather than show a cap it never meets.
    no_credits = plan.monthly == 0 and status.balance == 0
    fourth.metric(
        "InMails, last 30 days",
        inmails.used if inmails else 0,
        delta=(f"no InMail credits on {status.plan_name}" if no_credits else f"of {inmails.limit} a month")
        if inmails
        else None,
        delta_color="off",
        delta_arrow="off",
        help=f"Source: {inmails.source}" if inmails else None,
    )
    for note in status.notes:
        st.warning(md_escape(feedback.note_text(note)), icon=":material/warning:")


def _lots(status: Status, catalog: Catalog) -> None:
    st.subheader("Use these first")
    if not status.lots:
        st.caption("No credits in the book right now.")
        return
    rows = [
        {
            "credits": lot.credits,
            "kind": lot.kind.value,
            "arrived": lot.granted_at.date(),
            "expires": lot.expires_at.date() if lot.expires_at else None,
            "left": _days_until(lot.expires_at),
        }
        for lot in status.lots
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    expiry, refund = (
        catalog.figure(f"credits.{key}").cite() for key in ("expiry_days", "refund_expiry_days")
    )
    st.caption(
        "Spending takes the lot that expires first; purchased credits go last. "
        f"Expiry: {expiry}; refunds: {refund}."
    )


def _caps(status: Status) -> None:
    st.subheader("Caps used")
    st.caption("Rolling windows: a day is the last 24 hours, a week 7 days, a month 30 days.")
    for cap in status.caps.values():
        share = min(cap.used / cap.limit, 1.0) if cap.limit else 1.0
        st.progress(share, text=f"{cap.title}: {cap.used} of {cap.limit} (window {cap.window.value})")
        st.caption(f"Source: {cap.source}")


def _forecast(account: Account) -> None:
    st.subheader(f"Balance over the next {FORECAST_DAYS} days")
    points = account.balance_forecast(at=state.now(), days=FORECAST_DAYS)
    # A Vega-Lite spec as plain data: building it with Altair would import Altair (half a second) on the
    # page's first paint for this one chart.
    spec = {
        "data": {"values": [{"when": when, "credits": credits} for when, credits in points]},
        "mark": {"type": "line", "interpolate": "step-after", "point": True, "color": "#0a66c2"},
        "encoding": {
            "x": {"field": "when", "type": "temporal", "title": None},
            "y": {
                "field": "credits",
                "type": "quantitative",
                "title": "credits",
                "scale": {"zero": True},
                "axis": {"format": "d", "tickMinStep": 1},  # whole credits: never "0.000000"
            },
            "tooltip": [
                {"field": "when", "type": "temporal", "format": "%d %b %Y %H:%M"},
                {"field": "credits", "type": "quantitative"},
            ],
        },
    }
    st.vega_lite_chart(spec=spec, width="stretch", height=260)
    st.caption("Renewals and expiries ahead, if you send nothing more and nothing is refunded.")


def _reconcile(account: Account) -> None:
    from limits import LimitsError

    st.subheader("Reconcile with LinkedIn")
    with st.form("sync_form", border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        shown = left.number_input("LinkedIn shows N credits", min_value=0, step=1, value=None, key="sync.n")
        submitted = right.form_submit_button("Set my balance", width="stretch")
    if submitted:
        if shown is None:
            st.error("Type the number of credits LinkedIn shows, then press Set my balance.")
            return
        try:
            account.sync(int(shown), at=state.now())
        except LimitsError as exc:
            feedback.show(exc)
        else:
            st.success(f"Balance set to {int(shown)} credit(s), as LinkedIn shows.")
            st.rerun()


def _figures(account: Account, catalog: Catalog) -> None:
    from limits import LimitsError

    st.subheader("Every figure, with its source")
    rows = [
        {
            "figure": catalog.title(key),
            "value": str(figure.value),
            "confidence": "your override" if figure.overridden else figure.confidence.value,
            "source": figure.source,
            "label": "" if figure.overridden else figure.assumption,
            "checked": figure.date,
        }
        for key, figure in catalog.figures.items()
    ]
    st.dataframe(rows, hide_index=True, width="stretch", height=320)
    st.caption(
        "A label says where a figure rests on more than its source: a rule applied by analogy, sources "
        "that conflict, the project's own reserve."
    )
    st.markdown("**Override a figure** (what LinkedIn shows you wins)")
    feedback.show_notice("override")
    left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
    key = left.selectbox("Figure", list(catalog.figures), format_func=catalog.title, key="override.key")
    value = middle.text_input("New value", key="override.value", placeholder=str(catalog.figures[key].value))
    if right.button("Override", width="stretch"):
        try:
            stored = account.set_override(key, value)
        except LimitsError as exc:
            feedback.show(exc)
        else:
            feedback.notify("override", "success", f"{catalog.title(key)} is now {stored} (your override).")
            st.rerun()
    overrides = account.overrides()
    if overrides:
        st.caption(
            "Your overrides: "
            + md_escape(", ".join(f"{catalog.title(k)} = {v}" for k, v in overrides.items()))
        )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        drop = left.selectbox(
            "Back to the shipped value", list(overrides), format_func=catalog.title, key="override.drop"
        )
        if right.button("Clear override", width="stretch"):
            account.clear_override(drop)
            feedback.notify("override", "success", f"{catalog.title(drop)} is back to {load_shipped(drop)}.")
            st.rerun()


def load_shipped(key: str) -> str:
    from limits import load_catalog

    return str(load_catalog().figure(key).value)


def render() -> None:
    from limits import NotInitialisedError

    st.title("Limits")
    account = state.account()
    catalog = account.catalog()
    try:
        status = account.status(at=state.now())
    except NotInitialisedError:
        st.info(feedback.NO_PLAN, icon=":material/info:")
        st.page_link("ui/settings.py", label="Set your plan", icon=":material/settings:")
        status = None
    if status is not None:
        _headline(status, catalog)
        left, right = st.columns([3, 2], gap="large")
        with left:
            _forecast(account)
            _lots(status, catalog)
        with right:
            _caps(status)
        st.divider()
        _reconcile(account)
    st.divider()
    _figures(account, catalog)


if __name__ == "__main__":
    render()
