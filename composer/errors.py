"""The composer's errors. Each message is one sentence that says what to fix; the CLI prints it as-is."""

from __future__ import annotations


class ComposerError(Exception):
    """A mistake the user can fix: bad lead data, an unknown strategy, a broken template, a model error."""


class InputError(ComposerError):
    """Lead, sender or settings data that does not fit the expected shape."""


class TemplateError(ComposerError):
    """A template that does not compile, is refused by the sandbox, or fails while rendering."""

    def __init__(self, message: str, *, name: str | None = None, line: int | None = None) -> None:
        where = f"{name} line {line}: " if name and line else f"{name}: " if name else ""
        super().__init__(f"{where}{message}")
        self.name = name
        self.line = line
        self.reason = message


class NoFirstMessageError(InputError):
    """A follow-up for a lead no first message is recorded to."""

    def __init__(self, name: str) -> None:
        who = name or "this lead"
        super().__init__(
            f"No first message to {who} is recorded: send the first message (and mark it as sent) before "
            "drafting a follow-up."
        )
        self.lead_name = name


class LLMError(ComposerError):
    """The model server failed: bad key, unknown model, unreachable, timed out or rate limited."""


class ChannelRefused(ComposerError):
    """The lead cannot receive this channel (opted out of InMail): no draft, before any model is asked.
    `instead` is the channel to draft in its place."""

    def __init__(self, lead_name: str, *, channel: str, instead: str) -> None:
        super().__init__(
            f"{lead_name} does not accept InMail: write a connection note instead (channel {instead})"
        )
        self.lead_name = lead_name
        self.channel = channel
        self.instead = instead
