"""The assistant's error: a user mistake said in one sentence that tells how to fix it."""

from __future__ import annotations

from composer import ComposerError


class AssistantError(ComposerError):
    """Bad chat input (an unknown command, no lead yet, broken lead JSON). The conversation is kept."""
