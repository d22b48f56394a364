"""The LLM engine: LangChain's ChatOpenAI against any OpenAI-compatible server, with plain-text replies.

No tool calling, no JSON schema: many local servers lack them (llama.cpp answers `response_format:
json_schema` with HTTP 500), so the model is asked for "Subject: ...", a blank line, the body, and
`composer.replies` reads it forgivingly. An over-long body is sent back once to be shortened; the
finishing step cuts whatever is still too long. `langchain_openai` is imported inside the functions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from composer import template_engine
from composer.channels import ChannelLimits, limits
from composer.contexts import prompt_context
from composer.drafting import Job, RawDraft
from composer.errors import ComposerError, LLMError
from composer.llm_config import LLMConfig
from composer.llm_retry import call_with_retries
from composer.models import Channel, Engine
from composer.replies import parse_reply
from composer.text import cut, split_sentences

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


def _prompts(job: Job, *, variant: int) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    context = prompt_context(job, language=job.language, variant=variant)
    return [
        SystemMessage(job.store.render("llm/system.j2", context)),
        HumanMessage(job.store.render("llm/user.j2", context)),
    ]


def _too_long(subject: str | None, body: str, channel: Channel, lengths: ChannelLimits | None) -> bool:
    limit = limits(channel, lengths)
    return len(body) > limit.body or (
        subject is not None and limit.subject > 0 and len(subject) > limit.subject
    )


def _fallback_subject(job: Job, body: str) -> str:
    try:
        subject = template_engine.render(job).subject
    except ComposerError:
        subject = None
    first = split_sentences(body.split("\n\n", 1)[-1]) or [job.strategy.title]
    return subject or cut(first[0], 60)


def _draft_from_reply(
    text: str, messages: list[Any], job: Job, *, config: LLMConfig, variant: int
) -> RawDraft:
    from langchain_core.messages import AIMessage, HumanMessage

    settings = job.settings
    subject, body = parse_reply(text)
    if not body.strip():
        raise LLMError(f"the model '{config.model}' returned an empty reply")
    warnings: list[str] = []
    if _too_long(subject, body, settings.channel, job.lengths):
        context = prompt_context(job, language=job.language, variant=variant, draft=body)
        ask = [*messages, AIMessage(text), HumanMessage(job.store.render("llm/shorten.j2", context))]
        model = chat_model(config)
        try:
            shorter = _text(
                call_with_retries(lambda: model.invoke(ask, temperature=settings.temperature), config)
            )
        except LLMError as exc:  # the long draft is still a draft: the finishing step cuts it
            warnings.append(f"could not ask the model to shorten its draft ({exc})")
            shorter = ""
        new_subject, new_body = parse_reply(shorter)
        if new_body.strip():
            subject, body = new_subject or subject, new_body
    if settings.channel is Channel.CONNECTION_NOTE:
        subject = None
    elif not subject:
        subject = _fallback_subject(job, body)
        warnings.append(f"the model wrote no subject line; using: {subject}")
    return RawDraft(
        subject=subject,
        body=body,
        language=job.language,
        requested_language=job.language,
        engine=Engine.LLM,
        model=config.model,
        warnings=warnings,
    )


def generate(job: Job, *, config: LLMConfig, variant: int = 0) -> RawDraft:
    """One draft from the model; raises LLMError (one line) when the model cannot be used."""
    messages = _prompts(job, variant=variant)
    model = chat_model(config)
    temperature = job.settings.temperature
    reply = call_with_retries(lambda: model.invoke(messages, temperature=temperature), config)
    return _draft_from_reply(_text(reply), messages, job, config=config, variant=variant)


def stream(job: Job, *, config: LLMConfig) -> Iterator[str | RawDraft]:
    """Text chunks as the model writes them, then one RawDraft.

    Failures before the first chunk are retried like any call; a stream that breaks after text was
    shown raises LLMError, since half a message is not a draft.
    """
    messages = _prompts(job, variant=0)
    model = chat_model(config)
    temperature = job.settings.temperature

    def start() -> tuple[str, Iterator[Any]]:
        chunks = iter(model.stream(messages, temperature=temperature))
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
        raise LLMError(
            f"the model's reply broke off after {shown} characters ({type(exc).__name__})"
        ) from exc
    yield _draft_from_reply("".join(parts), messages, job, config=config, variant=0)
