"""Limits page: plan, balance, lots soonest first, caps, renewal, a 90-day chart, sources, overrides, sync."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pyarrow as pa
from page_text import texts, unescape

PAGE = "ui/dashboard.py"
NOW = datetime.now(UTC)


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _override(at, key, value):
    at.selectbox(key="override.key").select(key)
    at.text_input(key="override.value").input(value)
    _button(at, "Override").click().run()


def _plan_with_history(account):
    account.init_plan("premium_business", start=NOW - timedelta(days=75), at=NOW - timedelta(days=75))
    for index in range(3):
        account.record_inmail(f"lead-{index}", at=NOW - timedelta(days=5, hours=index))
    account.record_message("friend-1", at=NOW - timedelta(hours=2))


def test_without_a_plan_it_points_to_settings_and_still_lists_every_figure(open_page):
    at = open_page(PAGE)
    assert "No LinkedIn plan is set yet" in texts(at)
    assert not at.metric
    figures = at.dataframe[0].value
    assert "Premium Career: InMail credits a month" in set(figures["figure"]), "names, not internal keys"
    assert not any(name.startswith(("plans.", "caps.")) for name in figures["figure"])
    labels = dict(zip(figures["figure"], figures["label"], strict=True))
    assert "applied by analogy" in labels["Premium Career: most credits banked"]
    assert "sources conflict" in labels["Premium Business: a second InMail before an answer"]
    assert "reserve" in labels["InMail body characters used"]
    assert {"official", "reported"} <= set(figures["confidence"])
    assert not at.exception


def test_the_dashboard_shows_balance_lots_soonest_first_caps_and_sources(open_page, account):
    _plan_with_history(account)
    status = account.status(at=NOW)
    at = open_page(PAGE)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Credits left"] == str(status.balance)
    assert metrics["InMails, last 30 days"] == "3"
    assert metrics["Next renewal"] == f"{status.next_renewal_at:%d %b}"

    lots = at.dataframe[0].value
    assert list(lots["credits"]) == [lot.credits for lot in status.lots]
    expiries = list(lots["expires"])
    assert expiries == sorted(expiries), "use these first: the lot that expires first is on top"

    page = unescape(texts(at))
    assert "Premium Business" in page
    assert "Paid InMails a month: 3 of 300" in page
    assert "LinkedIn Help 75 (official)" in page, "figures carry their source and confidence"
    assert "Source: seed article (reported)" in page
    (chart,) = at.get("vega_lite_chart")
    drawn = pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
    forecast = account.balance_forecast(at=NOW, days=90)
    assert [row["credits"] for row in drawn] == [credits for _, credits in forecast]
    assert [row["when"] for row in drawn][1:-1] == [when for when, _ in forecast][1:-1], "renewals, expiries"
    assert json.loads(chart.proto.spec)["mark"]["interpolate"] == "step-after", "a balance steps, not slopes"
    assert not at.exception


def test_an_override_applies_and_can_be_cleared(open_page, account):
    _plan_with_history(account)
    at = open_page(PAGE)
    _override(at, "caps.inmails_per_month.limit", "250")
    assert "Paid InMails a month is now 250 (your override)." in unescape(texts(at))
    assert "Paid InMails a month: 3 of 250" in unescape(texts(at))
    assert account.overrides() == {"caps.inmails_per_month.limit": 250}

    at.selectbox(key="override.drop").select("caps.inmails_per_month.limit")
    _button(at, "Clear override").click().run()
    assert account.overrides() == {}
    assert "3 of 300" in unescape(texts(at))
    assert not at.exception


def test_a_bad_override_is_one_sentence_and_changes_nothing(open_page, account):
    _plan_with_history(account)
    at = open_page(PAGE)
    _override(at, "caps.inmails_per_month.limit", "-3")
    assert len(at.error) == 1
    assert "cannot be negative (-3): give a number from 0 to 10,000" in unescape(at.error[0].value)
    assert "\n" not in at.error[0].value
    assert account.overrides() == {}
    assert at.text_input(key="override.value").value == "-3", "what was typed stays"
    assert not at.exception


def test_linkedin_shows_n_credits_sets_the_balance(open_page, account):
    _plan_with_history(account)
    at = open_page(PAGE)
    at.number_input(key="sync.n").set_value(12)
    _button(at, "Set my balance").click().run()
    assert account.status().balance == 12
    assert {m.label: m.value for m in at.metric}["Credits left"] == "12"
    assert not at.exception


def test_a_book_out_of_step_is_explained_in_the_pages_words_not_the_clis(open_page, account):
    account.init_plan("basic", start=NOW - timedelta(days=5), at=NOW - timedelta(days=5))
    account.record_inmail("https://www.linkedin.com/in/x", at=NOW - timedelta(days=1))  # no credit for it
    page = unescape(texts(open_page(PAGE)))
    assert (
        "recorded with no credit in the book: enter what LinkedIn shows under Reconcile with LinkedIn" in page
    )
    assert "inmail ledger" not in page


def test_basic_says_it_has_no_inmail_credits_and_the_chart_counts_whole_credits(open_page, account):
    account.init_plan("basic", start=NOW - timedelta(days=3), at=NOW - timedelta(days=3))
    at = open_page(PAGE)
    inmails = next(m for m in at.metric if m.label == "InMails, last 30 days")
    assert "of 300" not in unescape(inmails.proto.delta)
    assert inmails.proto.delta == "no InMail credits on LinkedIn Basic (free)"
    (chart,) = at.get("vega_lite_chart")
    axis = json.loads(chart.proto.spec)["encoding"]["y"]["axis"]
    assert (axis["format"], axis["tickMinStep"]) == ("d", 1), "integers on the y-axis, never 0.000000"
    assert not at.exception
