"""The first run in Chromium, from an empty data directory: the app opens on Compose, and clicks alone
(no typing) lead to a draft on the clipboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_clicks_alone_take_a_newcomer_to_a_copied_draft(page, app_url, app_data_dir):
    assert not any(app_data_dir.iterdir()), "an empty data directory"
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Compose", level=1)).to_be_visible()
    harness.wait_for_run(page)
    page.get_by_role("button", name="Try a sample lead").click()
    expect(page.get_by_label("First name", exact=True)).to_have_value("Maria")
    harness.wait_for_run(page)
    page.get_by_role("button", name="Generate draft").click()
    frame = harness.copy_frame(page, "Draft 1")
    expect(frame.get_by_role("button", name="Copy all")).to_be_visible()
    expect(page.get_by_text("Writing as the sample sender, Sam Rivera")).to_be_visible()
    harness.wait_for_run(page)
    subject = page.get_by_label("Subject", exact=True).input_value()
    body = page.get_by_label("Message", exact=True).input_value()
    assert body.startswith("Hello Maria,")
    frame.get_by_role("button", name="Copy all").click()
    harness.expect_copied(page, frame, f"{subject}\n\n{body}")
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.reload()  # the draft is still there after a reload
    expect(page.get_by_label("Message", exact=True)).to_have_value(body)
    expect(page.get_by_test_id("stException")).to_have_count(0)
