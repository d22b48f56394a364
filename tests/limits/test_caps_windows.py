"""Reported caps over rolling windows: block when full, warn near full, and say when one more fits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from limits_testkit import at, play

from limits import Recipient, SendChannel

MORNING = at("2026-03-02T08:00")


def record(account, kind, count, *, leads=None, start=MORNING, step=timedelta(minutes=1)):
    """`count` actions of `kind` a minute apart; leads cycle through `leads` (default: all different)."""
    for i in range(count):
        lead_id = f"lead-{i % leads if leads else i}"
        when = start + i * step
        match kind:
            case "message":
                account.record_message(lead_id, at=when)
            case "invite":
                account.record_invite(lead_id, at=when)
            case "inmail" | "open_profile":
                account.record_inmail(lead_id, open_profile=kind == "open_profile", at=when)


def friend(id="new"):
    return Recipient(id, 1, False, True)


def test_a_full_daily_cap_blocks_until_the_oldest_message_leaves_the_window(account):
    play(account, [("init", "premium_business", "2026-03-01")])
    record(account, "message", 100, leads=10)
    verdict = account.check(friend(), at=at("2026-03-02T12:00"))
    assert not verdict.allowed
    assert verdict.channel is SendChannel.MESSAGE
    assert verdict.next_allowed_at == MORNING + timedelta(hours=24)
    assert [r.rule for r in verdict.reasons] == ["cap.messages_per_day_business", "first_degree"]
    assert "seed article (reported)" in verdict.reasons[0].source
    assert account.check(friend(), at=MORNING + timedelta(hours=24)).allowed


def test_connection_requests_count_toward_basics_daily_messages(account):
    play(account, [("init", "basic", "2026-03-01")])
    record(account, "invite", 20)
    record(account, "message", 10, start=MORNING + timedelta(hours=1))
    verdict = account.check(friend(), at=at("2026-03-02T12:00"))
    assert [r.rule for r in verdict.reasons][:1] == ["cap.messages_per_day_basic"]
    assert verdict.next_allowed_at == MORNING + timedelta(hours=24)


@pytest.mark.parametrize(("used", "warned"), [(78, False), (79, True), (99, True)])
def test_warn_from_80_percent(account, used, warned):
    play(account, [("init", "premium_business", "2026-03-01")])
    record(account, "message", used, leads=10)
    verdict = account.check(friend(), at=at("2026-03-02T12:00"))
    assert verdict.allowed
    assert ("cap.messages_per_day_business" in {w.rule for w in verdict.warnings}) is warned


def test_thresholds_are_configurable(account):
    play(
        account,
        [
            ("init", "premium_business", "2026-03-01"),
            ("override", "thresholds.block", 0.5),
            ("override", "thresholds.warn", 0.3),
        ],
    )
    record(account, "message", 29, leads=10)
    assert {w.rule for w in account.check(friend(), at=at("2026-03-02T12:00")).warnings} == {
        "cap.messages_per_day_business"
    }
    record(account, "message", 31, leads=10, start=MORNING + timedelta(hours=1))
    verdict = account.check(friend(), at=at("2026-03-02T12:00"))
    # 60 in the window, room for 50: eleven must leave before one more fits.
    assert verdict.next_allowed_at == MORNING + timedelta(minutes=10) + timedelta(hours=24)  # the 11th oldest


def test_a_cap_limit_override_applies(account):
    play(account, [("init", "premium_career", "2026-03-01"), ("override", "caps.inmails_per_month.limit", 2)])
    record(account, "inmail", 2)
    verdict = account.check(Recipient("x", 2, False, True), at=at("2026-03-02T12:00"))
    assert not verdict.allowed
    assert verdict.reasons[0].rule == "cap.inmails_per_month"
    assert verdict.reasons[0].source == "your override"
    assert verdict.next_allowed_at == MORNING + timedelta(days=30)


def test_unique_caps_count_people_not_messages(account):
    play(account, [("init", "basic", "2026-03-01")])
    record(account, "message", 15)
    noon = at("2026-03-02T12:00")
    assert account.check(friend("lead-3"), at=noon).allowed  # already counted today: no new person
    verdict = account.check(friend(), at=noon)
    assert verdict.reasons[0].rule == "cap.first_degree_per_day_free"
    assert verdict.next_allowed_at == MORNING + timedelta(hours=24)


def test_a_person_messaged_again_leaves_the_unique_window_later(account):
    play(account, [("init", "basic", "2026-03-01")])
    record(account, "message", 15)
    account.record_message("lead-0", at=MORNING + timedelta(hours=2))
    verdict = account.check(friend(), at=at("2026-03-02T12:00"))
    assert verdict.next_allowed_at == MORNING + timedelta(minutes=1, hours=24)  # lead-1 leaves first


def test_the_window_is_rolling(account):
    play(account, [("init", "basic", "2026-03-01")])
    record(account, "message", 15)
    assert not account.check(friend(), at=MORNING + timedelta(hours=24) - timedelta(seconds=1)).allowed
    status = account.status(at=MORNING + timedelta(hours=24))
    assert status.caps["first_degree_per_day_free"].used == 14
    assert status.caps["first_degree_per_month_free"].used == 15


def test_a_full_open_profile_cap_falls_back_to_a_paid_inmail(account):
    play(
        account,
        [("init", "premium_career", "2026-03-01"), ("override", "caps.open_profile_per_month.limit", 2)],
    )
    record(account, "open_profile", 2)
    verdict = account.check(Recipient("op", 2, True, True), at=at("2026-03-02T12:00"))
    assert (verdict.allowed, verdict.channel, verdict.credits) == (True, SendChannel.INMAIL, 1)
    assert [r.rule for r in verdict.reasons] == ["cap.open_profile_per_month", "inmail_credit"]


def test_a_full_open_profile_cap_at_zero_credits_waits(account):
    play(account, [("init", "basic", "2026-03-01"), ("override", "caps.open_profile_per_month.limit", 2)])
    record(account, "open_profile", 2)
    verdict = account.check(Recipient("op", 2, True, True), at=at("2026-03-02T12:00"))
    assert (verdict.allowed, verdict.channel) == (False, SendChannel.OPEN_PROFILE)
    assert verdict.next_allowed_at == MORNING + timedelta(days=30)


def test_a_zero_limit_never_frees_up(account):
    play(account, [("init", "premium_career", "2026-03-01"), ("override", "caps.inmails_per_month.limit", 0)])
    verdict = account.check(Recipient("x", 2, False, True), at=at("2026-03-02T12:00"))
    assert (verdict.allowed, verdict.channel, verdict.next_allowed_at) == (False, None, None)


def test_a_full_invitation_week_shows_in_the_alternative(account):
    play(account, [("init", "premium_career", "2026-03-01")])
    record(account, "invite", 100)
    request = account.check(Recipient("x", 2, False, True), at=at("2026-03-02T12:00")).alternatives[-1]
    assert "is full (100 of 100) until 2026-03-09 08:00 UTC" in request.message


def test_status_lists_the_plans_caps_with_use(account):
    play(account, [("init", "premium_career", "2026-03-01")])
    record(account, "inmail", 3)
    record(account, "open_profile", 2)
    caps = account.status(at=at("2026-03-02T12:00")).to_json()["caps"]
    assert caps["inmails_per_month"] == {"used": 3, "limit": 300, "window": "30d"}  # paid only
    assert caps["open_profile_per_month"] == {"used": 2, "limit": 800, "window": "30d"}
    assert "messages_per_day_basic" not in caps
