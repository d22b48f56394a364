"""Issue 18, item 3: a plan set to start later is a change ahead: the status names it next to the plan in
force (and since when), and the forecast applies it on its day."""

from __future__ import annotations

import pytest
from limits_testkit import at, play

CAREER_THEN_BUSINESS = [
    ("init", "premium_career", "2026-12-01"),
    ("init", "premium_business", "2026-12-08", {"start": "2026-12-20"}),
]

FORECASTS = [
    # id, steps, from, days, the forecast as (day, balance)
    (
        "Career now, Business from the 20th: Career's 5 go, Business's 15 arrive and renew",
        CAREER_THEN_BUSINESS,
        "2026-12-08",
        60,
        [("2026-12-08", 5), ("2026-12-20", 15), ("2027-01-20", 30), ("2027-02-06", 30)],
    ),
    (
        "a change past the horizon is not in the forecast",
        CAREER_THEN_BUSINESS,
        "2026-12-08",
        10,
        [("2026-12-08", 5), ("2026-12-18", 5)],
    ),
    (
        "no change ahead: renewals only",
        CAREER_THEN_BUSINESS[:1],
        "2026-12-08",
        40,
        [("2026-12-08", 5), ("2027-01-01", 10), ("2027-01-17", 10)],
    ),
]


@pytest.mark.parametrize(
    ("steps", "start", "days", "expected"), [c[1:] for c in FORECASTS], ids=[c[0] for c in FORECASTS]
)
def test_the_forecast_applies_a_scheduled_change_of_plan(account, steps, start, days, expected):
    play(account, steps)
    points = account.balance_forecast(at=at(start), days=days)
    assert [(f"{when:%Y-%m-%d}", balance) for when, balance in points] == expected


def test_the_status_names_the_plan_in_force_since_its_start_and_the_change_ahead(account):
    play(account, CAREER_THEN_BUSINESS)
    now = account.status(at=at("2026-12-08"))
    assert (now.plan, f"{now.since:%Y-%m-%d}") == ("premium_career", "2026-12-01")
    assert [(s.plan, s.plan_name, f"{s.start:%Y-%m-%d}") for s in now.scheduled] == [
        ("premium_business", "Premium Business", "2026-12-20")
    ]
    later = account.status(at=at("2026-12-21"))
    assert (later.plan, later.scheduled) == ("premium_business", [])
