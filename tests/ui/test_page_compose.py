"""Compose page, from its spec: lead form (sample, saved, pasted JSON), sender profile, settings, the limits
verdict before drafting, offline drafts, mark as sent once, draft history, and inputs that survive errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from page_text import texts, unescape

from inmail.workspace import Workspace
from limits import EventKind

SETUP = {EventKind.PLAN_SET, EventKind.SYNC}  # the plan and its opening balance

PAGE = "ui/compose.py"
MARIA = "Sample: Maria Lopez, Acme Logistics"
PRIYA = "Sample: Priya Shah, Northwind Retail"
CAMILLE = "Sample: Camille Bernard, Colis Express"
NOW = datetime.now(UTC)
ROOT = Path(__file__).resolve().parents[2]


def _history(data_dir):
    return Workspace(data_dir).history({"id": "https://www.linkedin.com/in/maria-lopez-data"})


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _draft_areas(at):
    return [
        area
        for area in at.text_area
        if area.key and area.key.startswith("draft.") and area.key.endswith(".body")
    ]


def _ready(at, lead=MARIA):
    at.selectbox(key="pick.lead").select(lead).run()
    at.button(key="btn.sample_sender").click().run()
    return at


def _generate(at):
    _button(at, "Generate draft").click().run()
    return at


def _plan(account, plan="premium_career", balance=None):
    account.init_plan(plan, start=NOW - timedelta(days=10), at=NOW - timedelta(days=10), balance=balance)


def test_compose_a_draft_offline_for_a_sample_lead(open_page, data_dir):
    at = _generate(_ready(open_page(PAGE)))
    bodies = _draft_areas(at)
    assert len(bodies) == 1
    assert bodies[0].value.startswith("Hello Maria,")
    subject = next(t for t in at.text_input if t.key and t.key.endswith(".subject"))
    assert subject.value
    page = unescape(texts(at))
    assert "Drafting offline with the template engine" in page
    assert "Checks: " in " ".join(e.label for e in at.expander)
    assert f"{len(bodies[0].value):,} / 1,900 characters" in page
    saved = _history(data_dir)
    assert len(saved) == 1, "the draft is in the lead's persisted history"
    assert at.get("iframe"), "the copy button is on the card"
    assert not at.exception


def test_every_composer_setting_reaches_the_draft(open_page):
    at = _ready(open_page(PAGE), CAMILLE)  # her profile is in French: English is a choice, not the default
    at.selectbox(key="opts.strategy").select("pas")
    at.selectbox(key="opts.language").select("en")
    at.number_input(key="opts.variants").set_value(2)
    at.toggle(key="opts.footer").set_value(False)
    at.text_input(key="opts.cta_text").input("Could we have a coffee next week?")
    _generate(at)
    header = next(m.value for m in at.markdown if m.value.startswith("**Draft 1**"))
    assert "PAS" in header
    assert " en " in unescape(header)
    bodies = [area.value for area in _draft_areas(at)]
    assert len(bodies) == 2, "two variants, two cards"
    assert all(body.startswith("Hello Camille,") for body in bodies)
    assert all("Could we have a coffee next week?" in body for body in bodies)
    assert all("Sam Rivera, Founder, Tally Forecast" not in body for body in bodies), "footer off"
    assert not at.exception


def test_a_connection_note_has_no_subject_and_the_plans_note_limit(open_page, account):
    _plan(account, "premium_business")
    at = _ready(open_page(PAGE))
    at.segmented_control(key="opts.channel").set_value("connection_note")
    _generate(at)
    assert not [t for t in at.text_input if t.key and t.key.endswith(".subject")]
    note = _draft_areas(at)[0].value
    assert f"{len(note):,} / 300 characters" in unescape(texts(at))
    _button(at, "Mark as sent").click().run()
    invites = [e for e in account.events() if e.kind == EventKind.INVITE]
    assert len(invites) == 1
    assert invites[0].note is True
    assert not at.exception


def test_the_verdict_shows_channel_cost_reasons_and_send_time_before_drafting(open_page, account):
    _plan(account, balance=3)
    at = _ready(open_page(PAGE))
    page = unescape(texts(at))
    assert "Send as an InMail: costs 1 credit." in page
    assert "Source: LinkedIn Help 75 (official)" in page
    assert "Best time to send" in page
    assert "Europe/Madrid" in page

    at.selectbox(key="pick.lead").select(PRIYA).run()
    assert "Send as a free message (1st-degree connection): costs 0 credits." in unescape(texts(at))
    assert not at.exception


def test_a_member_who_opted_out_is_not_now_with_the_reason(open_page, account):
    _plan(account)
    at = _ready(open_page(PAGE))
    at.toggle(key="lead.accepts_inmail").set_value(False).run()
    assert at.error, "the verdict blocks"
    assert "Not now" in at.error[0].value
    assert "opt" in unescape(texts(at)).lower()
    _generate(at)
    refusals = [unescape(e.value) for e in at.error if "InMail" in unescape(e.value)]
    assert refusals == ["Maria does not accept InMail: write a connection note instead."]
    assert not _draft_areas(at), "no InMail is drafted"
    at.button(key="btn.draft_instead").click().run()
    assert at.segmented_control(key="opts.channel").value == "connection_note"
    note = _draft_areas(at)
    assert len(note) == 1, "the button drafts the connection note"
    assert not [t for t in at.text_input if t.key and t.key.endswith(".subject")]
    assert not [e for e in at.error if "does not accept InMail" in unescape(e.value)]
    assert [e.kind for e in account.events() if e.kind not in SETUP] == []
    assert not at.exception


def test_an_inmail_drafted_before_she_opted_out_is_not_recorded(open_page, account):
    _plan(account)
    at = _generate(_ready(open_page(PAGE)))
    at.toggle(key="lead.accepts_inmail").set_value(False).run()
    _button(at, "Mark as sent").click().run()
    refused = [e for e in at.error if "nothing was recorded" in unescape(e.value)]
    assert len(refused) == 1
    assert [e.kind for e in account.events() if e.kind not in SETUP] == []
    assert not at.exception


def test_without_a_plan_drafting_still_works_and_the_page_says_how_to_see_costs(open_page):
    at = _generate(_ready(open_page(PAGE)))
    assert "No LinkedIn plan is set yet" in texts(at)
    assert _draft_areas(at)
    assert not at.exception


def test_mark_as_sent_records_once_on_a_double_click_and_shows_the_new_balance(open_page, account, data_dir):
    _plan(account, balance=5)
    at = _generate(_ready(open_page(PAGE)))
    key = next(b.key for b in at.button if b.label == "Mark as sent")
    at.button(key=key).click().run()
    at.button(key=key).click().run()  # the second click of a double click
    inmails = [e for e in account.events() if e.kind == EventKind.INMAIL]
    assert len(inmails) == 1
    assert inmails[0].lead_id == "https://www.linkedin.com/in/maria-lopez-data"
    assert account.status().balance == 4
    assert any("Recorded: an InMail (1 credit)" in unescape(s.value) for s in at.success)
    assert any("Balance now 4 credit(s)" in unescape(s.value) for s in at.success)
    assert "No answer yet to your InMail of" in unescape(texts(at)), "the verdict above the card is fresh too"
    assert at.button(key=key).label == "Marked as sent"
    sent = _history(data_dir)
    assert sent[0].sent_at is not None

    again = _generate(_ready(open_page(PAGE)))  # another tab: the same draft, the same id
    again.button(key=key).click().run()
    assert any("(nothing new)" in unescape(s.value) for s in again.success)
    assert not [e for e in again.error if "nothing was recorded" in unescape(e.value)]
    assert len([e for e in account.events() if e.kind == EventKind.INMAIL]) == 1
    assert not at.exception
    assert not again.exception


def test_an_edited_draft_is_what_history_records_as_sent(open_page, account, data_dir):
    _plan(account, balance=5)
    at = _generate(_ready(open_page(PAGE)))
    _draft_areas(at)[0].input("Hi Maria, short and to the point. Coffee next week?").run()
    assert "51 / 1,900 characters" in unescape(texts(at))
    _button(at, "Mark as sent").click().run()
    entry = _history(data_dir)[0]
    assert entry.sent_body == "Hi Maria, short and to the point. Coffee next week?"
    assert not at.exception


def test_a_first_degree_lead_is_recorded_as_a_free_message(open_page, account):
    _plan(account, balance=5)
    at = _generate(_ready(open_page(PAGE), PRIYA))
    _button(at, "Mark as sent").click().run()
    assert [e.kind for e in account.events() if e.kind not in SETUP] == [EventKind.MESSAGE]
    assert account.status().balance == 5
    assert not at.exception


def test_broken_lead_json_is_one_line_and_keeps_the_form(open_page):
    at = _ready(open_page(PAGE))
    at.text_area(key="lead.paste").input('{"first_name": "Ana",\n "last_name": }').run()
    at.button(key="btn.load_json").click().run()
    assert len(at.error) == 1
    assert "line 2" in unescape(at.error[0].value)
    assert at.text_input(key="lead.first_name").value == "Maria", "the form is untouched"
    assert at.text_area(key="lead.paste").value.startswith('{"first_name": "Ana"'), "the pasted text stays"

    lead = {"id": "https://www.linkedin.com/in/ana", "first_name": "Ana", "degree": 1,
            "experiences": [{"title": "CTO", "company": "Nube"}]}  # fmt: skip
    at.text_area(key="lead.paste").input(json.dumps(lead)).run()
    at.button(key="btn.load_json").click().run()
    assert at.text_input(key="lead.first_name").value == "Ana"
    assert at.text_input(key="lead.headline").value == ""
    assert at.text_input(key="lead.experiences.0.company").value == "Nube"
    assert at.selectbox(key="lead.degree").value == "1"
    assert not at.exception


def test_a_composer_error_is_one_sentence_and_loses_nothing(open_page):
    at = _generate(_ready(open_page(PAGE)))
    first = _draft_areas(at)[0].value
    at.text_input(key="lead.first_name").input("").run()
    _generate(at)
    assert len(at.error) == 1
    assert (
        unescape(at.error[0].value) == "The lead's first name is empty: fill in First name on the Lead tab."
    )
    assert "\n" not in at.error[0].value
    assert at.text_input(key="lead.last_name").value == "Lopez", "the rest of the form stays"
    at.text_input(key="lead.first_name").input("Maria").run()
    assert _draft_areas(at)[0].value == first, "the earlier draft is still there"
    assert not at.exception


def test_saved_lead_and_sender_profile_come_back_in_a_new_session(open_page, data_dir):
    at = _ready(open_page(PAGE))
    at.text_input(key="lead.company").input("Acme Freight").run()
    at.button(key="btn.save_lead").click().run()
    at.text_input(key="sender.name").input("Robin Vale").run()
    at.button(key="btn.save_sender").click().run()

    again = open_page(PAGE)
    assert again.text_input(key="sender.name").value == "Robin Vale"
    assert "Saved: Maria Lopez, Acme Freight" in again.selectbox(key="pick.lead").options
    again.selectbox(key="pick.lead").select("Saved: Maria Lopez, Acme Freight").run()
    assert again.text_input(key="lead.company").value == "Acme Freight"
    assert not again.exception


def test_inputs_and_drafts_survive_a_trip_to_another_page(open_page):
    at = _generate(_ready(open_page(PAGE)))
    _draft_areas(at)[0].input("My edited draft.").run()
    at.switch_page("ui/dashboard.py").run()
    at.switch_page(PAGE).run()
    assert at.text_input(key="lead.first_name").value == "Maria"
    assert at.text_input(key="sender.name").value == "Sam Rivera"
    assert _draft_areas(at)[0].value == "My edited draft."
    assert not at.exception


def test_a_reload_brings_back_the_form_and_the_drafts(open_page, data_dir):
    at = _generate(_ready(open_page(PAGE)))
    _draft_areas(at)[0].input("My edited draft.").run()
    again = open_page(PAGE)  # a new browser session over the same data directory
    assert again.text_input(key="lead.first_name").value == "Maria"
    assert again.text_input(key="sender.name").value == "Sam Rivera"
    assert [area.value for area in _draft_areas(again)] == ["My edited draft."]
    assert not again.exception


def test_history_lists_earlier_drafts_and_reopens_one(open_page, data_dir):
    at = _generate(_ready(open_page(PAGE)))
    shutil.rmtree(data_dir / "session")  # the page state is gone; the draft history is not
    again = _ready(open_page(PAGE))  # a new session: no drafts on screen, one in the history
    assert not _draft_areas(again)
    assert any(e.label.startswith("Earlier drafts for this lead (1)") for e in again.expander)
    assert any(t.value.startswith("Subject: ") for t in again.text)
    next(b for b in again.button if b.label == "Open again").click().run()
    assert _draft_areas(again)[0].value == _draft_areas(at)[0].value
    assert not again.exception


def test_lead_text_never_becomes_markup_on_the_page(open_page):
    at = _ready(open_page(PAGE))
    hostile = "Logistics ![beacon](https://evil.example/b.png) <img src=x> :red[loud]"
    at.text_input(key="lead.company").input(hostile).run()
    at.button(key="btn.save_lead").click().run()
    _generate(at)
    for element in [*at.markdown, *at.caption, *at.success, *at.info, *at.warning, *at.error]:
        value = str(element.value)
        assert "![beacon]" not in value
        assert "<img" not in value
        assert ":red[loud]" not in value
    assert not at.exception


@pytest.mark.slow
def test_the_llm_stack_is_not_imported_on_the_offline_path(data_dir):
    """First paint stays fast: every page and an offline draft, in a fresh interpreter, load no LLM code."""
    code = """
