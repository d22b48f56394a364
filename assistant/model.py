"""Talking to the model server: one chat model, streamed replies, and every failure as one sentence.

The only module of the assistant that imports the LLM stack, and only inside its functions. The SDK's
own retries are off: the chat has one retry layer, the Retry button, and a scripted test server is not
asked the same question twice behind the test's back.
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
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=config.model,
        base_url=config.base_url,
        api_key=config.api_key,
        timeout=config.timeout,
        max_retries=0,
        temperature=temperature,
        use_responses_api=False,
        streaming=True,
    )


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
    model = chat_model(config)
    runnable = model.bind_tools(tools) if tools else model
    total = None
    try:
        for chunk in runnable.stream(_messages(system, turns)):
            total = chunk if total is None else total + chunk
            if isinstance(chunk.content, str) and chunk.content:
                yield chunk.content
    except Exception as exc:  # any failure of the remote side becomes one sentence, never a traceback
        raise describe_failure(exc, config, streamed=total is not None) from exc
    if total is None:
        return ModelReply()
    text = total.content if isinstance(total.content, str) else ""
    return ModelReply(text=text, tool_calls=list(total.tool_calls))


def stream_text(config: LLMConfig, *, system: str, user: str) -> Iterator[str]:
    """A plain streamed answer to one message (no tools)."""
    yield from stream_reply(config, system=system, turns=[("user", user)])


def describe_failure(exc: Exception, config: LLMConfig, *, streamed: bool) -> ModelFailure:
    import openai

    where = config.where
    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.AuthenticationError):
        text = "The model server rejected the API key: check OPENAI_API_KEY."
    elif isinstance(exc, openai.NotFoundError):
        text = (
            f"The server at {where} does not know the model {config.model!r}: check INMAIL_MODEL or Settings."
        )
    elif isinstance(exc, openai.RateLimitError):
        text = "The model server is rate limiting requests (HTTP 429): wait a moment, then press Retry."
    elif isinstance(exc, openai.APITimeoutError):
        text = (
            f"The model did not answer within {config.timeout:g} s: press Retry, or raise INMAIL_LLM_TIMEOUT."
        )
    elif isinstance(exc, openai.APIConnectionError) and not streamed:
        text = (
            f"Could not reach the model server at {where}: check the base URL and that the server is running."
        )
    elif isinstance(exc, openai.APIStatusError):
        text = f"The model server answered HTTP {exc.status_code}: press Retry, or check the server's log."
    elif streamed:
        text = "The model's reply broke off mid-stream: press Retry to ask again."
    else:
        text = f"The model server failed ({type(exc).__name__}): press Retry, or check the server."
    return ModelFailure(text, status=status, streamed=streamed)
