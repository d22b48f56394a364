"""A base URL with a port in letters, or with a user and password in it, on every page that reads it: one
line on the page, never a traceback, and never the password."""

from __future__ import annotations

import pytest
from page_text import texts

PAGES = ["ui/settings.py", "ui/compose.py", "ui/chat.py"]


def _shown(at) -> str:
    return texts(at) + "".join(str(t.value) + str(t.placeholder) for t in at.text_input)


@pytest.mark.parametrize("page", PAGES)
def test_a_port_in_letters_is_one_line_on_the_page(open_page, monkeypatch, page):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:abc/v1")
    at = open_page(page)
    assert not at.exception
    assert any("port that is not a number" in w.value for w in at.warning)


@pytest.mark.parametrize("page", PAGES)
def test_a_password_in_the_base_url_is_never_shown(open_page, monkeypatch, page):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://sam:hunter2secret@127.0.0.1:9/v1")
    at = open_page(page)
    assert not at.exception
    assert "hunter2secret" not in _shown(at)
