"""Issue 18, item 1: the first "Mark as sent" of a book with no plan sets the plan on the card and records
the send in the same click; a plan set by mistake today is corrected today on Settings."""

from __future__ import annotations

from datetime import UTC, datetime

from page_text import texts, unescape

from limits import EventKind

PAGE = "ui/compose.py"


def _first_draft(open_page):
    at = open_page(PAGE)
    at.button(key="btn.try_sample").click().run()
    next(b for b in at.button if b.label == "Generate draft").click().run()
    return at


def _plan_box(at):
    return next(s for s in at.selectbox if s.key and s.key.endswith(".plan"))


def _mark(at):
    next(b for b in at.button if b.label == "Mark as sent").click().run()


def test_mark_as_sent_without_a_plan_sets_it_on_the_card_and_records_the_send(open_page, account):
    at = _first_draft(open_page)
    assert "No LinkedIn plan is set yet: choose yours and Mark as sent sets it" in unescape(texts(at))
    assert _plan_box(at).value is None, "no plan is chosen for the user"
    _plan_box(at).select("premium_career")
    _mark(at)
    kinds = [e.kind for e in account.events()]
    assert kinds == [EventKind.PLAN_SET, EventKind.INMAIL]
    plan = account.events()[0]
    assert (plan.plan, plan.at.date()) == ("premium_career", datetime.now(UTC).date())
    assert any("Balance now 4 credit(s)" in unescape(s.value) for s in at.success)
    assert not [s for s in at.selectbox if s.key and s.key.endswith(".plan")], "the card asks no more"
    assert not at.exception


def test_mark_as_sent_with_no_plan_chosen_says_so_and_records_nothing(open_page, account):
    at = _first_draft(open_page)
    _mark(at)
    assert any("Choose your LinkedIn plan" in unescape(e.value) for e in at.error)
    assert account.events() == []
    assert not at.exception


def test_a_plan_set_by_mistake_today_is_corrected_today_on_settings(open_page, account):
    at = _first_draft(open_page)
    _plan_box(at).select("basic")
    _mark(at)  # Basic has no credit for an InMail: the plan is set, the send refused
    assert [e.kind for e in account.events()] == [EventKind.PLAN_SET]
    settings = open_page("ui/settings.py")
    settings.selectbox(key="plan.id").select("premium_career")
    next(b for b in settings.button if b.label == "Set plan").click().run()
    assert any("Plan corrected to Premium Career (replaces" in unescape(s.value) for s in settings.success)
    assert account.status().plan == "premium_career"
    assert account.status().balance == 5
    assert not settings.exception
