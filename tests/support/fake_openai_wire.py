"""What the fake OpenAI server sends and records: scripted replies, chat completions and SSE chunks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HANG_LIMIT = 30.0
DEFAULT_TEXT = (
    "Subject: Hello from the fake model\n\n"
    "Hi there,\n\nThis is the fake model's default reply.\n\nBest,\nFake"
)


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any] | str = field(default_factory=dict)
    id: str | None = None

    def arguments_json(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclass
class Reply:
    """One scripted answer. `status` other than 200 sends an OpenAI-style error body."""

    text: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    delay: float = 0.0
    chunks: list[str] | None = None
    chunk_delay: float = 0.0
    break_after: int | None = None
    stream: bool | None = None  # None: as the request asks
    body: str | None = None  # raw body, sent as-is (e.g. broken JSON)
    finish_reason: str = "stop"  # "length": the reply hit max_tokens
    hang: bool = False  # send nothing until the client hangs up (at most HANG_LIMIT seconds)
    # stream `hold_after` chunks, then wait until the test sets `hold` (at most HANG_LIMIT seconds): a test
    # can look at a half-streamed reply without betting on a delay
    hold: threading.Event | None = None
    hold_after: int = 0


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", []) if isinstance(self.body, dict) else []

    def text(self) -> str:
        """All message contents joined: handy for asserting what the prompt contained."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


def pieces(text: str, size: int = 12) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def completion(model: str, reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": call.id or f"call_{i}",
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments_json()},
            }
            for i, call in enumerate(reply.tool_calls)
        ]
    finish = "tool_calls" if reply.tool_calls else reply.finish_reason
    words = len((reply.text or "").split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": words, "total_tokens": 10 + words},
    }


def chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [choice],
    }


def events(model: str, reply: Reply, usage: bool) -> Iterator[dict[str, Any]]:
    yield chunk(model, {"role": "assistant", "content": ""})
    if reply.text:
        for piece in reply.chunks or pieces(reply.text):
            yield chunk(model, {"content": piece})
    for index, call in enumerate(reply.tool_calls):
        head = {"index": index, "id": call.id or f"call_{index}", "type": "function"}
        yield chunk(model, {"tool_calls": [{**head, "function": {"name": call.name, "arguments": ""}}]})
        for piece in pieces(call.arguments_json(), 16):
            yield chunk(model, {"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk(model, {}, "tool_calls" if reply.tool_calls else reply.finish_reason)
    if usage:
        yield {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": model,
            "choices": [],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
