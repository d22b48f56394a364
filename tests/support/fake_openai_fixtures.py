"""The `fake_openai` fixture: one fake OpenAI server per test process, as new for every test.

A server of its own for each test would cost more than its threads and socket: every new port is a new
base URL, so langchain_openai builds new HTTP clients for it (it caches them per base URL and timeout),
and each loads the CA bundle into two SSL contexts. One server on one port keeps those clients. Between
tests `FakeOpenAI.reset` ends the last test's waits, closes every connection (the next test connects
anew, as it would to a new server) and forgets the script and the recorded requests. A server that
cannot be reset (a handler still busy) is closed and the next test gets a new one. `other_fake_openai`
is a second one for tests that need two servers at once; a test that needs a server of its own (one it
closes, say) still makes it: `with FakeOpenAI() as own: ...`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.fake_openai import FakeOpenAI


class SharedServer:
    """The process's fake server, started on first use."""

    def __init__(self) -> None:
        self._server: FakeOpenAI | None = None

    def take(self) -> FakeOpenAI:
        if self._server is None or self._server.closed:
            self._server = FakeOpenAI().start()
        return self._server

    def give_back(self) -> None:
        if self._server is not None and not self._server.reset():
            self.close()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


@pytest.fixture(scope="session")
def fake_openai_servers() -> Iterator[dict[str, SharedServer]]:
    """The process's fake servers: the one every test uses, and another for tests that need two."""
    shared = {"main": SharedServer(), "other": SharedServer()}
    yield shared
    for server in shared.values():
        server.close()


def _lend(shared: SharedServer) -> Iterator[FakeOpenAI]:
    server = shared.take()
    try:
        yield server
    finally:
        shared.give_back()


@pytest.fixture
def fake_openai(fake_openai_servers: dict[str, SharedServer]) -> Iterator[FakeOpenAI]:
    """A running fake server in a new server's state; `.base_url`, `.enqueue(...)`, `.requests`.
    Patch it (or its `_server`) with `monkeypatch`, which undoes the patch after the test."""
    yield from _lend(fake_openai_servers["main"])


@pytest.fixture
def other_fake_openai(fake_openai_servers: dict[str, SharedServer]) -> Iterator[FakeOpenAI]:
    """A second fake server, on another port than `fake_openai`'s (another host, as far as a key's
    binding goes); the same kind of shared server."""
    yield from _lend(fake_openai_servers["other"])
