"""The send plan's calendar: for the saved leads, the plan within caps and credits, a chart of sends per
day, the day's steps (each opening its draft in Compose), who cannot be reached and why; bad input is
one line on the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from page_text import texts, unescape

from composer import SAMPLE_LEADS
from inmail.workspace import Workspace

NOW = datetime.now(UTC)
PAGE = "ui/plan_page.py"


def _leads(data_dir, *, plan: bool = True) -> Workspace:
    workspace = Workspace(data_dir)
    if plan:
        start = NOW - timedelta(days=20)
        workspace.account.init_plan("premium_career", start=start, at=start, balance=2)
    for name in ("maria", "priya", "tom", "jonas"):
        workspace.save_lead(SAMPLE_LEADS[name].model_dump(mode="json"))
    opted_out = {**SAMPLE_LEADS["camille"].model_dump(mode="json"), "accepts_inmail": False}
    workspace.save_lead(opted_out)
    return workspace


def _plan(at, days: int = 14):
    at.number_input(key="plan.days").set_value(days)
    next(b for b in at.button if b.label == "Plan sends").click().run()
    return at


def test_the_calendar_plans_every_saved_lead_and_opens_a_step_in_compose(open_page, data_dir):
    workspace = _leads(data_dir)
    at = _plan(open_page(PAGE))
    page = unescape(texts(at))
    assert "5 send(s) over 14 day(s)" in page
    assert "0 lead(s) not reachable" in page
    assert len(at.get("vega_lite_chart")) == 1
    opens = [b for b in at.button if b.key and b.key.startswith("btn.plan.open.")]
    assert opens, "the first day's steps, each with its button"
    assert "Priya Shah" in page or "Tom" in page  # free channels go first
    opens[0].click().run()
    assert "Compose" in [t.value for t in at.title]
    drafted = {e.lead_id for e in workspace.drafts.entries()}
    assert len(drafted) == 1, "the step's draft is written on arrival"
    assert not at.exception


def test_a_short_weekend_horizon_says_who_is_left_and_why(open_page, data_dir):
    _leads(data_dir)
    at = open_page(PAGE)
    saturday = NOW.date() + timedelta(days=(5 - NOW.weekday()) % 7)
    at.date_input(key="plan.start").set_value(saturday)
    at = _plan(at, days=1)
    page = unescape(texts(at))
    assert "0 send(s) over 1 day(s)" in page
    assert "Not reachable in the horizon (5)" in " ".join(e.label for e in at.expander)
    assert "no free send window" in page
    assert not at.exception


def test_no_plan_set_is_one_line(open_page, data_dir):
    _leads(data_dir, plan=False)
    at = _plan(open_page(PAGE))
    assert "No LinkedIn plan is set yet" in unescape(texts(at))
    assert not at.exception


def test_no_saved_leads_says_how_to_get_some(open_page):
    at = open_page(PAGE)
    assert "No saved leads yet" in unescape(texts(at))
    assert not at.exception
