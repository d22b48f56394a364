"""Settings page: plan, start and cycle day; the model connection (key shown only as set/unset); data dir."""

from __future__ import annotations

from datetime import UTC, datetime

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
    assert "Plan set to Premium Career from " in unescape(texts(at))
    assert ": 7 credit(s) now." in unescape(texts(at))
    assert ", 7 credit(s)." in unescape(texts(at))
    status = account.status()
    assert (status.plan, status.balance) == ("premium_career", 7)
    assert not at.exception


def _plan_set_earlier(account, *, spend=0):
    from datetime import timedelta

    start = datetime.now(UTC) - timedelta(days=5)
    account.init_plan("premium_career", start=start, cycle_day=start.day, balance=6, at=start)
    for n in range(spend):
        account.record_inmail(f"https://li/{n}", at=start + timedelta(days=1))
    return start


def test_the_form_shows_the_stored_plan_start_and_cycle_day(open_page, account):
    start = _plan_set_earlier(account)
    at = open_page(PAGE)
    assert at.selectbox(key="plan.id").value == "premium_career"
    assert at.date_input(key="plan.start").value == start.date()
    assert at.number_input(key="plan.cycle_day").value == start.day
    assert f"Now: Premium Career since {start:%d %b %Y}" in unescape(texts(at))
    assert not at.exception


def test_setting_the_same_plan_again_changes_nothing(open_page, account):
    _plan_set_earlier(account, spend=2)
    events = len(account.events())
    at = open_page(PAGE)
    _submit(at)
    assert "Nothing changed: the plan is already Premium Career" in unescape(texts(at))
    assert len(account.events()) == events
    assert account.status().balance == 4, "spent credits do not come back"
    assert not at.exception


def test_a_real_change_of_plan_asks_first_and_cancel_keeps_the_book(open_page, account):
    _plan_set_earlier(account)
    events = len(account.events())
    at = open_page(PAGE)
    at.selectbox(key="plan.id").select("sales_navigator")
    at.date_input(key="plan.start").set_value(datetime.now(UTC).date())
    _submit(at)
    assert "Change the plan from Premium Career to Sales Navigator" in unescape(texts(at))
    assert "6 credit(s) would go" in unescape(texts(at))
    assert len(account.events()) == events, "nothing recorded before the yes"
    at.button(key="btn.plan.cancel").click().run()
    assert "Kept the plan as it was" in unescape(texts(at))
    assert account.status().plan == "premium_career"

    _submit(at)
    at.button(key="btn.plan.confirm").click().run()
    assert "Plan changed to Sales Navigator" in unescape(texts(at))
    assert account.status().plan == "sales_navigator"
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
    assert [t.label for t in at.text_input][:3] == ["Base URL", "Model", "API key for this server (optional)"]
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
