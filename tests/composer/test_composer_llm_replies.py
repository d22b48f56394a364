"""Every bad reply a model can give ends in a sendable draft with one plain warning: repaired when the model's
second try passes, the template engine's draft (the attempt kept) when it does not. LangChain's fake chat
models stand in for the server: no HTTP here."""

from __future__ import annotations

import pytest
from langchain_core.language_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from composer import (
    SAMPLE_LEAD,
    SAMPLE_SENDER,
    Draft,
    Engine,
    Outcome,
    Settings,
    TemplateStore,
    compose,
    stream_compose,
)
from composer.llm_config import LLMConfig

GOOD = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on why late deliveries are a data "
    "problem matches what we see.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam Rivera"
)
BAD = {
    "empty": ("", "message"),
    "whitespace": ("   \n\n  \t ", "message"),
    "only a subject": ("Subject: Late deliveries at Acme Logistics", "message"),
    "wrong language": (
        "Subject: Retards de livraison\n\nBonjour Maria,\n\nVotre publication sur les retards de livraison "
        "chez Acme Logistics correspond à ce que nous voyons chaque semaine avec nos clients.\n\n"
        "Seriez-vous disponible pour un appel la semaine prochaine ?\n\nCordialement,\nSam Rivera",
        "language",
    ),
    "a copy of the prompt": (
        "<lead_profile>\nname: Maria Lopez\nheadline: Head of Data at Acme Logistics\n</lead_profile>\n\n"
        "Write the message now, in English.",
        "shape",
    ),
    "a list of instructions": (
        "Subject: Tips\n\nHi Maria,\n\n1. Mention her recent post on late deliveries.\n2. Introduce Tally "
        "Forecast briefly.\n3. Ask for a 15-minute call next week?",
        "shape",
    ),
    "10,000 characters": (
        "Subject: Deliveries\n\nHi Maria,\n\n"
        + "Your post on why late deliveries are a data problem is right, and it goes further. " * 120
        + "\n\nWould a call next week help?",
        "reply_length",
    ),
    "an invented employer and school": (
        "Subject: Your time at Globex\n\nHi Maria,\n\nSince your years at Globex Corporation and your MBA "
        "from Stanford, late deliveries must be familiar to you.\n\nWould a call next week help?",
        "grounding",
    ),
    "link and image markup": (
        "Subject: Late deliveries\n\nHi Maria,\n\nYour post on late deliveries rang true: see "
        "[our study](https://tally.example/study) ![](https://tally.example/pixel.png).\n\n"
        "Would a call next week help?",
        "markup",
    ),
    "stops mid-sentence": (
        "Subject: Late deliveries\n\nHi Maria,\n\nYour post on why late deliveries are a data problem "
        "made me think about how our weekly forecasts could help your team plan the",
        "complete",
    ),
    "no greeting": (
        "Subject: Late deliveries\n\nYour post on why late deliveries are a data problem matches what we "
        "see at Tally Forecast.\n\nWould a 15-minute call next week be useful?",
        "greeting",
    ),
}


@pytest.fixture
def store(data_dir) -> TemplateStore:
    return TemplateStore(data_dir)


def draft_with(store, *responses: str) -> Draft:
    chat = FakeListChatModel(responses=list(responses))
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, chat=chat)
    return draft


def first_failures(store, reply: str) -> list[str]:
    fallback = draft_with(store, reply, reply)
    [attempt] = fallback.alternatives
    return [c.name for c in attempt.checks if not c.ok]


@pytest.mark.parametrize(("reply", "check"), BAD.values(), ids=BAD.keys())
def test_a_bad_reply_is_repaired_with_one_plain_warning(store, reply, check):
    draft = draft_with(store, reply, GOOD)
    assert draft.ok
    assert (draft.engine, draft.outcome) == (Engine.LLM, Outcome.REPAIRED)
    assert draft.subject == "Late deliveries at Acme Logistics"
    assert draft.warnings == [draft.why]
    assert check in draft.why
    assert "\n" not in draft.warnings[0]


@pytest.mark.parametrize(("reply", "check"), BAD.values(), ids=BAD.keys())
def test_a_bad_reply_twice_gives_the_template_draft_and_keeps_the_attempt(store, reply, check):
    draft = draft_with(store, reply, reply)
    assert draft.ok
    assert (draft.engine, draft.outcome) == (Engine.TEMPLATE, Outcome.FALLBACK)
    [warning] = draft.warnings
    assert "template engine" in warning
    assert "kept as an alternative" in warning
    assert "\n" not in warning
    [attempt] = draft.alternatives
    assert attempt.engine is Engine.LLM
    assert not attempt.ok
    assert check in [c.name for c in attempt.checks if not c.ok]


def test_the_repair_request_carries_the_failed_checks_as_instructions(store):
    seen: list = []

    class Recording(FakeListChatModel):
        def _stream(self, messages, *args, **kwargs):
            seen.append(messages)
            yield from super()._stream(messages, *args, **kwargs)

    chat = Recording(responses=[BAD["an invented employer and school"][0], GOOD])
    compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, chat=chat)
    first, repair = seen
    assert len(repair) == len(first) + 2
    assert repair[-2].content == BAD["an invented employer and school"][0]
    ask = repair[-1].content
    assert "Globex Corporation" in ask
    assert "use only names that appear in the lead profile" in ask
    assert '"Hello Maria,"' in ask


def test_a_good_first_reply_is_used_as_it_is(store):
    chat = GenericFakeChatModel(messages=iter([AIMessage(GOOD)]))
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, chat=chat)
    assert (draft.outcome, draft.warnings, draft.alternatives) == (Outcome.MODEL, [], [])
    assert draft.why == "the model's draft passed its checks"


def test_streaming_with_an_injected_model_checks_when_the_stream_ends(store):
    chat = GenericFakeChatModel(messages=iter([AIMessage("Subject: x\n\nok"), AIMessage(GOOD)]))
    *chunks, draft = stream_compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, llm=None, chat=chat)
    text = "".join(chunks)
    assert text.startswith("Subject: x")
    assert "asking the model to fix it" in text
    assert draft.outcome is Outcome.REPAIRED


def test_a_repair_is_skipped_when_the_budget_is_spent(store):
    import time

    class Slow(FakeListChatModel):
        def _stream(self, *args, **kwargs):
            time.sleep(0.3)
            yield from super()._stream(*args, **kwargs)

    config = LLMConfig(model="slow", budget=0.2)
    chat = Slow(responses=["<>", GOOD])
    [draft] = compose(
        SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, llm=config, chat=chat
    )
    assert draft.outcome is Outcome.FALLBACK
    assert "0.2 s budget" in draft.warnings[0]
