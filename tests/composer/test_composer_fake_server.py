"""The fake OpenAI server the LLM tests use: a client that hangs up is not noise in the test output, and a
reset server is as new (the `fake_openai` fixture shares one server between tests)."""

from __future__ import annotations

import json
import socket
import struct
import threading

from support.fake_openai import FakeOpenAI, Reply
from support.fake_openai_fixtures import SharedServer


def _post(host: str, port: int, body: dict) -> socket.socket:
    data = json.dumps(body).encode()
    sock = socket.create_connection((host, port), timeout=10)
    head = (
        "POST /v1/chat/completions HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    )
    sock.sendall(head.encode() + data)
    return sock


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset, as a client that times out or is killed does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_answer(sock: socket.socket) -> bytes:
    data = b""
    while b'"choices"' not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed before answering"
        data += chunk
    return data


def _handlers() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if "process_request" in thread.name}


def _wait_for_handlers(before: set[threading.Thread]) -> None:
    """Until this server's request threads are done (they end right after the reset); other tests'
    servers may still hold threads of their own, and those are not waited for."""
    for thread in _handlers() - before:
        thread.join(timeout=10)


def test_a_client_resetting_a_kept_alive_connection_prints_no_traceback(capfd):
    before = _handlers()
    with FakeOpenAI() as fake:
        host, port = fake.base_url.removeprefix("http://").removesuffix("/v1").split(":")
        sock = _post(host, int(port), {"model": "fake-model", "messages": []})
        assert b"fake model" in _read_answer(sock)
        _reset(sock)  # the server is now waiting for the next request on this connection
        _wait_for_handlers(before)
        still = _post(host, int(port), {"model": "fake-model", "messages": []})  # the server still serves
        assert b'"choices"' in _read_answer(still)
        still.close()
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "ConnectionResetError" not in err


def test_other_handler_errors_are_still_printed(capfd):
    with FakeOpenAI() as fake:
        try:
            raise ValueError("a bug in the fake")
        except ValueError:
            fake._server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a bug in the fake" in capfd.readouterr().err


def _scripted(fake: FakeOpenAI) -> dict:
    names = ("requests", "default", "responder", "models", "api_key", "in_flight", "max_in_flight", "hung_up")
    return {"queue": list(fake.queue), **{name: getattr(fake, name) for name in names}}


def _get_models(sock: socket.socket) -> bytes:
    sock.sendall(b"GET /v1/models HTTP/1.1\r\nHost: fake\r\n\r\n")
    data = b""
    while not data.endswith(b"}]}"):
        chunk = sock.recv(65536)
        assert chunk, "the server closed before answering"
        data += chunk
    return data


def test_reset_gives_a_new_servers_state_on_the_same_port():
    with FakeOpenAI() as fake, FakeOpenAI() as new:
        url = fake.base_url
        host, port = url.removeprefix("http://").removesuffix("/v1").split(":")
        fake.enqueue("one", "two", Reply(status=500))
        asked = _post(host, int(port), {"model": "fake-model", "messages": []})
        assert b"one" in _read_answer(asked)  # its connection stays open
        fake.default = Reply(text="changed")
        fake.responder = lambda body: None
        fake.models, fake.api_key = ["small"], "sk-test"
        fake.hung_up = 3
        assert _scripted(fake) != _scripted(new)
        assert fake.reset()
        assert _scripted(fake) == _scripted(new)
        assert fake.base_url == url
        asked.close()


def test_reset_keeps_what_the_server_was_made_with():
    with (
        FakeOpenAI(models=["small"], api_key="sk-test") as fake,
        FakeOpenAI(models=["small"], api_key="sk-test") as new,
    ):
        fake.models.append("large")
        fake.api_key = None
        assert fake.reset()
        assert _scripted(fake) == _scripted(new)


def test_reset_ends_a_hanging_request_and_closes_kept_alive_connections():
    with FakeOpenAI() as fake:
        host, port = fake.base_url.removeprefix("http://").removesuffix("/v1").split(":")
        kept = socket.create_connection((host, int(port)), timeout=10)
        assert b"fake-model" in _get_models(kept)  # kept alive: HTTP/1.1
        fake.enqueue(Reply(hang=True))
        hanging = _post(host, int(port), {"model": "fake-model", "messages": []})
        for _ in range(200):  # until the handler has taken the hanging reply
            if not fake.queue:
                break
            fake.wait(0.01)
        assert fake.reset(within=10)
        assert kept.recv(1) == b""  # closed by the server
        assert hanging.recv(1) == b""
        kept.close()
        hanging.close()


def test_a_server_whose_handler_stays_busy_is_not_reset():
    release = threading.Event()
    with FakeOpenAI() as fake:
        host, port = fake.base_url.removeprefix("http://").removesuffix("/v1").split(":")
        fake.responder = lambda body: release.wait(10) and None  # scripted waits do not end this one
        fake.enqueue("kept")
        busy = _post(host, int(port), {"model": "fake-model", "messages": []})
        for _ in range(200):
            if fake.requests:
                break
            fake.wait(0.01)
        assert not fake.reset(within=0.2)
        assert list(fake.queue) == [Reply(text="kept")]  # the state is left as it is
        release.set()
        busy.close()


def test_the_fixture_replaces_a_server_that_cannot_be_reset_or_was_closed(monkeypatch):
    shared = SharedServer()
    first = shared.take()
    assert shared.take() is first
    monkeypatch.setattr(first, "reset", lambda: False)
    shared.give_back()
    assert first.closed
    second = shared.take()
    assert second is not first
    assert not second.closed
    second.close()
    third = shared.take()
    assert third is not second
    shared.close()
    assert third.closed
