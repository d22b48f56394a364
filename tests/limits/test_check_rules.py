"""The check's hard rules, one row each: channel, cost, the rules cited, and when it is allowed again."""

from __future__ import annotations

import pytest
from limits_testkit import at, play

from limits import Recipient, SendChannel

CAREER = ("init", "premium_career", "2026-01-15")
NAV = ("init", "sales_navigator", "2026-01-01")
LITE = ("init", "recruiter_lite", "2026-01-01")
BASIC = ("init", "basic", "2026-01-01")
WHEN = "2026-01-20T12:00"


def lead(degree=2, *, open_profile=False, accepts_inmail=True, id="ann"):
    return Recipient(id, degree, open_profile, accepts_inmail)


RULES = [
    # id, steps, recipient, allowed, channel, credits, rules cited, next allowed
    ("1st degree: a free message", [CAREER], lead(1), True, SendChannel.MESSAGE, 0, {"first_degree"}, None),
    ("1st degree on Basic", [BASIC], lead(1), True, SendChannel.MESSAGE, 0, {"first_degree"}, None),
    (
        "2nd degree: an InMail for a credit",
        [CAREER],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"inmail_credit"},
        None,
    ),
    (
        "Open Profile is free",
        [CAREER],
        lead(2, open_profile=True),
        True,
        SendChannel.OPEN_PROFILE,
        0,
        {"open_profile"},
        None,
    ),
    (
        "Open Profile at zero credits",
        [BASIC],
        lead(3, open_profile=True),
        True,
        SendChannel.OPEN_PROFILE,
        0,
        {"open_profile"},
        None,
    ),
    (
        "Open Profile after a sync to 0",
        [CAREER, ("sync", 0, "2026-01-16")],
        lead(None, open_profile=True),
        True,
        SendChannel.OPEN_PROFILE,
        0,
        {"open_profile"},
        None,
    ),
    ("opted out", [CAREER], lead(2, accepts_inmail=False), False, None, 0, {"opted_out"}, None),
    (
        "opted out beats Open Profile",
        [CAREER],
        lead(2, open_profile=True, accepts_inmail=False),
        False,
        None,
        0,
        {"opted_out"},
        None,
    ),
    (
        "Premium: a second InMail before a response takes another credit, with a warning",
        [CAREER, ("inmail", "ann", "2026-01-16")],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"second_inmail", "inmail_credit"},
        None,
    ),
    (
        "Premium with the blocked_until_response policy chosen",
        [
            ("override", "plans.premium_career.second_inmail", "blocked_until_response"),
            CAREER,
            ("inmail", "ann", "2026-01-16"),
        ],
        lead(2),
        False,
        None,
        0,
        {"second_inmail"},
        None,
    ),
    (
        "Premium: allowed again after a response",
        [CAREER, ("inmail", "ann", "2026-01-16"), ("replied", "ann", "2026-01-17")],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"inmail_credit"},
        None,
    ),
    (
        "Premium Business: another credit too",
        [("init", "premium_business", "2026-01-01"), ("inmail", "ann", "2026-01-16")],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"second_inmail"},
        None,
    ),
    (
        "Recruiter Lite sends no Open Profile message out of network either (a412220)",
        [LITE],
        Recipient("ann", None, True, True),
        False,
        None,
        0,
        {"out_of_network"},
        None,
    ),
    (
        "Recruiter Lite: blocked too",
        [LITE, ("inmail", "ann", "2026-01-16")],
        lead(2),
        False,
        None,
        0,
        {"second_inmail"},
        None,
    ),
    (
        "Sales Navigator: a second InMail costs a credit",
        [NAV, ("inmail", "ann", "2026-01-16")],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"second_inmail", "inmail_credit"},
        None,
    ),
    (
        "Recruiter Lite cannot InMail out of network",
        [LITE],
        lead(None),
        False,
        None,
        0,
        {"out_of_network"},
        None,
    ),
    (
        "Recruiter Lite reaches the 3rd degree",
        [LITE],
        lead(3),
        True,
        SendChannel.INMAIL,
        1,
        {"inmail_credit"},
        None,
    ),
    (
        "Premium reaches out of network",
        [CAREER],
        lead(None),
        True,
        SendChannel.INMAIL,
        1,
        {"inmail_credit"},
        None,
    ),
    (
        "no credits: wait for the renewal",
        [CAREER, ("sync", 0, "2026-01-16")],
        lead(2),
        False,
        SendChannel.INMAIL,
        1,
        {"no_credits"},
        "2026-02-15",
    ),
    ("Basic has no credits and no renewal", [BASIC], lead(2), False, None, 0, {"no_credits"}, None),
    (
        "purchased credits make Basic able to InMail",
        [BASIC, ("purchase", 1, "2026-01-02")],
        lead(2),
        True,
        SendChannel.INMAIL,
        1,
        {"inmail_credit"},
        None,
    ),
]


