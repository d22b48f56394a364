"""Settings page: plan, start and cycle day; the model connection (key shown only as set/unset); data dir."""

from __future__ import annotations

from page_text import texts, unescape

PAGE = "ui/settings.py"


def _submit(at, label="Set plan"):
    next(b for b in at.button if b.label == label).click().run()


def test_a_new_user_sets_the_plan_and_sees_the_balance(open_page, account):
    at = open_page(PAGE)
    assert "No LinkedIn plan is set yet" in texts(at)
    at.selectbox(key="plan.id").select("premium_career")
    at.number_input(key="plan.balance").set_value(7)
    _submit(at)
    assert "Plan set to Premium Career: 7 credit(s) now." in unescape(texts(at))
    assert "Premium Career, 7 credit(s)" in texts(at)
    status = account.status()
    assert (status.plan, status.balance) == ("premium_career", 7)
    assert not at.exception


def test_a_cycle_day_the_plan_cannot_have_is_one_error_and_nothing_changes(open_page, account):
    at = open_page(PAGE)
    at.selectbox(key="plan.id").select("sales_navigator")  # credits arrive on the 1st: no cycle day
    at.number_input(key="plan.cycle_day").set_value(15)
    _submit(at)
    assert len(at.error) == 1
    assert "\n" not in at.error[0].value
    assert not account.store.has_plan()
    assert at.selectbox(key="plan.id").value == "sales_navigator", "the form keeps what was chosen"
    assert not at.exception


def test_the_key_is_shown_only_as_set_never_its_value(open_page, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-123")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    at = open_page(PAGE)
    page = texts(at) + "".join(str(t.value) + str(t.placeholder) for t in at.text_input)
    assert "**set**" in page
    assert "sk-very-secret" not in page
    assert "http://127.0.0.1:9/v1 (from environment)" in page
    assert [t.label for t in at.text_input] == ["Base URL", "Model", "API key for this server (optional)"]
    assert at.text_input(key="model.api_key").value in ("", None), "the configured key is never filled in"
    assert not at.exception


def test_without_a_model_the_page_says_drafts_stay_offline(open_page):
    at = open_page(PAGE)
    assert "**not set**" in texts(at)
    assert "offline templates" in texts(at)
    next(b for b in at.button if b.label == "Test connection").click().run()
    assert "No model is configured" in at.error[0].value
    assert not at.exception


def _serve(monkeypatch, fake_openai, *, key: str) -> None:
    """The loopback server wants sk-right and lists two models; the environment holds `key`."""
    fake_openai.api_key = "sk-right"
    fake_openai.models = ["tiny-model", "other-model"]
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)


def test_test_connection_finds_the_configured_model_on_a_loopback_server(open_page, monkeypatch, fake_openai):
    _serve(monkeypatch, fake_openai, key="sk-right")
    at = open_page(PAGE)
    at.text_input(key="model.name").input("tiny-model").run()  # the page overrides the model for the session
    next(b for b in at.button if b.label == "Test connection").click().run()
    assert "2 model(s) listed, including 'tiny-model'" in unescape(at.success[0].value)
    assert not at.exception


def test_test_connection_says_what_is_wrong(open_page, monkeypatch, fake_openai):
    _serve(monkeypatch, fake_openai, key="sk-wrong")
    monkeypatch.setenv("INMAIL_MODEL", "tiny-model")
    at = open_page(PAGE)
    button = next(b for b in at.button if b.label == "Test connection")
    button.click().run()
    assert "rejected the API key" in at.error[0].value

    monkeypatch.setenv("OPENAI_API_KEY", "sk-right")
    at.text_input(key="model.name").input("missing-model").run()
    button.click().run()
    assert "does not list the model 'missing-model'" in unescape(at.error[0].value)

    at.text_input(key="model.base_url").input("http://127.0.0.1:9/v1").run()  # nothing listens on port 9
    button.click().run()
    assert "Cannot reach the model server at http://127.0.0.1:9/v1" in unescape(at.error[0].value)
    assert not at.exception


def test_the_page_says_where_the_data_lives(open_page, data_dir):
    at = open_page(PAGE)
    assert f"Data directory: {data_dir}" in texts(at)
    assert not at.exception
