"""The real app in Debian's Chromium: draft for a sample lead, copy it to the clipboard, mark it as sent with
a double click, and see the balance drop on the Limits page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ui import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MARIA = "https://www.linkedin.com/in/maria-lopez-data"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory):
    """A Premium Career member with 5 credits, set up before the server starts."""
    from limits import Account

    path = tmp_path_factory.mktemp("browser-data")
    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(path) as account:
        account.init_plan("premium_career", start=start, balance=5, at=start)
    return path


def _credits_left(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="Credits left")
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def _no_exception(page) -> None:
    assert page.get_by_test_id("stException").count() == 0


def test_draft_copy_mark_as_sent_and_see_the_balance_drop(page, app_url, app_data_dir):
    from limits import Account, EventKind

    harness.open_page(page, app_url, "Limits")
    assert _credits_left(page) == "5"
    _no_exception(page)

    harness.compose_sample_draft(page, app_url, lead="Maria Lopez")
    _no_exception(page)
    subject = page.get_by_label("Subject", exact=True).input_value()
    body = page.get_by_label("Message", exact=True).input_value()
    assert body.startswith("Hi Maria,")

    frame = page.frame_locator('iframe[title="Copy Draft 1"]')
    frame.get_by_role("button", name="Copy all").click()
    frame.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == f"{subject}\n\n{body}"
    frame.get_by_role("button", name="Copy message").click()
    assert page.evaluate("navigator.clipboard.readText()") == body

    page.get_by_role("button", name="Mark as sent").dblclick()
    harness.wait_for_run(page)
    try:
        page.get_by_text("Balance now 4 credit(s)").wait_for(timeout=60_000)
    except PlaywrightTimeout:
        alerts = page.get_by_test_id("stAlertContainer").all_inner_texts()
        raise AssertionError(f"no new balance on the page; its alerts: {alerts}") from None
    _no_exception(page)

    harness.open_page(page, app_url, "Limits")
    assert _credits_left(page) == "4"
    with Account.open(app_data_dir) as account:
        inmails = [e for e in account.events() if e.kind == EventKind.INMAIL]
    assert [e.lead_id for e in inmails] == [MARIA], "a double click records one InMail"
    _no_exception(page)


def test_every_page_opens_without_an_exception(page, app_url):
    for title in ("Compose", "Limits", "Templates", "Settings"):
        harness.open_page(page, app_url, title)
        _no_exception(page)
