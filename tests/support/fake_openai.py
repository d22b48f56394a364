"""A scripted OpenAI-compatible server on 127.0.0.1 for tests and benches (no network, real HTTP).

It serves POST /v1/chat/completions (JSON or SSE streaming) and GET /v1/models. Like simonw/llm's fake
model it is queue-based: tests `enqueue` replies, each request takes the next one, and with the queue
empty the server answers `default`. Every request is recorded in `requests`.

    fake.enqueue("Subject: Hi\\n\\nHello Maria")                    # text, streamed if the client asks
    fake.enqueue(Reply(status=429, headers={"Retry-After": "0"}))  # an error with headers
    fake.enqueue(Reply(tool_calls=[ToolCall("draft", {"strategy": "pas"})]))
    fake.enqueue(Reply(text="...", delay=2.0))                     # answer late
    fake.enqueue(Reply(text="...", break_after=3))                 # SSE stream cut after 3 chunks
    fake.models = ["small"]       # unknown models get a 404, like a real server
    fake.api_key = "sk-test"      # a wrong key gets a 401
"""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

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


def _pieces(text: str, size: int = 12) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


class FakeOpenAI:
    def __init__(self, *, models: list[str] | None = None, api_key: str | None = None) -> None:
        self.queue: deque[Reply] = deque()
        self.requests: list[RecordedRequest] = []
        self.default = Reply(text=DEFAULT_TEXT)
        self.models = models
        self.api_key = api_key
        self.in_flight = 0
        self.max_in_flight = 0  # how many chat requests were answered at once: shows client concurrency
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-openai", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: Reply | str) -> None:
        with self._lock:
            self.queue.extend(Reply(text=r) if isinstance(r, str) else r for r in replies)

    def next_reply(self) -> Reply:
        with self._lock:
            return self.queue.popleft() if self.queue else self.default

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def wait(self, seconds: float) -> None:
        self._closing.wait(seconds)

    def entered(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def left(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _completion(model: str, reply: Reply) -> dict[str, Any]:
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
    finish = "tool_calls" if reply.tool_calls else "stop"
    words = len((reply.text or "").split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": words, "total_tokens": 10 + words},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [choice],
    }


def _events(model: str, reply: Reply, usage: bool) -> Iterator[dict[str, Any]]:
    yield _chunk(model, {"role": "assistant", "content": ""})
    if reply.text:
        for piece in reply.chunks or _pieces(reply.text):
            yield _chunk(model, {"content": piece})
    for index, call in enumerate(reply.tool_calls):
        head = {"index": index, "id": call.id or f"call_{index}", "type": "function"}
        yield _chunk(model, {"tool_calls": [{**head, "function": {"name": call.name, "arguments": ""}}]})
        for piece in _pieces(call.arguments_json(), 16):
            yield _chunk(model, {"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield _chunk(model, {}, "tool_calls" if reply.tool_calls else "stop")
    if usage:
        yield {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": model,
            "choices": [],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = (
            True  # like real servers; else headers and body wait on delayed ACKs (40 ms)
        )

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            return

        def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, message: str, code: str, headers: dict[str, str] | None = None) -> None:
            body = {
                "error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}
            }
            self._send_json(status, body, headers)

        def _authorised(self) -> bool:
            if fake.api_key is None or self.headers.get("Authorization") == f"Bearer {fake.api_key}":
                return True
            self._error(401, "Incorrect API key provided.", "invalid_api_key")
            return False

        def _record(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode(errors="replace")
            fake.record(
                RecordedRequest(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )
            return body

        def do_GET(self) -> None:
            self._record()
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith("/models"):
                ids = fake.models or ["fake-model"]
                self._send_json(
                    200,
                    {
                        "object": "list",
                        "data": [{"id": m, "object": "model", "owned_by": "fake"} for m in ids],
                    },
                )
            else:
                self._error(404, f"no route {self.path}", "not_found")

        def do_POST(self) -> None:
            body = self._record()
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._error(404, f"no route {self.path}", "not_found")
                return
            if not self._authorised():
                return
            model = body.get("model", "") if isinstance(body, dict) else ""
            if fake.models is not None and model not in fake.models:
                self._error(404, f"The model `{model}` does not exist.", "model_not_found")
                return
            reply = fake.next_reply()
            fake.entered()
            try:
                if reply.delay:
                    fake.wait(reply.delay)
                self._answer(model, reply, body if isinstance(body, dict) else {})
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to do
            finally:
                fake.left()

        def _answer(self, model: str, reply: Reply, body: dict[str, Any]) -> None:
            if reply.body is not None:
                self._send_json(reply.status, reply.body, reply.headers)
            elif reply.status != 200:
                message = reply.error or f"scripted error {reply.status}"
                self._error(reply.status, message, f"http_{reply.status}", reply.headers)
            elif reply.stream if reply.stream is not None else body.get("stream"):
                usage = bool((body.get("stream_options") or {}).get("include_usage"))
                self._stream(model, reply, usage)
            else:
                self._send_json(200, _completion(model, reply), reply.headers)

        def _stream(self, model: str, reply: Reply, usage: bool) -> None:
            self.send_response(200)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for sent, event in enumerate(_events(model, reply, usage)):
                if reply.break_after is not None and sent >= reply.break_after:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # mid-stream drop: no final chunk
                    self.close_connection = True
                    return
                self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
                if reply.chunk_delay:
                    fake.wait(reply.chunk_delay)
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _write_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    return Handler


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running fake server; `.base_url`, `.enqueue(...)`, `.requests`."""
    with FakeOpenAI() as server:
        yield server
