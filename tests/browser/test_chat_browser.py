"""The Chat page in Debian's Chromium, with a model on the loopback fake server: type, watch the draft
stream in (the input disabled meanwhile), then copy it from the draft card in the narrow side column, an
unsaved edit included, with the copy buttons and their status fully inside their frame."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect
from support import harness
from support.fake_openai import FakeOpenAI, Reply, ToolCall
from support.fake_openai_wire import pieces

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DRAFT = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on late deliveries being a data "
    "problem rang true. Tally Forecast predicts weekly parcel volumes per depot, so planners staff the "
    "right shifts.\n\nWould a 15-minute call next week work?\n\nBest,\nSam Rivera, Founder, Tally Forecast"
)
TYPED = "\nPS: typed a moment before the copy."
# The draft's words are in a chat message and the input is disabled, at one and the same moment.
STREAMING_WITH_THE_INPUT_DISABLED = """() => {
  const input = document.querySelector('[data-testid="stChatInputTextArea"]');
  const messages = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  return Boolean(input && input.disabled && messages.some((m) => m.innerText.includes("Hi Maria,")));
}"""
# Every button and the status line end inside the frame's viewport: nothing is clipped.
NOTHING_CLIPPED = """() => [...document.querySelectorAll("button, [role=status]")].every((element) => {
  const box = element.getBoundingClientRect();
  return box.bottom <= window.innerHeight + 0.5 && box.right <= window.innerWidth + 0.5;
})"""


@pytest.fixture(scope="module")
def fake():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def app_url(app_data_dir, fake):
    """The app with its model on the fake server (overrides the offline app of conftest.py)."""
    env = {"OPENAI_BASE_URL": fake.base_url, "INMAIL_MODEL": "fake-model", "INMAIL_LLM_TIMEOUT": "20"}
    with harness.running_app(data_dir=app_data_dir, extra_env=env) as url:
        yield url


def _send(page, text: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_enabled()
    box.fill(text)
    box.press("Enter")


def test_chat_round_trip_streams_a_draft_and_copies_it(page, app_url, fake):
    page.set_viewport_size({"width": 1000, "height": 1000})  # a narrow side column: the buttons wrap
    harness.open_page(page, app_url, "Chat")

    _send(page, "/lead maria")
    expect(page.get_by_text("Lead set to Maria Lopez")).to_be_visible()
    harness.wait_for_run(page)

    # Every word is sent, but the stream stays open until the page has been seen mid-stream.
    before_the_end = threading.Event()
    fake.enqueue(
        Reply(tool_calls=[ToolCall("draft_message", {"strategy": "pas"})]),
        Reply(text=DRAFT, hold=before_the_end, hold_after=1 + len(pieces(DRAFT))),
    )
    _send(page, "Write a PAS InMail for her")
    page.wait_for_function(STREAMING_WITH_THE_INPUT_DISABLED, timeout=harness.PATIENCE_MS)
    before_the_end.set()
    expect(page.get_by_text("Drafted a PAS InMail in English for Maria Lopez")).to_be_visible()
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled()
    harness.wait_for_run(page)

    subject = "Late deliveries at Acme Logistics"
    body = DRAFT.split("\n\n", 1)[1]
    frame = harness.copy_frame(page, "Current draft")
    frame.get_by_role("button", name="Copy all").click()
    harness.expect_copied(page, frame, f"{subject}\n\n{body}")
    harness.wait_for_run(page)
    handle = page.locator('iframe[title="Copy Current draft"]').element_handle()
    handle.content_frame().wait_for_function(NOTHING_CLIPPED, timeout=harness.PATIENCE_MS)

    side_body = page.get_by_test_id("stColumn").nth(1).get_by_label("Message", exact=True)
    side_body.click()
    side_body.press("Control+End")
    side_body.press_sequentially(TYPED)
    frame.get_by_role("button", name="Copy message").click()
    harness.expect_copied(page, frame, body + TYPED)
    expect(page.get_by_test_id("stException")).to_have_count(0)
