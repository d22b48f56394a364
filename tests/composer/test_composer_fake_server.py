"""The fake OpenAI server the LLM tests use: a client that hangs up is not noise in the test output."""

from __future__ import annotations

import json
import socket
import struct
import threading

from support.fake_openai import FakeOpenAI


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
