"""The real app in Debian's Chromium: draft for a sample lead, edit it and copy it straight away (the copy
has the edit), mark it as sent with a double click, and see the balance drop on the Limits page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from support import harness

from inmail.workspace import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MARIA = "https://www.linkedin.com/in/maria-lopez-data"
TYPED_BODY = "\nPS: typed a moment before the copy."
TYPED_SUBJECT = " (edited)"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory):
    """A Premium Career member with 5 credits, set up before the server starts."""
    from limits import Account

    path = tmp_path_factory.mktemp("browser-data")
    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(path) as account:
        account.init_plan("premium_career", start=start, balance=5, at=start)
    return path


def _credits_left(page):
    metric = page.get_by_test_id("stMetric").filter(has_text="Credits left")
    return metric.get_by_test_id("stMetricValue")


def _no_exception(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _type_at_the_end(field, text: str) -> None:
    field.click()
    field.press("Control+End")
    field.press_sequentially(text)


def _expect_committed(page, text: str) -> None:
    """The run that the blur started is drawn: a counter counts the edited text."""
    expect(page.get_by_text(re.compile(rf"^{len(text):,} / [\d,]+ characters"))).to_be_visible()
    harness.wait_for_run(page)


def test_draft_copy_mark_as_sent_and_see_the_balance_drop(page, app_url, app_data_dir):
    from limits import Account, EventKind

    harness.open_page(page, app_url, "Limits")
    expect(_credits_left(page)).to_have_text("5")
    _no_exception(page)

    harness.compose_sample_draft(page, app_url, lead="Maria Lopez")
    _no_exception(page)
    subject_box = page.get_by_label("Subject", exact=True)
    body_box = page.get_by_label("Message", exact=True)
    subject, body = subject_box.input_value(), body_box.input_value()
    assert body.startswith("Hello Maria,")
    frame = harness.copy_frame(page, "Draft 1")
    frame.get_by_role("button", name="Copy all").click()
    harness.expect_copied(page, frame, f"{subject}\n\n{body}")

    # Typed, then copied at once: the text area has not committed the edit yet (it does on blur, which
    # the click itself causes), so the copy must come from the page, not from the last run.
    _type_at_the_end(body_box, TYPED_BODY)
    frame.get_by_role("button", name="Copy message").click()
    harness.expect_copied(page, frame, body + TYPED_BODY)
    _expect_committed(page, body + TYPED_BODY)
    _type_at_the_end(subject_box, TYPED_SUBJECT)
    frame.get_by_role("button", name="Copy all").click()
    harness.expect_copied(page, frame, f"{subject}{TYPED_SUBJECT}\n\n{body}{TYPED_BODY}")
    _expect_committed(page, subject + TYPED_SUBJECT)

    page.get_by_role("button", name="Mark as sent").dblclick()
    expect(page.get_by_text("Balance now 4 credit(s)")).to_be_visible()
    _no_exception(page)
    sent = Workspace(app_data_dir).history({"id": MARIA})[0]
    assert (sent.sent_subject, sent.sent_body) == (subject + TYPED_SUBJECT, body + TYPED_BODY)

    harness.open_page(page, app_url, "Limits")
    expect(_credits_left(page)).to_have_text("4")
    with Account.open(app_data_dir) as account:
        inmails = [e for e in account.events() if e.kind == EventKind.INMAIL]
    assert [e.lead_id for e in inmails] == [MARIA], "a double click records one InMail"
    _no_exception(page)


def test_every_page_opens_without_an_exception(page, app_url):
    for title in ("Chat", "Compose", "Limits", "Sent", "Plan", "Stats", "Templates", "Settings"):
        harness.open_page(page, app_url, title)
        _no_exception(page)
