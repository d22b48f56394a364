"""Issue 18, item 1, in Chromium: from an empty data directory to a recorded send and a recorded reply,
every click counted and no detour to Settings (the draft card sets the plan where the send needs it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect
from support import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Try a sample lead, Generate draft, open the plan picker, pick the plan, Mark as sent.
CLICKS_TO_A_SEND = 5
# Then the Sent page's link and its Replied button.
CLICKS_TO_A_REPLY = CLICKS_TO_A_SEND + 2


class Clicks:
    """Every click of the walk goes through here, so the count is the walk's."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: Locator) -> None:
        target.click()
        self.count += 1


def test_an_empty_data_directory_to_a_recorded_send_and_reply(page, app_url, app_data_dir):
    from limits import Account, EventKind

    assert not any(app_data_dir.iterdir()), "an empty data directory"
    click = Clicks()
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Compose", level=1)).to_be_visible()
    harness.wait_for_run(page)
    click(page.get_by_role("button", name="Try a sample lead"))
    expect(page.get_by_label("First name", exact=True)).to_have_value("Maria")
    harness.wait_for_run(page)
    click(page.get_by_role("button", name="Generate draft"))
    expect(harness.copy_frame(page, "Draft 1").get_by_role("button", name="Copy all")).to_be_visible()
    harness.wait_for_run(page)

    expect(page.get_by_text("No LinkedIn plan is set yet: choose yours and Mark as sent")).to_be_visible()
    harness.wait_for_run(page)
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Your LinkedIn plan")
    click(picker)
    combobox = picker.get_by_role("combobox")
    if combobox.get_attribute("aria-expanded") != "true":
        # Headless, the first click after the copy frame took focus only focuses the box: open the list
        # with the keyboard rather than count a second click.
        combobox.press("ArrowDown")
    click(page.get_by_role("option", name="Premium Career"))
    harness.wait_for_run(page)
    click(page.get_by_role("button", name="Mark as sent"))
    expect(page.get_by_text("Balance now 4 credit(s)")).to_be_visible()
    harness.wait_for_run(page)
    assert click.count == CLICKS_TO_A_SEND

    click(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Sent"))
    expect(page.get_by_role("heading", name="Sent", level=1)).to_be_visible()
    harness.wait_for_run(page)
    click(page.get_by_role("button", name="Replied"))
    expect(page.get_by_text("1 InMail credit came back: balance now 5.")).to_be_visible()
    harness.wait_for_run(page)
    assert click.count == CLICKS_TO_A_REPLY

    with Account.open(app_data_dir) as account:
        kinds = [e.kind for e in account.events()]
    assert kinds == [EventKind.PLAN_SET, EventKind.INMAIL, EventKind.RESPONSE]
    expect(page.get_by_test_id("stException")).to_have_count(0)
