"""A scripted OpenAI-compatible server on 127.0.0.1 for tests and benches (no network, real HTTP).

It serves POST /v1/chat/completions (JSON or SSE streaming) and GET /v1/models. Like simonw/llm's fake
model it is queue-based: tests `enqueue` replies, each request takes the next one, and with the queue
empty the server answers `default`. Every request is recorded in `requests`.

    fake.enqueue("Subject: Hi\\n\\nHello Maria")                    # text, streamed if the client asks
    fake.enqueue(Reply(status=429, headers={"Retry-After": "0"}))  # an error with headers
    fake.enqueue(Reply(tool_calls=[ToolCall("draft", {"strategy": "pas"})]))
    fake.enqueue(Reply(text="...", delay=2.0))                     # answer late
    fake.enqueue(Reply(text="...", break_after=3))                 # SSE stream cut after 3 chunks
    fake.enqueue(Reply(text="...", hold=event, hold_after=5))     # 5 chunks, then wait for event.set()
    fake.enqueue(Reply(hang=True))  # say nothing until the client hangs up; counted in `hung_up`
    fake.models = ["small"]       # unknown models get a 404, like a real server
    fake.api_key = "sk-test"      # a wrong key gets a 401
    fake.reset()                  # a new server's state again, same port (the `fake_openai` fixture's)
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from support.fake_openai_wire import (
    DEFAULT_TEXT,
    HANG_LIMIT,
    RecordedRequest,
    Reply,
    ToolCall,
    completion,
    events,
)

__all__ = ["FakeOpenAI", "RecordedRequest", "Reply", "ToolCall"]


class _QuietServer(ThreadingHTTPServer):
    """Clients hang up (a timeout, a cancelled stream, a closed keep-alive connection): that is normal
    here, so it is not printed as a traceback. Any other handler error still is. It knows its open
    connections, so that `FakeOpenAI.reset` can close them all and wait for their handlers to end."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._changed = threading.Condition()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._changed:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:  # the handler is done with this connection
        super().shutdown_request(request)
        with self._changed:
            self._open.discard(request)
            self._changed.notify_all()

    def hang_up(self, *, within: float) -> bool:
        """Close every connection (a handler waiting for the next request on a kept-alive one sees the
        end, one writing gets a broken pipe); True once all their handlers have ended within `within`
        seconds."""
        with self._changed:
            for connection in self._open:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            return self._changed.wait_for(lambda: not self._open, timeout=within)

    def shutdown(self) -> None:
        """Stop serve_forever without waiting out its poll (0.5 s): connections wake it. A shorter poll
        would wake an idle server often, and the shared one lives as long as the test process."""
        stopping = threading.Thread(target=super().shutdown)
        stopping.start()
        while stopping.is_alive():
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.server_port), timeout=1).close()
            stopping.join(0.01)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # reset, broken pipe, aborted
            return
        super().handle_error(request, client_address)


class FakeOpenAI:
    def __init__(self, *, models: list[str] | None = None, api_key: str | None = None) -> None:
        self._made_with = (models, api_key)
        self._script(models=models, api_key=api_key)
        self._lock = threading.Lock()
        self._closing = threading.Event()  # set: every scripted wait (delay, hold, hang) ends now
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-openai", daemon=True)

    def _script(self, *, models: list[str] | None, api_key: str | None) -> None:
        """Everything a test scripts or reads: a new server's, and `reset`'s."""
        self.queue: deque[Reply] = deque()
        self.requests: list[RecordedRequest] = []
        self.default = Reply(text=DEFAULT_TEXT)
        self.responder: Callable[[dict[str, Any]], Reply | None] | None = None  # answer by request
        self.models = None if models is None else list(models)
        self.api_key = api_key
        self.in_flight = 0
        self.max_in_flight = 0  # how many chat requests were answered at once: shows client concurrency
        self.hung_up = 0  # hanging requests whose client closed the connection

    def reset(self, *, within: float = 5.0) -> bool:
        """Back to a new server's state, on the same port: end every scripted wait, close every
        connection (so the next client connects anew, as it would to a new server), wait for their
        handlers to end, then forget the script and the recorded requests. False, with the state left
        as it is, when a handler is still busy after `within` seconds (a responder that blocks): close
        this server then and start another."""
        self._closing.set()
        if not self._server.hang_up(within=within):
            return False
        self._closing = threading.Event()
        models, api_key = self._made_with
        self._script(models=models, api_key=api_key)
        return True

    @property
    def closed(self) -> bool:
        return self._server.fileno() == -1

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def enqueue(self, *replies: Reply | str) -> None:
        with self._lock:
            self.queue.extend(Reply(text=r) if isinstance(r, str) else r for r in replies)

    def next_reply(self, body: dict[str, Any] | None = None) -> Reply:
        if self.responder is not None and (chosen := self.responder(body or {})) is not None:
            return chosen
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

    def wait_for(self, event: threading.Event) -> None:
        """Until `event` is set, the server closes, or HANG_LIMIT passes."""
        for _ in range(int(HANG_LIMIT / 0.01)):
            if event.wait(0.01) or self._closing.is_set():
                return

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
            reply = fake.next_reply(body if isinstance(body, dict) else None)
            fake.entered()
            try:
                if reply.hang:
                    self._hang()
                    return
                if reply.delay:
                    fake.wait(reply.delay)
                self._answer(model, reply, body if isinstance(body, dict) else {})
            except OSError:
                pass  # the client gave up (a timeout test) or `reset` closed the connection
            finally:
                fake.left()

        def _hang(self) -> None:
            """Wait, saying nothing, until the client closes the connection (or HANG_LIMIT passes)."""
            self.close_connection = True
            waited = 0.0
            while waited < HANG_LIMIT and not fake._closing.is_set():
                ready, _, _ = select.select([self.connection], [], [], 0.05)
                waited += 0.05
                try:
                    gone = bool(ready) and not self.connection.recv(1, socket.MSG_PEEK)
                except ConnectionError:
                    gone = True
                if gone:
                    with fake._lock:
                        fake.hung_up += 1
                    return

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
                self._send_json(200, completion(model, reply), reply.headers)

        def _stream(self, model: str, reply: Reply, usage: bool) -> None:
            self.send_response(200)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for sent, event in enumerate(events(model, reply, usage)):
                if reply.hold is not None and sent == reply.hold_after:
                    fake.wait_for(reply.hold)
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


def _every_nth_bad(n: int, bad: Reply) -> Callable[[dict[str, Any]], Reply | None]:
    """A responder: every nth first request gets `bad`; repair rounds (more than two messages) and the rest
    get the default reply."""
    count = 0
    lock = threading.Lock()

    def respond(body: dict[str, Any]) -> Reply | None:
        nonlocal count
        if len(body.get("messages", [])) > 2:
            return None
        with lock:
            count += 1
            return bad if count % n == 0 else None

    return respond


def main() -> None:
    """`python -m support.fake_openai --delay 0.2` (from tests/): serve in its own process, print the URL."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="a fake OpenAI-compatible server for benches")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--text", default=DEFAULT_TEXT, help="the reply text")
    parser.add_argument(
        "--bad-every", type=int, default=0, help="every Nth first request gets a reply that fails its checks"
    )
    args = parser.parse_args()
    with FakeOpenAI() as fake:
        fake.default = Reply(text=args.text, delay=args.delay)
        if args.bad_every:
            fake.responder = _every_nth_bad(args.bad_every, Reply(text="Subject: Hi\n\n<>", delay=args.delay))
        print(fake.base_url, flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin


if __name__ == "__main__":
    main()
