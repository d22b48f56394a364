"""Settings page: the time budget per draft is typed, checked, saved in the data directory (never with a
key), still there in a new session, and used by Compose: a model that hangs is cut at that budget."""

from __future__ import annotations

import json

import pytest
from page_text import texts, unescape
from support.fake_openai import Reply

PAGE = "ui/settings.py"
KEY = "sk-proj-Configured0123456789"


def _save(at, value: str):
    at.text_input(key="model.budget").input(value)
    next(b for b in at.button if b.label == "Save budget").click().run()
    return unescape(texts(at))


@pytest.fixture
def model_env(fake_openai, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    return fake_openai


def test_the_budget_is_saved_and_comes_back_in_a_new_session(open_page, data_dir, model_env):
    at = open_page(PAGE)
    assert "Budget in force: 60 s (the default)" in unescape(texts(at))
    shown = _save(at, "45")
    assert "Saved: a draft may take up to 45 s, repair included (Compose and the chat)." in shown
    assert "Budget in force: 45 s (saved here)" in shown
    saved = (data_dir / "model.json").read_text()
    assert json.loads(saved) == {"budget": 45.0}
    assert KEY not in saved
    assert not at.exception

    again = open_page(PAGE)  # a new browser session
    assert again.text_input(key="model.budget").value == "45"
    assert "Budget in force: 45 s (saved here)" in unescape(texts(again))
    assert not again.exception


RULE = "The time budget must be a number of seconds above 0 and at most 1800 (30 minutes), not"


@pytest.mark.parametrize(
    ("typed", "error"),
    [("0", "0"), ("2000", "2000"), ("-5", "-5"), ("soon", "'soon'"), ("nan", "nan"), ("1e9", "1e+09")],
)
def test_a_budget_out_of_range_is_one_line_and_changes_nothing(open_page, data_dir, typed, error):
    at = open_page(PAGE)
    _save(at, "30")
    shown = _save(at, typed)
    assert [unescape(e.value) for e in at.error] == [f"{RULE} {error}."]
    assert "Budget in force: 30 s (saved here)" in shown
    assert json.loads((data_dir / "model.json").read_text()) == {"budget": 30.0}
    assert at.text_input(key="model.budget").value == typed, "what was typed stays to be fixed"
    assert not at.exception


def test_a_blank_budget_goes_back_to_the_environments(open_page, data_dir, monkeypatch):
    monkeypatch.setenv("INMAIL_LLM_BUDGET", "90")
    at = open_page(PAGE)
    _save(at, "20")
    shown = _save(at, "")
    assert "Saved: the time budget is back to 90 s (from INMAIL_LLM_BUDGET)." in shown
    assert json.loads((data_dir / "model.json").read_text()) == {}
    assert not at.exception


def test_an_unreadable_settings_file_is_one_line_and_the_page_still_works(open_page, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "model.json").write_text('{"budget": "forever"}')
    at = open_page(PAGE)
    [error] = [unescape(e.value) for e in at.error]
    assert "model.json has a budget that is not a number of seconds" in error
    assert "Budget in force: 60 s (the default)" in unescape(texts(at))
    assert "Saved: a draft may take up to 15 s" in _save(at, "15")
    assert not at.exception


def test_compose_cuts_a_hanging_model_at_the_saved_budget(open_page, model_env):
    model_env.default = Reply(hang=True)
    at = open_page(PAGE)
    _save(at, "1")

    compose = open_page("ui/compose.py")  # a new session reads the saved budget
    compose.selectbox(key="pick.lead").select("Sample: Maria Lopez, Acme Logistics").run()
    compose.button(key="btn.sample_sender").click().run()
    next(b for b in compose.button if b.label == "Generate draft").click().run()
    warnings = [w.value for w in compose.warning]
    assert any("did not finish within the 1 s budget" in w and "template engine" in w for w in warnings)
    assert len(model_env.chat_requests) == 1
    assert not compose.exception
