"""DESIGN section 2, rule by rule: the balance a book of events gives at an instant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from limits_testkit import at, play

from limits import LimitsError, LotKind

CAREER = ("init", "premium_career", "2026-01-15T10:00")

BALANCES = [
    # id, steps, when, balance
    ("first grant at the start", [CAREER], "2026-01-15T10:00", 5),
    ("nothing before the renewal", [CAREER], "2026-02-14T23:59", 5),
    ("renewal on the billing-cycle day", [CAREER], "2026-02-15T00:00", 10),
    ("cycle day 31 falls on Feb 28", [("init", "premium_career", "2026-01-31")], "2026-02-28", 10),
    ("cycle day 31 is the 31st again in March", [("init", "premium_career", "2026-01-31")], "2026-03-31", 15),
    ("cycle day 31, not yet in March", [("init", "premium_career", "2026-01-31")], "2026-03-30T23:59", 10),
    ("Sales Navigator renews on the 1st", [("init", "sales_navigator", "2026-01-20")], "2026-02-01", 100),
    (
        "Sales Navigator, day before the 1st",
        [("init", "sales_navigator", "2026-01-20")],
        "2026-01-31T23:59",
        50,
    ),
    ("bank cap reached", [CAREER], "2026-03-15", 15),
    (
        "bank cap cuts a grant",
        [("override", "plans.premium_career.max_banked", 12), CAREER],
        "2026-03-15",
        12,
    ),
    ("expiries apply before grants at one instant", [CAREER], "2026-04-15T00:00", 15),
    ("a full bank loses the grant that comes a day early", [CAREER], "2026-05-15T23:59", 15),
    ("at the cap a grant trims the soonest-expiring credits", [CAREER], "2026-05-15T00:00", 15),
    (
        "the lot expires 90 days after its grant",
        [("override", "plans.premium_career.max_banked", 100), CAREER],
        "2026-05-16T00:00",
        15,
    ),
    (
        "the lot lives until then",
        [("override", "plans.premium_career.max_banked", 100), CAREER],
        "2026-05-15T23:59",
        20,
    ),
    (
        "a synced lot expires 90 days after the sync (assumption)",
        [
            ("override", "plans.premium_career.credits_per_month", 0),
            ("init", "premium_career", "2026-01-10", {"balance": 3}),
        ],
        "2026-04-10",
        0,
    ),
    (
        "a synced lot lives until then",
        [
            ("override", "plans.premium_career.credits_per_month", 0),
            ("init", "premium_career", "2026-01-10", {"balance": 3}),
        ],
        "2026-04-09T23:59",
        3,
    ),
    ("an InMail takes a credit", [CAREER, ("inmail", "ann", "2026-01-20")], "2026-01-20", 4),
    (
        "a reply within 90 days returns it",
        [CAREER, ("inmail", "ann", "2026-01-20"), ("replied", "ann", "2026-02-01")],
        "2026-02-01",
        5,
    ),
    (
        "accepted returns it",
        [CAREER, ("inmail", "ann", "2026-01-20"), ("accepted", "ann", "2026-02-01")],
        "2026-02-01",
        5,
    ),
    (
        "declined returns it",
        [CAREER, ("inmail", "ann", "2026-01-20"), ("declined", "ann", "2026-02-01")],
        "2026-02-01",
        5,
    ),
    ("pending InMails return nothing", [CAREER, ("inmail", "ann", "2026-01-20")], "2026-02-14", 4),
    (
        "a second response does not refund twice",
        [
            CAREER,
            ("inmail", "ann", "2026-01-20"),
            ("replied", "ann", "2026-01-25"),
            ("accepted", "ann", "2026-01-26"),
        ],
        "2026-01-26",
        5,
    ),
    (
        "a response for someone else refunds nothing",
        [
            CAREER,
            ("inmail", "ann", "2026-01-20"),
            ("message", "bob", "2026-01-21"),
            ("replied", "bob", "2026-01-25"),
        ],
        "2026-01-25",
        4,
    ),
    (
        "one response earns one credit back after two InMails",
        [
            ("init", "sales_navigator", "2026-01-01"),
            ("inmail", "ann", "2026-01-02"),
            ("inmail", "ann", "2026-01-03"),
            ("replied", "ann", "2026-01-04"),
        ],
        "2026-01-04",
        49,
    ),
    ("Open Profile InMails cost nothing", [CAREER, ("open_profile", "ann", "2026-01-20")], "2026-01-20", 5),
    (
        "messages and invitations cost nothing",
        [CAREER, ("message", "a", "2026-01-16"), ("invite_note", "b", "2026-01-16")],
        "2026-01-16",
        5,
    ),
    ("sync up", [CAREER, ("sync", 12, "2026-01-20")], "2026-01-20", 12),
    ("sync down", [CAREER, ("sync", 12, "2026-01-20"), ("sync", 2, "2026-01-21")], "2026-01-21", 2),
    ("sync to zero", [CAREER, ("sync", 0, "2026-01-20")], "2026-01-20", 0),
    (
        "changing plan drops the old credits",
        [CAREER, ("init", "sales_navigator", "2026-03-10")],
        "2026-03-10",
        50,
    ),
    (
        "no refund across a plan change",
        [
            CAREER,
            ("inmail", "ann", "2026-03-01"),
            ("init", "sales_navigator", "2026-03-10"),
            ("replied", "ann", "2026-03-11"),
        ],
        "2026-03-11",
        50,
    ),
    (
        "init with the balance LinkedIn shows",
        [("init", "premium_career", "2026-03-10", {"start": "2026-01-15", "balance": 7})],
        "2026-03-10",
        7,
    ),
    (
        "then renews on the cycle day",
        [("init", "premium_career", "2026-03-10", {"start": "2026-01-15", "balance": 7})],
        "2026-03-15",
        12,
    ),
    (
        "a future start grants on its day",
        [("init", "premium_career", "2026-01-01", {"start": "2026-02-01"})],
        "2026-02-01",
        5,
    ),
    (
        "a past start replays its history",
        [("init", "premium_career", "2026-03-10", {"start": "2026-01-15"})],
        "2026-03-10",
        10,
    ),
    ("Basic has no credits", [("init", "basic", "2026-01-01")], "2026-06-01", 0),
    (
        "an InMail with no credit in the book stays at zero",
        [("init", "basic", "2026-01-01"), ("inmail", "a", "2026-01-02")],
        "2026-01-02",
        0,
    ),
    ("purchased credits", [("init", "basic", "2026-01-01"), ("purchase", 3, "2026-01-02")], "2026-01-02", 3),
    (
        "purchased credits never expire",
        [("init", "basic", "2026-01-01"), ("purchase", 3, "2026-01-02")],
        "2029-01-02",
        3,
    ),
    (
        "Recruiter: the allotment is yours to set",
        [("override", "plans.recruiter.credits_per_month", 25), ("init", "recruiter", "2026-01-01")],
        "2026-03-01",
        75,
    ),
]


@pytest.mark.parametrize(
    ("steps", "when", "balance"), [case[1:] for case in BALANCES], ids=[c[0] for c in BALANCES]
)
def test_balance(account, steps, when, balance):
    play(account, steps)
    assert account.status(at=at(when)).balance == balance


def lots(account, when):
    return [(lot.kind, lot.credits, lot.expires_at) for lot in account.status(at=at(when)).lots]


def test_spending_takes_the_earliest_expiring_lot_and_purchased_last(account):
    play(
        account,
        [
            ("init", "sales_navigator", "2026-01-01"),
            ("purchase", 10, "2026-01-05"),
            ("inmail", "a", "2026-02-02"),
        ],
    )
    assert lots(account, "2026-02-02") == [
        (LotKind.MONTHLY, 49, at("2026-04-01")),
        (LotKind.MONTHLY, 50, at("2026-05-02")),
        (LotKind.PURCHASED, 10, None),
    ]


def test_purchased_credits_are_spent_only_when_nothing_else_is_left(account):
    play(
        account,
        [
            ("override", "plans.premium_career.credits_per_month", 0),
            ("init", "premium_career", "2026-01-15", {"balance": 1}),
            ("purchase", 2, "2026-01-16"),
            ("inmail", "a", "2026-01-17"),
            ("inmail", "b", "2026-01-18"),
        ],
    )
    assert lots(account, "2026-01-18") == [(LotKind.PURCHASED, 1, None)]


def test_a_refund_is_a_new_lot_expiring_90_days_after_the_refund(account):
    play(account, [CAREER, ("inmail", "ann", "2026-01-20"), ("replied", "ann", "2026-03-01")])
    assert (LotKind.REFUND, 1, at("2026-05-30")) in lots(account, "2026-03-01")


@pytest.mark.parametrize(
    ("after", "refunded"),
    [(timedelta(days=90), True), (timedelta(days=90, seconds=1), False), (timedelta(days=1), True)],
    ids=["exactly 90 days", "90 days and a second", "next day"],
)
def test_credit_back_window(account, after, refunded):
    room = ("override", "plans.sales_navigator.max_banked", 500)  # keep the bank cap out of the way
    play(account, [room, ("init", "sales_navigator", "2026-01-01"), ("inmail", "ann", "2026-01-02")])
    answered = at("2026-01-02") + after
    before = account.status(at=answered).balance
    account.record_response("ann", at=answered)
    assert account.status(at=answered).balance == before + refunded


def test_a_refund_passes_the_bank_cap_until_the_next_refresh(account):
    play(account, [CAREER, ("inmail", "ann", "2026-03-16")])
    assert account.status(at=at("2026-04-15")).balance == 15  # 14, then 4 expire and 5 arrive
    account.record_response("ann", at=at("2026-04-16"))
    assert account.status(at=at("2026-04-16")).balance == 16  # given back over the cap (a412114)
    assert account.status(at=at("2026-05-15")).balance == 15  # trimmed at the next refresh


def test_purchased_credits_come_on_top_of_the_bank_cap(account):
    play(account, [CAREER, ("purchase", 12, "2026-01-16")])
    assert account.status(at=at("2026-02-15")).balance == 5 + 5 + 12  # the cap is for the monthly credits


def test_next_renewal_and_plan_in_status(account):
    play(account, [CAREER])
    status = account.status(at=at("2026-01-20"))
    assert (status.plan, status.next_renewal_at, status.bank_cap) == ("premium_career", at("2026-02-15"), 15)


def test_recruiter_banks_four_times_the_monthly_allotment(account):
    account.set_override("plans.recruiter.credits_per_month", 25)
    assert account.catalog().plan("recruiter").bank_cap == 100
    play(account, [("init", "recruiter", "2026-01-01")])
    assert account.status(at=at("2026-01-01")).bank_cap == 100


def test_basic_has_no_renewal(account):
    play(account, [("init", "basic", "2026-01-01")])
    assert account.status(at=at("2026-01-02")).next_renewal_at is None


def test_sales_navigator_refuses_another_cycle_day(account):
    with pytest.raises(LimitsError, match="1st of the month"):
        account.init_plan("sales_navigator", cycle_day=15, at=at("2026-01-01"))
    assert account.events() == []


@pytest.mark.parametrize("day", [0, 32, -1])
def test_cycle_day_must_be_a_day_of_the_month(account, day):
    with pytest.raises(LimitsError, match="1 to 31"):
        account.init_plan("premium_career", cycle_day=day, at=at("2026-01-01"))


def test_an_unfunded_inmail_is_noted_until_a_sync(account):
    play(account, [("init", "basic", "2026-01-01"), ("inmail", "a", "2026-01-02")])
    assert account.status(at=at("2026-01-02")).notes
    account.sync(3, at=at("2026-01-03"))
    assert account.status(at=at("2026-01-03")).notes == []


def test_balance_forecast_steps_through_renewals_and_expiries(account):
    play(account, [CAREER])
    points = account.balance_forecast(at=at("2026-03-20"), days=60)
    assert points[0] == (at("2026-03-20"), 15)
    assert (at("2026-04-15"), 15) in points  # expiry and grant at one instant
    assert points[-1][0] == at("2026-05-19")
    assert all(balance <= 15 for _, balance in points)
