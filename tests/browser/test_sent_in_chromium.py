"""The Sent page in Chromium: mark a draft as sent, record the reply on Sent, and see the credit come back
on the Limits page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from support import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory):
    """A Premium Career member with 5 credits, set up before the server starts."""
    from limits import Account

    path = tmp_path_factory.mktemp("browser-sent")
    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(path) as account:
        account.init_plan("premium_career", start=start, balance=5, at=start)
    return path


def _credits_left(page):
    return page.get_by_test_id("stMetric").filter(has_text="Credits left").get_by_test_id("stMetricValue")


def test_mark_sent_record_the_reply_and_see_the_credit_come_back(page, app_url, app_data_dir):
    from limits import Account, EventKind

    harness.compose_sample_draft(page, app_url, lead="Maria Lopez")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_text("Balance now 4 credit(s)")).to_be_visible()
    harness.wait_for_run(page)

    harness.open_page(page, app_url, "Sent")
    expect(_credits_left(page)).to_have_text("4")
    # visible ones only: the table's hidden accessibility cells hold the same words, and may come first
    expect(page.get_by_text("Maria Lopez").filter(visible=True).first).to_be_visible()
    expect(page.get_by_text("90 days left").filter(visible=True).first).to_be_visible()
    page.get_by_role("button", name="Replied").click()
    expect(page.get_by_text("1 InMail credit came back: balance now 5.")).to_be_visible()
    expect(page.get_by_role("button", name="Replied")).to_have_count(0)
    harness.wait_for_run(page)

    harness.open_page(page, app_url, "Limits")
    expect(_credits_left(page)).to_have_text("5")
    with Account.open(app_data_dir) as account:
        kinds = [e.kind for e in account.events() if e.kind in (EventKind.INMAIL, EventKind.RESPONSE)]
    assert kinds == [EventKind.INMAIL, EventKind.RESPONSE]
    expect(page.get_by_test_id("stException")).to_have_count(0)
