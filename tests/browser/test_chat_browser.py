"""The Chat page in Debian's Chromium, with a model on the loopback fake server: type, watch the draft
stream in (the input disabled meanwhile), then copy it from the draft card."""

from __future__ import annotations

import pytest
from support.fake_openai import FakeOpenAI, Reply, ToolCall

from ui import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DRAFT = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on late deliveries being a data "
    "problem rang true. Tally Forecast predicts weekly parcel volumes per depot, so planners staff the "
    "right shifts.\n\nWould a 15-minute call next week work?\n\nBest,\nSam Rivera, Founder, Tally Forecast"
)


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
    box.fill(text)
    box.press("Enter")


def test_chat_round_trip_streams_a_draft_and_copies_it(page, app_url, fake):
    page.goto(app_url)
    harness.wait_for_run(page)
    page.get_by_role("heading", name="Chat", level=1).wait_for()

    _send(page, "/lead maria")
    harness.wait_for_run(page)
    page.get_by_text("Lead set to Maria Lopez").wait_for()

    fake.enqueue(
        Reply(tool_calls=[ToolCall("draft_message", {"strategy": "pas"})]),
        Reply(text=DRAFT, chunk_delay=0.05),  # about 2 s of streaming, a chunk at a time
    )
    _send(page, "Write a PAS InMail for her")
    messages = page.get_by_test_id("stChatMessage")
    # While the draft streams in, its words show in the chat and the input is disabled.
    messages.filter(has_text="Hi Maria,").first.wait_for(timeout=20_000)
    assert page.get_by_test_id("stChatInputTextArea").is_disabled()
    harness.wait_for_run(page)
    page.get_by_text("Drafted a PAS InMail in English for Maria Lopez").wait_for()
    assert page.get_by_test_id("stChatInputTextArea").is_enabled()

    subject = "Late deliveries at Acme Logistics"
    body = DRAFT.split("\n\n", 1)[1]
    frame = page.frame_locator('iframe[title="Copy Current draft"]')
    frame.get_by_role("button", name="Copy all").click()
    frame.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == f"{subject}\n\n{body}"
    assert page.get_by_test_id("stException").count() == 0
