"""The plan catalog: DESIGN's figures, each with a source, a confidence and a date; overrides shown."""

from __future__ import annotations

import re

import pytest

from limits import Confidence, LimitsError, load_catalog

OFFICIAL_PLANS = [
    # plan, credits a month, max banked, second InMail policy, can InMail out of network
    ("basic", 0, 0, "costs_credit", True),
    ("premium_career", 5, 15, "costs_credit", True),
    ("premium_business", 15, 45, "costs_credit", True),
    ("sales_navigator", 50, 150, "costs_credit", True),
    ("recruiter_lite", 30, 120, "blocked_until_response", False),
]


@pytest.mark.parametrize(("plan_id", "monthly", "banked", "second", "out_of_network"), OFFICIAL_PLANS)
def test_official_plan_figures(plan_id, monthly, banked, second, out_of_network):
    plan = load_catalog().plan(plan_id)
    assert (plan.monthly, plan.bank_cap, plan.second_inmail_policy, plan.inmail_out_of_network.value) == (
        monthly,
        banked,
        second,
        out_of_network,
    )
    assert plan.credits_per_month.cite() == (
        "LinkedIn Help 437, 1584 (official)" if plan_id == "basic" else "LinkedIn Help 75 (official)"
    )


def test_every_figure_has_a_source_a_confidence_and_a_date():
    catalog = load_catalog()
    assert len(catalog.figures) > 50
    for figure in [*catalog.figures.values(), *catalog.rules.values()]:
        assert figure.source
        assert figure.confidence in set(Confidence)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", figure.date)


@pytest.mark.parametrize(
    ("key", "value", "confidence"),
    [
        ("caps.messages_per_day_basic.limit", 30, "reported"),
        ("caps.messages_per_day_business.limit", 100, "reported"),
        ("caps.first_degree_per_day_free.limit", 15, "reported"),
        ("caps.first_degree_per_month_free.limit", 30, "reported"),
        ("caps.first_degree_per_day_premium.limit", 40, "reported"),
        ("caps.inmails_per_month.limit", 300, "reported"),
        ("caps.open_profile_per_month.limit", 800, "reported"),
        ("caps.invitations_per_week.limit", 100, "reported"),
        ("caps.personalised_notes_per_month.limit", 5, "official"),
        ("invitations.reinvite_block_days", 21, "official"),
        ("credits.expiry_days", 90, "official"),
        ("credits.refund_window_days", 90, "official"),
        ("lengths.inmail_subject_chars", 200, "official"),
        ("lengths.inmail_body_chars", 1900, "reported"),
        ("plans.basic.note_chars", 200, "reported"),
        ("plans.premium_career.note_chars", 300, "reported"),
        ("thresholds.warn", 0.8, "reported"),
        ("thresholds.block", 1.0, "reported"),
    ],
)
def test_design_figures(key, value, confidence):
    figure = load_catalog().figure(key)
    assert (figure.value, figure.confidence) == (value, confidence)


def test_the_refund_lot_expiry_is_marked_as_an_assumption():
    figure = load_catalog().figure("credits.refund_expiry_days")
    assert figure.source == "assumption"
    assert "90 days after the refund" in figure.note


def test_recruiter_banks_four_times_whatever_allotment_is_set():
    assert load_catalog().plan("recruiter").bank_cap == 0
    catalog = load_catalog({"plans.recruiter.credits_per_month": 30})
    assert catalog.plan("recruiter").bank_cap == 120
    assert catalog.plan("recruiter").credits_per_month.cite() == "your override"
    assert (
        load_catalog({"plans.recruiter.credits_per_month": 30, "plans.recruiter.max_banked": 50})
        .plan("recruiter")
        .bank_cap
        == 50
    )


def test_the_fingerprint_follows_the_figures_that_move_credits():
    shipped = load_catalog().fingerprint
    assert shipped == load_catalog({}).fingerprint
    assert shipped == load_catalog({"thresholds.warn": 0.5, "caps.inmails_per_month.limit": 9}).fingerprint
    for key, value in [
        ("plans.premium_career.credits_per_month", 6),
        ("credits.expiry_days", 60),
        ("plans.basic.max_banked", 3),
        ("plans.recruiter.renewal", "first_of_month"),
    ]:
        assert load_catalog({key: value}).fingerprint != shipped


def test_unknown_keys_and_plans_are_named():
    with pytest.raises(LimitsError, match=r"unknown figure 'plans\.gold\.credits_per_month'"):
        load_catalog({"plans.gold.credits_per_month": 1})
    with pytest.raises(LimitsError, match="choose one of basic, premium_career"):
        load_catalog().plan("gold")


def test_caps_apply_to_the_plans_design_names():
    catalog = load_catalog()
    assert {cap.name for cap in catalog.caps_for("basic")} >= {
        "messages_per_day_basic",
        "first_degree_per_day_free",
        "first_degree_per_month_free",
        "personalised_notes_per_month",
    }
    assert "messages_per_day_business" in {cap.name for cap in catalog.caps_for("premium_business")}
    assert "first_degree_per_day_premium" in {cap.name for cap in catalog.caps_for("premium_career")}


LABELS = [
    # id, figure or rule, what its source must say, the label it must carry
    ("trimming on Premium rests on Recruiter's page", "plans.premium_career.max_banked", "75", "by analogy"),
    ("and on Sales Navigator", "plans.sales_navigator.max_banked", "75", "by analogy"),
    ("Premium's second InMail: 75 and 437 conflict", "plans.premium_career.second_inmail", "437", "conflict"),
    ("Recruiter Lite's 4x cap cannot be reached", "plans.recruiter_lite.max_banked", "75", "unreachable"),
    ("Recruiter's second InMail", "plans.recruiter.second_inmail", "a417098", ""),
    ("Recruiter out of network", "plans.recruiter.inmail_out_of_network", "a412220", ""),
    ("LinkedIn's body limit", "lengths.inmail_body_chars_linkedin", "a554514", ""),
    ("the project's body reserve", "lengths.inmail_body_chars", "project reserve", "reserve"),
    ("the bank-cap rule", "rule:bank_cap", "a412114", "by analogy"),
    ("buying credits", "rule:purchase", "437, 57013", "contracts"),
]


@pytest.mark.parametrize(("key", "source", "label"), [c[1:] for c in LABELS], ids=[c[0] for c in LABELS])
def test_each_figure_rests_on_its_own_source_with_assumptions_labelled(key, source, label):
    catalog = load_catalog()
    entry = catalog.rules[key[5:]] if key.startswith("rule:") else catalog.figure(key)
    assert source in entry.source
    assert label in entry.assumption
    if label:
        assert label in entry.cite(), "the label travels with every citation of the figure"


def test_the_body_limit_is_linkedins_2000_with_the_projects_1900_reserve():
    catalog = load_catalog()
    assert catalog.figure("lengths.inmail_body_chars_linkedin").value == 2000
    assert catalog.figure("lengths.inmail_body_chars").value == 1900


def test_every_figure_has_a_name_for_people():
    catalog = load_catalog()
    titles = {key: catalog.title(key) for key in catalog.figures}
    assert not [t for t in titles.values() if "." in t.split(":")[0] or "_" in t]
    assert titles["plans.basic.credits_per_month"] == "LinkedIn Basic (free): InMail credits a month"
    assert titles["caps.inmails_per_month.limit"] == "Paid InMails a month"
