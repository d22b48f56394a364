"""A plan set by mistake is corrected the same day: the new plan replaces it from its start, asking first
only when the book would drop credits; another day before the plan in force is still refused."""

from __future__ import annotations

import pytest
from limits_testkit import at, play

from limits import InvalidValueError, PlanChangeKind, PlanChangeNotConfirmed

TODAY = "2026-12-08"

CORRECTIONS = [
    # id, steps, the new plan, its start, when, (kind, credits dropped, asks first), balance after
    (
        "Basic set today, Premium Career today: no credits to drop, no question",
        [("init", "basic", TODAY)],
        "premium_career",
        TODAY,
        f"{TODAY}T09:00",
        (PlanChangeKind.REPLACE, 0, False),
        5,
    ),
    (
        "Career set today, Business today: Career's 5 would go, so it asks",
        [("init", "premium_career", TODAY)],
        "premium_business",
        TODAY,
        f"{TODAY}T09:00",
        (PlanChangeKind.REPLACE, 5, True),
        15,
    ),
    (
        "a send made under the mistaken plan is replayed under the right one",
        [("init", "premium_career", TODAY), ("inmail", "ann", f"{TODAY}T08:00")],
        "sales_navigator",
        TODAY,
        f"{TODAY}T09:00",
        (PlanChangeKind.REPLACE, 5, True),
        49,
    ),
    (
        "the same plan again the same day: nothing to record",
        [("init", "premium_career", TODAY)],
        "premium_career",
        TODAY,
        f"{TODAY}T09:00",
        (PlanChangeKind.UNCHANGED, 0, False),
        5,
    ),
    (
        "a start earlier the same day takes over at the plan in force's start",
        [("init", "basic", f"{TODAY}T10:00")],
        "premium_career",
        TODAY,
        f"{TODAY}T11:00",
        (PlanChangeKind.REPLACE, 0, False),
        5,
    ),
    (
        "a later day is a change, as before",
        [("init", "premium_career", TODAY)],
        "premium_business",
        "2026-12-20",
        "2026-12-20",
        (PlanChangeKind.CHANGE, 5, True),
        15,
    ),
]


@pytest.mark.parametrize(
    ("steps", "plan", "start", "when", "expected", "balance"),
    [case[1:] for case in CORRECTIONS],
    ids=[case[0] for case in CORRECTIONS],
)
def test_a_plan_set_by_mistake_is_corrected_the_same_day(
    account, steps, plan, start, when, expected, balance
):
    play(account, steps)
    preview = account.plan_change(plan, start=at(start), at=at(when))
    assert (preview.kind, preview.credits_dropped, preview.needs_confirmation) == expected
    if preview.needs_confirmation:
        with pytest.raises(PlanChangeNotConfirmed):
            account.init_plan(plan, start=at(start), at=at(when))
    change = account.init_plan(plan, start=at(start), at=at(when), confirm=True)
    assert change.kind is expected[0]
    status = account.status(at=at(when))
    assert (status.plan, status.balance) == (plan, balance)


def test_a_replacement_keeps_the_start_of_the_plan_it_corrects_and_can_be_corrected_again(account):
    play(account, [("init", "basic", f"{TODAY}T10:00")])
    first = account.init_plan("premium_career", start=at(TODAY), at=at(f"{TODAY}T11:00"))
    assert first.start == at(f"{TODAY}T10:00")
    again = account.init_plan("premium_business", start=at(TODAY), at=at(f"{TODAY}T12:00"), confirm=True)
    assert (again.kind, again.previous_plan) == (PlanChangeKind.REPLACE, "premium_career")
    assert account.status(at=at(f"{TODAY}T12:00")).balance == 15
    assert account.status(at=at("2027-01-08")).balance == 30  # the schedule is Business's, from the 8th


def test_a_start_before_the_day_of_the_plan_in_force_is_still_refused_in_one_line(account):
    play(account, [("init", "premium_career", TODAY)])
    with pytest.raises(InvalidValueError, match="or replace it on that same day") as raised:
        account.init_plan("premium_business", start=at("2026-12-07"), at=at(TODAY), confirm=True)
    assert "\n" not in str(raised.value)
