"""Settings' "Test connection" sends the configured key only to its own server; a base URL typed on the
page gets a key typed for it, or the configured one after the explicit tickbox that names the host."""

from __future__ import annotations

from support.fake_openai import FakeOpenAI

PAGE = "ui/settings.py"
KEY = "sk-proj-Configured0123456789"


def _test_connection(at):
    next(b for b in at.button if b.label == "Test connection").click().run()


def test_a_typed_base_url_never_gets_the_configured_key_unasked(open_page, monkeypatch, fake_openai):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with FakeOpenAI() as attacker:
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
