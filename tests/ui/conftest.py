"""AppTest fixtures: the real app.py with one page open, and a loopback OpenAI-compatible model list."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC)


@pytest.fixture
def open_page(data_dir) -> Callable[[str], AppTest]:
    """`open_page("ui/compose.py")`: app.py with that page open, after its first run."""

    def open_(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        # A first run registers the pages (their url paths differ from the file names), then switch.
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_


@pytest.fixture
def account(data_dir):
    from limits import Account

    with Account.open(data_dir) as opened:
        yield opened


class _Models(BaseHTTPRequestHandler):
    server: _ModelServer

    def do_GET(self):
        if self.path.rstrip("/") != "/v1/models":
            self.send_error(404)
            return
        if self.server.key and self.headers.get("Authorization") != f"Bearer {self.server.key}":
            body, code = (
                {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}},
                401,
            )
        else:
            body, code = (
                {"object": "list", "data": [{"id": m, "object": "model"} for m in self.server.models]},
                200,
            )
        payload = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class _ModelServer(ThreadingHTTPServer):
    models: tuple[str, ...] = ("tiny-model", "other-model")
    key: str | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


@pytest.fixture
def model_server():
    server = _ModelServer(("127.0.0.1", 0), _Models)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
