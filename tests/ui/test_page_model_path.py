"""The model path on the pages: Settings' "Test connection" sends the configured key only to its own server
(a typed base URL gets a key typed for it, or the configured one after the tickbox naming the host); a
fallback card lets the user open the model's failing attempt, and the live "Writing with..." box goes."""

from __future__ import annotations

PAGE = "ui/settings.py"
KEY = "sk-proj-Configured0123456789"


def _test_connection(at):
    next(b for b in at.button if b.label == "Test connection").click().run()


def test_a_typed_base_url_never_gets_the_configured_key_unasked(
    open_page, monkeypatch, fake_openai, other_fake_openai
):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    attacker = other_fake_openai
    at = open_page(PAGE)
    _test_connection(at)
    assert {r.headers["authorization"] for r in fake_openai.requests} == {f"Bearer {KEY}"}

    at.text_input(key="model.base_url").input(attacker.base_url).run()
    host = attacker.base_url.removeprefix("http://").removesuffix("/v1")
    boxes = [box.label for box in at.checkbox]
    assert boxes == [f"Use my configured key with {host}"]
    assert "not sent to the base URL above" in " ".join(c.value for c in at.caption)
    _test_connection(at)
    assert {r.headers["authorization"] for r in attacker.requests} == {"Bearer not-needed"}

    at.text_input(key="model.api_key").input("sk-typed-for-attacker-1").run()
    _test_connection(at)
    assert attacker.requests[-1].headers["authorization"] == "Bearer sk-typed-for-attacker-1"

    at.text_input(key="model.api_key").input("").run()
    at.checkbox(key="model.trust_key").check().run()
    _test_connection(at)
    assert attacker.requests[-1].headers["authorization"] == f"Bearer {KEY}"  # asked for, by name
    assert not at.exception


def test_a_fallback_card_lets_the_user_open_the_models_attempt(open_page, monkeypatch, fake_openai):
    from support.fake_openai import Reply

    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    fake_openai.default = Reply(text="Subject: Hi\n\nSure! Here are three tips:\n- be short\n- be kind")
    at = open_page("ui/compose.py")
    at.selectbox(key="pick.lead").select("Sample: Maria Lopez, Acme Logistics").run()
    at.button(key="btn.sample_sender").click().run()
    next(b for b in at.button if b.label == "Generate draft").click().run()
    assert any("template engine" in w.value for w in at.warning)
    assert not [c for c in at.caption if "Writing with fake-model" in c.value], "no stale live box"
    [attempt] = [e for e in at.expander if e.label == "The model's attempt (failed its checks)"]
    assert "three tips" in attempt.text[0].value
    assert not at.exception
