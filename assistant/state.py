"""The conversation: its messages and what it is working on (the lead, the draft, the settings).

It is plain data, so the app keeps it in `st.session_state` and the tests build it directly. Replies are
appended only when they are complete (or failed), so a rerun never shows half a message twice.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from composer import Draft, Lead, Settings


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"


class Mode(StrEnum):
    """How the assistant talks to the model, learned from the server's answers and kept for the chat."""

    COMMANDS = "commands"  # no model configured: slash commands and the template engine
    TOOLS = "tools"  # the model calls tools
    ROUTING = "routing"  # the server lacks tool calling: the model names the intent in one word


class Message(BaseModel):
    role: Role
    text: str
    model_text: str | None = None  # what the model sees instead, when it differs (pasted lead JSON)
    draft: Draft | None = None  # the draft this reply made, shown with its card
    lead: Lead | None = None  # who that draft is for (the current lead may change later)
    error: str | None = None  # one sentence: what went wrong and how to fix it
    failed: bool = False  # the model failed: `text` keeps what streamed, and Retry sends the message again


class Conversation(BaseModel):
    messages: list[Message] = Field(default_factory=list)
    lead: Lead | None = None
    draft: Draft | None = None
    settings: Settings = Field(default_factory=Settings)
    mode: Mode | None = None  # None until the first reply decides it
    mode_for: str | None = None  # the model server the mode was learned from
    told: set[str] = Field(default_factory=set)  # notices already given once ("no tool calling", ...)
    sent: dict[str, str] = Field(default_factory=dict)  # draft id -> what /sent recorded, so twice is once
    # Revisions of the current draft a redraft with new settings applies again ("in French" after
    # "shorter" stays shorter): how many times it was made shorter.
    shortened: int = 0

    def say_once(self, key: str, text: str) -> str:
        """`text` the first time `key` comes up in this conversation, "" afterwards."""
        if key in self.told:
            return ""
        self.told.add(key)
        return text

    def last_user_text(self) -> str | None:
        return next((m.text for m in reversed(self.messages) if m.role is Role.USER), None)

    def can_retry(self) -> bool:
        """The last reply failed and the message that caused it is still there to send again."""
        return bool(self.messages) and self.messages[-1].failed and self.last_user_text() is not None

    def history(self, *, limit: int = 12) -> list[tuple[str, str]]:
        """The last exchanges as the model sees them: (role, text), failed replies left out."""
        kept = [m for m in self.messages if not m.failed and (m.text or m.model_text)]
        return [(str(m.role), m.model_text or m.text) for m in kept[-limit:]]
