"""A follow-up due, in Chromium: the Sent page lists Maria's unanswered InMail of five days ago; one click
on Draft follow-up opens Compose with her follow-up written, and it copies to the clipboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from support import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory):
    """A Premium Career member who InMailed the sample lead Maria five days ago, before the server starts."""
    from composer import SAMPLE_LEAD, SAMPLE_SENDER, Settings, compose
    from inmail.workspace import Workspace

    path = tmp_path_factory.mktemp("browser-follow-up")
    now = datetime.now(UTC)
    with Workspace(path) as workspace:
        start = now - timedelta(days=30)
        workspace.account.init_plan("premium_career", start=start, balance=5, at=start)
        [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=workspace.store)
        lead = SAMPLE_LEAD.model_dump(mode="json")
        workspace.record_draft(draft, lead=lead, at=now - timedelta(days=5))
        workspace.mark_sent(draft, lead, at=now - timedelta(days=5))
    return path


def test_a_due_follow_up_is_one_click_from_a_copied_draft(page, app_url, app_data_dir):
    from inmail.workspace import Workspace

    harness.open_page(page, app_url, "Sent")
    expect(page.get_by_text("no answer for 5 days").filter(visible=True).first).to_be_visible()
    page.get_by_role("button", name="Draft follow-up").click()
    expect(page.get_by_role("heading", name="Compose", level=1)).to_be_visible()
    frame = harness.copy_frame(page, "Draft 1")
    expect(frame.get_by_role("button", name="Copy message")).to_be_visible()
    harness.wait_for_run(page)
    expect(page.get_by_label("First name", exact=True)).to_have_value("Maria")
    body = page.get_by_label("Message", exact=True).input_value()
    assert "Maria" in body.splitlines()[0]
    frame.get_by_role("button", name="Copy message").click()
    harness.expect_copied(page, frame, body)
    follow_ups = [e for e in Workspace(app_data_dir).drafts.entries() if e.draft.channel.value == "follow_up"]
    assert [e.draft.body for e in follow_ups] == [body]
    expect(page.get_by_test_id("stException")).to_have_count(0)
