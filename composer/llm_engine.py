"""The LLM engine: LangChain's ChatOpenAI against any OpenAI-compatible server, with plain-text replies.

No tool calling, no JSON schema: many local servers lack them (llama.cpp answers `response_format:
json_schema` with HTTP 500), so the model is asked for "Subject: ...", a blank line, the body, and
`composer.replies` reads it forgivingly. An over-long body is sent back once to be shortened; the
finishing step cuts whatever is still too long. `langchain_openai` is imported inside the functions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from composer import languages, template_engine
from composer.channels import limits
from composer.contexts import prompt_context
from composer.drafting import RawDraft
from composer.errors import ComposerError, LLMError
from composer.llm_config import LLMConfig
from composer.llm_retry import call_with_retries
from composer.models import Channel, Engine, Lead, Sender, Settings
from composer.replies import parse_reply
from composer.strategies import Strategy
from composer.text import cut, split_sentences

if TYPE_CHECKING:
    from prompts.loader import TemplateStore

_models: dict[tuple[Any, ...], Any] = {}
_models_lock = threading.Lock()


def chat_model(config: LLMConfig) -> Any:
    """One ChatOpenAI per configuration, shared by threads (its HTTP client pools connections)."""
    key = (config.base_url, config.model, config.api_key.get_secret_value(), config.timeout)
    with _models_lock:
        model = _models.get(key)
        if model is None:
            from langchain_openai import ChatOpenAI

            model = ChatOpenAI(
                model=config.model,
                base_url=config.base_url,
                api_key=config.api_key,
                timeout=config.timeout,
                max_retries=0,  # the retry layer is composer.llm_retry, not the SDK's on top of ours
                use_responses_api=False,
                stream_usage=False,
            )
            _models[key] = model
    return model


def _text(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
    return str(content or "")


def _prompts(
    lead: Lead, sender: Sender, settings: Settings, *, store: TemplateStore, strategy: Strategy, variant: int
) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    language = languages.requested(settings.language, lead)
    context = prompt_context(lead, sender, settings, language=language, strategy=strategy, variant=variant)
    return [SystemMessage(store.render("llm/system.j2", context)), HumanMessage(store.render("llm/user.j2", context))]


def _too_long(subject: str | None, body: str, channel: Channel) -> bool:
    limit = limits(channel)
    return len(body) > limit.body or (subject is not None and limit.subject > 0 and len(subject) > limit.subject)


def _fallback_subject(
    lead: Lead, sender: Sender, settings: Settings, *, store: TemplateStore, strategy: Strategy, body: str
) -> str:
    try:
        subject = template_engine.render(lead, sender, settings, store=store, strategy=strategy).subject
    except ComposerError:
        subject = None
    first = split_sentences(body.split("\n\n", 1)[-1]) or [strategy.title]
    return subject or cut(first[0], 60)


def _draft_from_reply(
    text: str,
    messages: list[Any],
    lead: Lead,
    sender: Sender,
    settings: Settings,
    *,
    store: TemplateStore,
    strategy: Strategy,
    config: LLMConfig,
    variant: int,
) -> RawDraft:
    from langchain_core.messages import AIMessage, HumanMessage

    language = languages.requested(settings.language, lead)
    subject, body = parse_reply(text)
    if not body.strip():
        raise LLMError(f"the model '{config.model}' returned an empty reply")
    if _too_long(subject, body, settings.channel):
        context = prompt_context(
            lead, sender, settings, language=language, strategy=strategy, variant=variant, draft=body
        )
        ask = [*messages, AIMessage(text), HumanMessage(store.render("llm/shorten.j2", context))]
        model = chat_model(config)
        shorter = _text(call_with_retries(lambda: model.invoke(ask, temperature=settings.temperature), config))
        new_subject, new_body = parse_reply(shorter)
        if new_body.strip():
            subject, body = new_subject or subject, new_body
    warnings: list[str] = []
    if settings.channel is Channel.CONNECTION_NOTE:
        subject = None
    elif not subject:
        subject = _fallback_subject(lead, sender, settings, store=store, strategy=strategy, body=body)
        warnings.append(f"the model wrote no subject line; using: {subject}")
    return RawDraft(
        subject=subject,
        body=body,
        language=language,
        requested_language=language,
        engine=Engine.LLM,
        model=config.model,
        warnings=warnings,
    )


def generate(
    lead: Lead,
    sender: Sender,
    settings: Settings,
    *,
    store: TemplateStore,
    strategy: Strategy,
    config: LLMConfig,
    variant: int = 0,
) -> RawDraft:
    """One draft from the model; raises LLMError (one line) when the model cannot be used."""
    messages = _prompts(lead, sender, settings, store=store, strategy=strategy, variant=variant)
    model = chat_model(config)
    reply = call_with_retries(lambda: model.invoke(messages, temperature=settings.temperature), config)
    return _draft_from_reply(
        _text(reply), messages, lead, sender, settings, store=store, strategy=strategy, config=config, variant=variant
    )


def stream(
    lead: Lead,
    sender: Sender,
    settings: Settings,
    *,
    store: TemplateStore,
    strategy: Strategy,
    config: LLMConfig,
) -> Iterator[str | RawDraft]:
    """Text chunks as the model writes them, then one RawDraft.

    Failures before the first chunk are retried like any call; a stream that breaks after text was
    shown raises LLMError, since half a message is not a draft.
    """
    messages = _prompts(lead, sender, settings, store=store, strategy=strategy, variant=0)
    model = chat_model(config)

    def start() -> tuple[str, Iterator[Any]]:
        chunks = iter(model.stream(messages, temperature=settings.temperature))
        for chunk in chunks:  # the request happens on the first pull; skip empty role-only chunks
            if piece := _text(chunk):
                return piece, chunks
        return "", chunks

    first, rest = call_with_retries(start, config)
    parts = [first]
    if first:
        yield first
    try:
        for chunk in rest:
            if piece := _text(chunk):
                parts.append(piece)
                yield piece
    except Exception as exc:  # transport errors arrive mid-stream, outside the retry layer
        shown = sum(map(len, parts))
        raise LLMError(f"the model's reply broke off after {shown} characters ({type(exc).__name__})") from exc
    yield _draft_from_reply(
        "".join(parts), messages, lead, sender, settings, store=store, strategy=strategy, config=config, variant=0
    )