import sys
sys.path.insert(0, sys.argv[2])
import support.apptest  # the suite's AppTest speed-ups; it loads no LLM code either
from streamlit.testing.v1 import AppTest

at = AppTest.from_file(sys.argv[1], default_timeout=60)
at.run()  # the first page, whichever leads the navigation
assert not at.exception, at.exception
at.switch_page("ui/compose.py").run()
at.selectbox(key="pick.lead").select_index(0).run()
at.button(key="btn.sample_sender").click().run()
next(b for b in at.button if b.label == "Generate draft").click().run()
assert not at.exception, at.exception
for page in ("ui/dashboard.py", "ui/templates.py", "ui/settings.py"):
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("openai", "langchain_openai", "langchain_core")))
"""
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "app.py"), str(ROOT / "tests")],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


STREAMED = (
    "Subject: Forecasts for Acme Logistics\n\nHi Maria,\n\nDaniel Ruiz suggested I write: your post on late "
    "deliveries matched what Tally Forecast sees at depots. Could we talk for 15 minutes next week?\n\n"
    "![beacon](https://evil.example/b.png)\n\nBest,\nSam"
)
CLEAN = STREAMED.replace("![beacon](https://evil.example/b.png)\n\n", "")  # what a repair sends back


def _with_model(monkeypatch, fake_openai):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")


def test_with_a_model_the_draft_streams_as_plain_text(open_page, monkeypatch, fake_openai):
    from support.fake_openai import Reply

    _with_model(monkeypatch, fake_openai)
    fake_openai.enqueue(
        Reply(text=STREAMED, chunks=[STREAMED[i : i + 9] for i in range(0, len(STREAMED), 9)]), CLEAN
    )
    at = _ready(open_page(PAGE))
    assert "Drafting with the model fake-model" in unescape(texts(at))
    _generate(at)
    assert fake_openai.chat_requests, "the model was asked"
    streamed = [m.value for m in at.markdown if "Daniel Ruiz suggested" in unescape(m.value)]
    assert streamed, "the streamed text is on the page"
    assert "![beacon]" not in streamed[0], "streamed text is escaped, never markdown"
    header = next(m.value for m in at.markdown if m.value.startswith("**Draft 1**"))
    assert "llm" in header
    assert "fake\\-model" in header
    assert "Daniel Ruiz suggested I write" in _draft_areas(at)[0].value
    assert not at.exception


def test_a_model_failure_falls_back_with_a_visible_notice(open_page, monkeypatch, fake_openai):
    from support.fake_openai import Reply

    _with_model(monkeypatch, fake_openai)
    fake_openai.default = Reply(status=500, error="the server fell over", headers={"Retry-After": "0"})
    at = _generate(_ready(open_page(PAGE)))
    assert any("draft could not be used" in unescape(w.value) for w in at.warning)
    assert _draft_areas(at)[0].value.startswith("Hello Maria,"), "the template engine's draft"
    assert not at.exception


def test_with_a_model_several_variants_come_at_once(open_page, monkeypatch, fake_openai):
    _with_model(monkeypatch, fake_openai)
    fake_openai.enqueue(*(CLEAN.replace("15 minutes", f"{n} minutes") for n in (10, 15, 20)))
    at = _ready(open_page(PAGE))
    at.number_input(key="opts.variants").set_value(3)
    _generate(at)
    assert len(fake_openai.chat_requests) == 3
    assert len(_draft_areas(at)) == 3
    assert not at.exception


def test_generating_the_same_draft_again_keeps_one_card(open_page):
    at = _generate(_generate(_ready(open_page(PAGE))))  # the template engine is deterministic
    assert len(_draft_areas(at)) == 1
    assert not at.exception


def test_every_card_carries_the_coach_and_it_rescores_an_edit(open_page):
    at = _generate(_ready(open_page(PAGE)))
    [before] = [e.label for e in at.expander if e.label.startswith("Coach: ")]
    body = _draft_areas(at)[0]
    body.input("Dear Sir or Madam, BUY NOW!!! Limited offer, act fast, 100% free!!!").run()
    [after] = [e.label for e in at.expander if e.label.startswith("Coach: ")]
    score = lambda label: int(label.removeprefix("Coach: ").split("/", 1)[0])  # noqa: E731
    assert score(after) < score(before) - 20, (before, after)
    assert not at.exception
