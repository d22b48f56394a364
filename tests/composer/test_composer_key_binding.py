"""The key goes only to the server it was configured for: recorded Authorization headers on
two loopback fake servers; and `redact` removes keys and token-shaped text from anything shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.fake_openai import FakeOpenAI, Reply

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Engine, LLMConfig, Settings, TemplateStore, compose
from composer.llm_client import FailureKind, explain_failure
from composer.redact import redact

KEY = "sk-proj-Configured0123456789"
GOOD = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on why late deliveries are a data "
    "problem matches what we see.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam Rivera"
)


@pytest.fixture
def servers(fake_openai, other_fake_openai):
    home, other = fake_openai, other_fake_openai
    home.default = other.default = Reply(text=GOOD)
    return home, other


def sent_keys(server: FakeOpenAI) -> set[str]:
    return {r.headers.get("authorization", "") for r in server.requests}


def draft(data_dir, config: LLMConfig) -> None:
    compose(
        SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=TemplateStore(data_dir), engine=Engine.LLM, llm=config
    )


def test_the_environment_key_goes_to_the_environment_server(data_dir, servers):
    home, _ = servers
    draft(data_dir, LLMConfig.from_env({"OPENAI_BASE_URL": home.base_url, "OPENAI_API_KEY": KEY}))
    assert sent_keys(home) == {f"Bearer {KEY}"}


@pytest.mark.parametrize(
    ("typed", "trust", "expected"),
    [
        (None, False, "Bearer not-needed"),  # another server: no key at all
        ("sk-typed-for-this-one", False, "Bearer sk-typed-for-this-one"),
        (None, True, f"Bearer {KEY}"),  # "use my configured key with 127.0.0.1:PORT"
    ],
)
def test_another_server_gets_a_key_only_when_the_user_says_so(data_dir, servers, typed, trust, expected):
    home, other = servers
    configured = LLMConfig.from_env({"OPENAI_BASE_URL": home.base_url, "OPENAI_API_KEY": KEY})
    draft(data_dir, configured.with_server(other.base_url, api_key=typed, trust_key=trust))
    assert sent_keys(other) == {expected}
    assert home.requests == []


def test_an_openai_key_never_goes_to_a_local_server(data_dir, servers):
    _, other = servers
    configured = LLMConfig.from_env({"OPENAI_API_KEY": KEY})  # bound to api.openai.com
    draft(data_dir, configured.with_server(other.base_url))
    assert KEY not in " ".join(sent_keys(other))


@pytest.mark.parametrize(
    ("key_server", "base_url", "allowed"),
    [
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/", True),
        ("http://LOCALHOST:8080/v1", "http://localhost:8080/v1", True),
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8081/v1", False),  # same host, other port
        ("http://127.0.0.1:8080/v1", "https://127.0.0.1:8080/v1", False),
        (None, "https://api.openai.com/v1", True),
        (None, "https://api.openai.com.evil.example/v1", False),
    ],
)
def test_where_a_key_may_go(key_server, base_url, allowed):
    config = LLMConfig(base_url=base_url, api_key=KEY, key_server=key_server)
    assert config.key_allowed is allowed
    assert (config.request_key() == KEY) is allowed


def test_a_port_that_is_a_host_is_refused_before_any_key_could_go_there():
    from composer.errors import InputError

    with pytest.raises(InputError, match="port that is not a number"):
        LLMConfig(
            base_url="http://127.0.0.1:8080.evil.example/v1",
            api_key=KEY,
            key_server="http://127.0.0.1:8080/v1",
        )


def test_a_401_after_withholding_the_key_says_why(servers):
    import openai

    _, other = servers
    config = LLMConfig(api_key=KEY).with_server(other.base_url)
    other.api_key = "needs-one"
    client = openai.OpenAI(base_url=other.base_url, api_key=config.request_key(), max_retries=0)
    with pytest.raises(openai.AuthenticationError) as caught:
        client.models.list()
    failure = explain_failure(caught.value, config=config)
    assert failure.kind is FailureKind.AUTH
    assert "belongs to api.openai.com and was not sent" in failure.message


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"Incorrect API key provided: {KEY}.", "Incorrect API key provided: [redacted]."),
        ("Authorization: Bearer abc123def456ghi789jkl", "Authorization: Bearer [redacted]"),
        ('{"api_key": "zz9plural0alpha"}', '{"api_key": "[redacted]"}'),
        ("token=ghp_abcdefghijklmnopqrstuvwxyz0123", "token=[redacted]"),
        ("the bearer instruments of trade", "the bearer instruments of trade"),  # words stay words
        ("token limitations apply", "token limitations apply"),
        ("Skills: sk-learning, Python", "Skills: sk-learning, Python"),
    ],
)
def test_redact(text, kept):
    assert redact(text, secrets=[KEY]) == kept


@given(
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    secret=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF0123456789-_", min_size=6, max_size=40),
)
def test_a_configured_secret_never_survives_redaction(before, after, secret):
    assert secret not in redact(f"{before}{secret}{after}", secrets=[secret])
