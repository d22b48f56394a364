"""What the chat tests read off the page (imported by the chat page tests)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

MARIA = "https://www.linkedin.com/in/maria-lopez-data"


def say(at: AppTest, text: str) -> AppTest:
    """Type `text` into the chat input and send it; returns the app after the reply."""
    at.chat_input(key="chat.input").set_value(text).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """What the page shows as text (plain text, markdown and alerts with their escapes removed)."""
    parts = []
    for kind in ("text", "markdown", "caption", "error", "warning", "success", "info"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("  \n", "\n")


def conversation(at: AppTest):
    return at.session_state["chat.conversation"]


def replies(at: AppTest) -> list:
    from assistant import Role

    return [m for m in conversation(at).messages if m.role is Role.ASSISTANT]
