"""Talking to the model server: one chat model, streamed replies, and every failure as one sentence.

The only module of the assistant that imports the LLM stack, and only inside its functions. The chat
model and the wording of failures come from `composer.llm_client` (the one model stack). The SDK's own
retries are off: the chat has one retry layer, the Retry button, and a scripted test server is not asked
the same question twice behind the test's back.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composer import LLMError

if TYPE_CHECKING:
    from composer import LLMConfig

# Statuses with which servers refuse a request that carries `tools` (llama.cpp: 500, vLLM: 400, ...).
TOOLS_REFUSED = frozenset({400, 422, 500, 501})


class ModelFailure(LLMError):
    """The server failed or broke off; `streamed` says whether any text had arrived before it did."""

    def __init__(self, message: str, *, status: int | None = None, streamed: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.streamed = streamed


@dataclass
class ModelReply:
    text: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)  # LangChain's {"id", "name", "args"}


def chat_model(config: LLMConfig, *, temperature: float = 0.2):
    from composer import chat_model as build

    return build(config, streaming=True, temperature=temperature)


def _messages(system: str, turns: Sequence[tuple[str, str]]) -> list:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"user": HumanMessage, "assistant": AIMessage}
    return [SystemMessage(content=system), *(kinds[role](content=text) for role, text in turns)]


def stream_reply(
    config: LLMConfig,
    *,
    system: str,
    turns: Sequence[tuple[str, str]],
    tools: list[dict[str, Any]] | None = None,
) -> Generator[str, None, ModelReply]:
    """Yield the reply's text as it streams; return the whole reply with any tool calls.

    Raises ModelFailure (one sentence) when the request fails or the stream breaks off.
    """
    from composer import StreamRedactor, redact_secrets

    secrets = config.secrets()
    guard = StreamRedactor(secrets=secrets)
    model = chat_model(config)
    runnable = model.bind_tools(tools) if tools else model
    total = None
    try:
        for chunk in runnable.stream(_messages(system, turns)):
            total = chunk if total is None else total + chunk
            if isinstance(chunk.content, str) and chunk.content and (shown := guard.feed(chunk.content)):
                yield shown
    except Exception as exc:  # any failure of the remote side becomes one sentence, never a traceback
        failure = describe_failure(exc, config, streamed=total is not None)
        if rest := guard.close():  # the words already received stay on the page
            yield rest
        raise failure from exc
    if rest := guard.close():
        yield rest
    if total is None:
        return ModelReply()
    text = total.content if isinstance(total.content, str) else ""
    return ModelReply(text=redact_secrets(text, secrets=secrets), tool_calls=list(total.tool_calls))


def stream_text(config: LLMConfig, *, system: str, user: str) -> Iterator[str]:
    """A plain streamed answer to one message (no tools)."""
    yield from stream_reply(config, system=system, turns=[("user", user)])


# What the chat adds to the one sentence: the Retry button is its way to try again.
_NEXT_STEP = {"rate_limited": "wait a moment, then press Retry", "broke_off": "press Retry to ask again"}


def describe_failure(exc: Exception, config: LLMConfig, *, streamed: bool) -> ModelFailure:
    from composer import explain_failure

    failure = explain_failure(exc, config=config, streamed=streamed)
    step = _NEXT_STEP.get(failure.kind.value, "press Retry, or check Settings")
    text = failure.message[:1].upper() + failure.message[1:]
    return ModelFailure(f"{text}: {step}.", status=failure.status, streamed=streamed)
