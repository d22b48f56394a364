"""A server that keeps the stream alive with SSE comments (llama-cpp-python pings every 15 s while it
waits) but writes nothing: the draft still ends at its budget, and the server sees the client go."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Engine, LLMConfig, Outcome, Settings, TemplateStore, compose
from composer.llm_client import chat_model


class _Pinger(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.gone = threading.Event()  # the client hung up
        self.stop = threading.Event()
        super().__init__(("127.0.0.1", 0), _handler)


class _handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Pinger

    def log_message(self, format, *args):
        return

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        while not self.server.stop.is_set():  # a comment line every 50 ms, never an event
            try:
                data = b": ping\r\n\r\n"
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            except OSError:
                self.server.gone.set()
                return
            self.server.stop.wait(0.05)


@pytest.fixture
def pinger():
    server = _Pinger()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()


@pytest.mark.timeout(60)  # without the whole-request timeout this would wait for ever
def test_pings_do_not_keep_a_draft_past_its_budget(pinger, data_dir):
    host, port = pinger.server_address[:2]
    config = LLMConfig(base_url=f"http://{host}:{port}/v1", model="m", timeout=60, budget=1)
    chat_model(config)  # built once a process: the 1 s go to the request, not to the first imports
    [draft] = compose(
        SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=TemplateStore(data_dir), engine=Engine.LLM, llm=config
    )
    assert draft.outcome is Outcome.FALLBACK
    assert "did not finish within the 1 s budget" in draft.warnings[0]
    assert pinger.gone.wait(30), "the server saw the connection close"
