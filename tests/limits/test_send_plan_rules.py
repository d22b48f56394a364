"""The send plan against the ledger's rules, table-driven: each case is a book, some leads and a horizon,
what the plan must say, and then the plan followed on the book with `check` asked before every send."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from limits_testkit import at, play
from plan_kit import follow, plan_for

from limits import Account, NotInitialisedError, OutOfRangeError, Recipient
from limits.planning import PlanChannel, SendPlan

CAREER = ("init", "premium_career", "2026-06-01")


def url(name: str) -> str:
    return f"https://www.linkedin.com/in/{name}"


def lead(name: str, **fields) -> Recipient:
    return Recipient(id=url(name), **{"degree": 2, "location": "London", **fields})


def channels(plan: SendPlan) -> dict[str, str]:
    return {step.lead_id.rsplit("/", 1)[1]: step.channel.value for step in plan.steps}


def why(plan: SendPlan) -> dict[str, str]:
    return {item.lead_id.rsplit("/", 1)[1]: item.why for item in plan.unreachable}


@dataclass
class Case:
    name: str
    book: list[tuple]
    leads: list[Recipient]
    expect: Callable[[SendPlan, Account], None]
    start: str = "2026-07-01T08:00"
    days: int = 14
    keep: int = 0
    after: list[tuple] = field(default_factory=list)


def _first_degree(plan: SendPlan, _: Account) -> None:
    assert channels(plan) == {"fr": "message"}
    assert plan.credits == 0


def _open_profile(plan: SendPlan, account: Account) -> None:
    assert channels(plan) == {"op": "open_profile", "paid": "inmail"}
    assert [s.credits for s in plan.steps] == [0, 1]  # free first
    assert plan.steps[0].lead_id.endswith("/op")


def _opted_out(plan: SendPlan, _: Account) -> None:
    assert channels(plan) == {"out": "invitation_note"}


def _all_opted_out_and_pending(plan: SendPlan, _: Account) -> None:
    assert plan.steps == ()
    assert set(why(plan)) == {"a", "b"}
    assert all("opted out of InMail" in text and "still pending" in text for text in why(plan).values())


def _caps_full(plan: SendPlan, _: Account) -> None:
    # Two invitations a week, both used on 2026-06-30: the first new one fits a week after the first.
    invites = [s for s in plan.steps if s.channel.value.startswith("invitation")]
    assert [s.at >= at("2026-07-07T09:00") for s in invites] == [True, True]
    assert invites[1].at >= at("2026-07-07T10:00")  # the second waits for the second to leave the window


def _renewal_ahead(plan: SendPlan, _: Account) -> None:
    # No credit on 2026-07-01; five arrive on 2026-07-10 (cycle day 10): the InMail waits for them.
    (step,) = plan.steps
    assert step.channel is PlanChannel.INMAIL
    assert step.at >= at("2026-07-10")


def _no_renewal_in_horizon(plan: SendPlan, _: Account) -> None:
    assert channels(plan) == {"paid": "invitation_note"}


def _lots_expiring(plan: SendPlan, account: Account) -> None:
    assert Counter(channels(plan).values()) == {"inmail": 5}
    assert all(step.at < at("2026-05-30") for step in plan.steps)  # before the March lot expires


def _after_lots_expiring(account: Account) -> None:
    # Spent from the lot that expired on 2026-05-30: the April and May lots are whole afterwards.
    assert account.status(at=at("2026-05-31")).balance == 10


def _notes_used_up(plan: SendPlan, _: Account) -> None:
    assert channels(plan) == {"out": "invitation"}


def _keep(plan: SendPlan, _: Account) -> None:
    # Three credits, two kept: one InMail, then invitations for the rest (nothing renews in 5 days).
    assert channels(plan) == {"a": "inmail", "b": "invitation_note", "c": "invitation_note"}


def _weekend(plan: SendPlan, _: Account) -> None:
    assert plan.steps == ()
    assert "no free send window" in why(plan)["a"]


CASES = [
    Case("1st degree", [CAREER], [lead("fr", degree=1)], _first_degree),
    Case("Open Profile", [CAREER], [lead("paid"), lead("op", open_profile=True)], _open_profile),
    Case("opted out", [CAREER], [lead("out", accepts_inmail=False)], _opted_out),
    Case(
        "all opted out, invitations pending",
        [CAREER, ("invite", url("a"), "2026-06-20"), ("invite", url("b"), "2026-06-21")],
        [lead("a", accepts_inmail=False), lead("b", accepts_inmail=False)],
        _all_opted_out_and_pending,
    ),
    Case(
        "caps full",
        [
            CAREER,
            ("override", "caps.invitations_per_week.limit", 2),
            ("invite", "x", "2026-06-30T09:00"),
            ("invite", "y", "2026-06-30T10:00"),
        ],
        [lead("a", accepts_inmail=False), lead("b", accepts_inmail=False)],
        _caps_full,
    ),
    Case(
        "zero credits, a renewal ahead",
        [("init", "premium_career", "2026-06-10"), ("sync", 0, "2026-06-30")],
        [lead("paid")],
        _renewal_ahead,
    ),
    Case(
        "zero credits, no renewal in the horizon",
        [("init", "premium_career", "2026-06-10"), ("sync", 0, "2026-06-30")],
        [lead("paid")],
        _no_renewal_in_horizon,
        days=5,
    ),
    Case(
        "lots expiring mid-horizon",
        [("init", "premium_career", "2026-03-01")],
        [lead(f"p{i}") for i in range(5)],
        _lots_expiring,
        start="2026-05-25T08:00",
        days=4,
    ),
    Case(
        "note allowance used up",
        [("init", "basic", "2026-06-01"), *[("invite_note", f"n{i}", f"2026-06-2{i}") for i in range(5)]],
        [lead("out", accepts_inmail=False)],
        _notes_used_up,
    ),
    Case(
        "a reserve kept",
        [CAREER, ("sync", 3, "2026-07-01T07:00")],
        [lead("a"), lead("b"), lead("c")],
        _keep,
        keep=2,
        days=5,
    ),
    Case("a weekend horizon", [CAREER], [lead("a")], _weekend, start="2026-07-04T08:00", days=2),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_plan_rules(account: Account, case: Case) -> None:
    play(account, case.book)
    plan = plan_for(account, case.leads, start=at(case.start), days=case.days, keep=case.keep)
    case.expect(plan, account)
    follow(account, plan, case.leads)
    if case.name == "lots expiring mid-horizon":
        _after_lots_expiring(account)


def test_a_lead_given_twice_is_planned_once(account: Account) -> None:
    play(account, [CAREER])
    twice = [lead("a"), lead("A/"), lead("b", degree=1)]
    plan = plan_for(account, twice, start=at("2026-07-01T08:00"), days=7)
    assert sorted(channels(plan)) == ["a", "b"]
    assert plan.unreachable == ()


def test_every_step_sits_in_the_leads_morning(account: Account) -> None:
    play(account, [CAREER])
    leads = [lead("mad", location="Madrid, Spain"), lead("nyc", location="New York, NY", degree=1)]
    plan = plan_for(account, leads, start=at("2026-07-01T00:00"), days=3)
    offsets = {"mad": timedelta(hours=2), "nyc": timedelta(hours=-4)}  # summer time
    local = {name: (s.at + offsets[name]).hour for s in plan.steps if (name := s.lead_id.rsplit("/", 1)[1])}
    assert local == {"mad": 9, "nyc": 9}


@pytest.mark.parametrize("days", [0, -1, 366, 10_000])
def test_a_horizon_out_of_range_is_one_error(account: Account, days: int) -> None:
    play(account, [CAREER])
    with pytest.raises(OutOfRangeError, match="days"):
        plan_for(account, [lead("a")], start=at("2026-07-01"), days=days)


def test_no_plan_set_is_one_error(account: Account) -> None:
    with pytest.raises(NotInitialisedError):
        plan_for(account, [lead("a")], start=at("2026-07-01"), days=7)


def test_no_leads_is_an_empty_plan(account: Account) -> None:
    play(account, [CAREER])
    plan = plan_for(account, [], start=at("2026-07-01"), days=7)
    assert plan.to_json() == {"start": "2026-07-01T00:00:00Z", "days": 7, "steps": [], "unreachable": []}
