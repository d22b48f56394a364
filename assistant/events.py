"""What a reply is made of while it streams: words for the reply, preview text, and drafts."""

from __future__ import annotations

from dataclasses import dataclass

from composer import Draft


@dataclass(frozen=True)
class Say:
    """Text that is part of the reply and stays in the conversation.

    A new statement starts on a new line; `joined` continues the previous one (a model's streamed words).
    """

    text: str
    joined: bool = False


@dataclass(frozen=True)
class Preview:
    """Text shown while it streams (a draft being written) and then replaced by the draft card."""

    text: str


@dataclass(frozen=True)
class Made:
    """A draft the reply produced; it becomes the conversation's current draft."""

    draft: Draft


Event = Say | Preview | Made
