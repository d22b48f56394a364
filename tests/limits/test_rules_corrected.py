"""The rules as LinkedIn's newest help answers word them, scenario by scenario."""

from __future__ import annotations

import pytest
from limits_testkit import at, play

from limits import Confidence, LotKind, Recipient, load_catalog

CAREER = ("init", "premium_career", "2026-01-01")
RECRUITER = [("override", "plans.recruiter.credits_per_month", 10), ("init", "recruiter", "2026-01-01")]

SCENARIOS = [
    # id, steps, when, balance, lots as (kind, credits, expires day or None), oldest first
    (
        "an idle Premium bank stays full across the 89-day February (a412114)",
        [CAREER],
        "2026-04-01",
        15,
        [("monthly", 5, "2026-05-02"), ("monthly", 5, "2026-05-30"), ("monthly", 5, "2026-06-30")],
    ),
    (
        "at the cap the soonest-expiring credits are trimmed, the new grant arrives whole",
        [CAREER, ("inmail", "a", "2026-03-10")],
        "2026-04-01",
        15,
        [("monthly", 5, "2026-05-02"), ("monthly", 5, "2026-05-30"), ("monthly", 5, "2026-06-30")],
    ),
    (
        "Recruiter: rollover up to 4x, no 90-day expiry per lot (a412114)",
        RECRUITER,
        "2026-08-15",
        40,
        [("monthly", 10, None)] * 4,
    ),
    (
        "Recruiter: over the 4x cap the oldest credits go at refresh",
        [*RECRUITER, ("inmail", "a", "2026-05-02")],
        "2026-06-01",
        40,
        [("monthly", 10, None)] * 4,
    ),
    (
        "a synced balance expires with the soonest lot it replaces (assumption)",
        [CAREER, ("sync", 12, "2026-01-20")],
        "2026-01-20",
        12,
        [("monthly", 5, "2026-04-01"), ("adjustment", 7, "2026-04-01")],
    ),
    (
        "a sync with no lot to replace gets 90 days (assumption)",
        [CAREER, ("sync", 0, "2026-01-02"), ("sync", 3, "2026-01-03")],
        "2026-01-03",
        3,
        [("adjustment", 3, "2026-04-03")],
    ),
    (
        "a refund fills the bank up to its cap",
        [CAREER, ("inmail", "a", "2026-03-02"), ("replied", "a", "2026-03-03")],
        "2026-03-03",
        15,
        [
            ("monthly", 4, "2026-04-01"),
            ("monthly", 5, "2026-05-02"),
            ("monthly", 5, "2026-05-30"),
            ("refund", 1, "2026-06-01"),
        ],
    ),
    (
        "a credit back on a full bank is given, over the cap (a412114 counts it in the total)",
        [CAREER, ("inmail", "a", "2026-03-02"), ("replied", "a", "2026-04-02")],
        "2026-04-30T23:59",
        16,
        [
            ("monthly", 5, "2026-05-02"),
            ("monthly", 5, "2026-05-30"),
            ("monthly", 5, "2026-06-30"),
            ("refund", 1, "2026-07-01"),
        ],
    ),
    (
        "the next refresh trims the over-cap credit, the soonest-expiring first (a412114)",
        [CAREER, ("inmail", "a", "2026-03-02"), ("replied", "a", "2026-04-02")],
        "2026-05-01",
        15,
        [
            ("monthly", 4, "2026-05-30"),
            ("monthly", 5, "2026-06-30"),
            ("refund", 1, "2026-07-01"),
            ("monthly", 5, "2026-07-30"),
        ],
    ),
    (
        "Recruiter: a credit back over the 4x cap, trimmed at the next refresh",
        [*RECRUITER, ("inmail", "a", "2026-04-15"), ("replied", "a", "2026-05-02")],
        "2026-06-01",
        40,
        [
            ("monthly", 9, None),
            ("monthly", 10, None),
            ("monthly", 10, None),
            ("refund", 1, None),
            ("monthly", 10, None),
        ],
    ),
]


@pytest.mark.parametrize(
    ("steps", "when", "balance", "lots"),
    [case[1:] for case in SCENARIOS],
    ids=[case[0] for case in SCENARIOS],
)
def test_scenario(account, steps, when, balance, lots):
    play(account, steps)
    status = account.status(at=at(when))
    assert status.balance == balance
    shown = [
        (lot.kind.value, lot.credits, None if lot.expires_at is None else f"{lot.expires_at:%Y-%m-%d}")
        for lot in sorted(status.lots, key=lambda lot: (lot.granted_at, lot.kind != LotKind.MONTHLY))
    ]
    assert shown == lots


def test_the_300_a_month_cap_counts_paid_inmails_only(account):
    account.set_override("caps.inmails_per_month.limit", 2)
    play(account, [("init", "sales_navigator", "2026-01-01")])
    for lead in ("a", "b", "c"):
        account.record_inmail(lead, open_profile=True, at=at("2026-01-02"))
    assert account.status(at=at("2026-01-02")).caps["inmails_per_month"].used == 0
    assert account.check(Recipient("d", 2), at=at("2026-01-02")).allowed
    account.record_inmail("d", at=at("2026-01-02"))
    account.record_inmail("e", at=at("2026-01-02"))
    verdict = account.check(Recipient("f", 2), at=at("2026-01-03"))
    assert not verdict.allowed
    assert "cap.inmails_per_month" in {r.rule for r in verdict.reasons}
    assert account.check(Recipient("g", 2, open_profile=True), at=at("2026-01-03")).allowed  # its own cap


@pytest.mark.parametrize(
    ("key", "source", "confidence"),
    [
        ("invitations.reinvite_block_days", "LinkedIn Help a551012", Confidence.OFFICIAL),
        ("plans.recruiter_lite.inmail_out_of_network", "LinkedIn Help a412220", Confidence.OFFICIAL),
        ("plans.basic.credits_per_month", "LinkedIn Help 437, 1584", Confidence.OFFICIAL),
        ("plans.premium_career.second_inmail", "LinkedIn Help 437, 1584, a554514", Confidence.OFFICIAL),
        ("plans.recruiter.lots_expire", "LinkedIn Help a412114", Confidence.OFFICIAL),
        ("plans.recruiter_lite.lots_expire", "assumption", Confidence.REPORTED),
        ("credits.adjustment_expiry_days", "assumption", Confidence.REPORTED),
    ],
)
def test_citations(key, source, confidence):
    figure = load_catalog().figure(key)
    assert (figure.source, figure.confidence) == (source, confidence)


def test_recruiter_lite_keeps_the_90_day_rule_as_an_assumption(account):
    play(account, [("init", "recruiter_lite", "2026-01-01")])
    lot = account.status(at=at("2026-01-02")).lots[0]
    assert f"{lot.expires_at:%Y-%m-%d}" == "2026-04-01"
    assert not load_catalog().plan("recruiter").expiring
