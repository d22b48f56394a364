"""A property: any plan, followed step by step on a copy of the book it was made from, is made only of
sends `check` allows at their instant (channel and cost as planned, the reserve kept), in time order,
with every lead once. Random plans, caps made small so they fill, prior sends, syncs and reserves."""

from __future__ import annotations

import contextlib
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_kit import follow, plan_for

from limits import Account, NoSendError, Recipient

PLANS = ["basic", "premium_career", "premium_business", "sales_navigator", "recruiter_lite"]
SMALL_CAPS = {
    "caps.invitations_per_week.limit": st.sampled_from([1, 2, 3, 100]),
    "caps.inmails_per_month.limit": st.sampled_from([1, 2, 300]),
    "caps.first_degree_per_day_premium.limit": st.sampled_from([1, 40]),
    "caps.open_profile_per_month.limit": st.sampled_from([1, 800]),
    "caps.messages_per_day_basic.limit": st.sampled_from([2, 30]),
}
PRIOR = ["message", "inmail", "open_profile", "invite", "invite_note", "withdraw", "replied"]
T0 = datetime(2026, 1, 5, tzinfo=UTC)

leads = st.lists(
    st.builds(
        dict,
        degree=st.sampled_from([1, 2, 3, None]),
        open_profile=st.booleans(),
        accepts_inmail=st.booleans(),
        location=st.sampled_from([None, "Madrid, Spain", "New York", "Tokyo", "Sydney"]),
    ),
    max_size=12,
)
prior = st.lists(st.tuples(st.sampled_from(PRIOR), st.integers(0, 11), st.integers(1, 40 * 24)), max_size=8)


@settings(max_examples=25)
@given(
    plan=st.sampled_from(PLANS),
    caps=st.fixed_dictionaries(SMALL_CAPS),
    balance=st.none() | st.integers(0, 6),
    leads=leads,
    prior=prior,
    offset_hours=st.integers(50 * 24, 70 * 24),
    days=st.integers(1, 40),
    keep=st.integers(0, 3),
)
def test_a_plan_followed_on_the_book_breaks_no_rule(
    tmp_path_factory, plan, caps, balance, leads, prior, offset_hours, days, keep
) -> None:
    home = tmp_path_factory.mktemp("book")
    start = T0 + timedelta(hours=offset_hours)
    recipients = [Recipient(id=f"https://www.linkedin.com/in/p{i}", **lead) for i, lead in enumerate(leads)]
    with Account.open(home) as account:
        account.init_plan(plan, start=T0, at=T0)
        for key, value in caps.items():
            account.set_override(key, value)
        if balance is not None:
            account.sync(balance, at=T0 + timedelta(days=1))
        for kind, who, hours_before in prior:
            when = start - timedelta(hours=hours_before)
            _record(account, kind, f"https://www.linkedin.com/in/p{who}", when)
        made = plan_for(account, recipients, start=start, days=days, keep=keep)
    copy = Path(str(home) + "-copy")
    shutil.copytree(home, copy)
    with Account.open(copy) as twin:
        follow(twin, made, recipients)


def _record(account: Account, kind: str, lead_id: str, at: datetime) -> None:
    match kind:
        case "message":
            account.record_message(lead_id, at=at)
        case "inmail" | "open_profile":
            account.record_inmail(lead_id, open_profile=kind == "open_profile", at=at)
        case "invite" | "invite_note":
            account.record_invite(lead_id, note=kind == "invite_note", at=at)
        case "withdraw":
            account.record_withdraw(lead_id, at=at)
        case "replied":
            with contextlib.suppress(NoSendError):  # nothing sent to them before: nothing to answer
                account.record_response(lead_id, at=at)