@pytest.mark.parametrize(
    ("steps", "recipient", "allowed", "channel", "credits", "rules", "next_at"),
    [case[1:] for case in RULES],
    ids=[case[0] for case in RULES],
)
def test_rule(account, steps, recipient, allowed, channel, credits, rules, next_at):
    play(account, steps)
    verdict = account.check(recipient, at=at(WHEN))
    assert (verdict.allowed, verdict.channel, verdict.credits) == (allowed, channel, credits)
    assert rules <= {reason.rule for reason in verdict.reasons + verdict.warnings}
    if "second_inmail" in rules and allowed:  # allowed, but it costs another credit: said as a warning
        assert "second_inmail" in {warning.rule for warning in verdict.warnings}
    assert verdict.next_allowed_at == (at(next_at) if next_at else None)
    assert all(reason.source for reason in verdict.reasons)


def test_every_reason_cites_its_source_with_confidence(account):
    play(account, [CAREER])
    verdict = account.check(lead(2), at=at(WHEN))
    assert verdict.reasons[0].source == "LinkedIn Help 75 (official)"


def test_an_override_is_cited_as_yours(account):
    play(account, [("override", "plans.recruiter_lite.inmail_out_of_network", "true"), LITE])
    verdict = account.check(lead(None), at=at(WHEN))
    assert verdict.allowed
    account.set_override("plans.recruiter_lite.inmail_out_of_network", False)
    blocked = account.check(lead(None), at=at(WHEN))
    assert [r.source for r in blocked.reasons if r.rule == "out_of_network"] == ["your override"]


def test_recruiter_without_an_allotment_says_how_to_set_it(account):
    play(account, [("init", "recruiter", "2026-01-01")])
    verdict = account.check(lead(2), at=at(WHEN))
    assert not verdict.allowed
    assert "plans.recruiter.credits_per_month" in verdict.reasons[0].message


def test_open_profile_offers_the_paid_inmail_as_an_alternative(account):
    play(account, [CAREER])
    verdict = account.check(lead(2, open_profile=True), at=at(WHEN))
    channels = [(alt.channel, alt.credits) for alt in verdict.alternatives]
    assert channels == [(SendChannel.INMAIL, 1), (SendChannel.CONNECTION_REQUEST, 0)]


@pytest.mark.parametrize(("steps", "note_chars", "notes_left"), [([BASIC], 200, 5), ([CAREER], 300, None)])
def test_a_connection_request_is_always_an_alternative(account, steps, note_chars, notes_left):
    play(account, steps)
    for recipient in (lead(1), lead(2), lead(2, accepts_inmail=False), lead(None, open_profile=True)):
        request = account.check(recipient, at=at(WHEN)).to_json()["alternatives"][-1]
        assert request["channel"] == "connection_request"
        assert (request["note_chars"], request["notes_left_this_month"]) == (note_chars, notes_left)


def test_free_accounts_count_personalised_notes_down(account):
    play(
        account,
        [
            BASIC,
            ("invite_note", "x", "2026-01-10"),
            ("invite_note", "y", "2026-01-11"),
            ("invite", "z", "2026-01-12"),
        ],
    )
    request = account.check(lead(2), at=at(WHEN)).alternatives[-1]
    assert request.notes_left_this_month == 3
    later = account.check(lead(2), at=at("2026-02-10T12:00")).alternatives[
        -1
    ]  # the notes left the 30-day window
    assert later.notes_left_this_month == 5


def test_a_withdrawn_invitation_blocks_a_new_one_for_three_weeks(account):
    play(account, [CAREER, ("invite", "ann", "2026-01-16"), ("withdraw", "ann", "2026-01-17T09:00")])
    blocked = account.check(lead(2), at=at("2026-02-07T08:59")).alternatives[-1]
    assert "until 2026-02-07 09:00 UTC" in blocked.message
    free = account.check(lead(2), at=at("2026-02-07T09:00")).alternatives[-1]
    assert "Send a free connection request" in free.message


def test_a_pending_invitation_is_mentioned(account):
    play(account, [CAREER, ("invite", "ann", "2026-01-16")])
    assert "still pending" in account.check(lead(2), at=at(WHEN)).alternatives[-1].message


def test_unfunded_inmails_warn_until_a_sync(account):
    play(account, [BASIC, ("inmail", "bob", "2026-01-02")])
    verdict = account.check(lead(2, open_profile=True), at=at(WHEN))
    assert [w.rule for w in verdict.warnings] == ["book_out_of_step"]


def test_the_check_json_has_exactly_the_documented_keys(account):
    play(account, [CAREER])
    data = account.check(lead(2), at=at(WHEN)).to_json()
    assert list(data) == [
        "allowed",
        "channel",
        "credits",
        "reasons",
        "warnings",
        "next_allowed_at",
        "alternatives",
    ]
    assert set(data["reasons"][0]) == {"rule", "message", "source"}
