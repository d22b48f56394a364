"""The offline command language: `/help`, `/lead`, `/draft`, ... parsed into a `Command`.

Parsing is pure and separate from running, so the parser is tested on its own and the same commands
work whether or not a model is connected.
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum

from pydantic import BaseModel

from assistant.errors import AssistantError


class CommandName(StrEnum):
    HELP = "help"
    LEAD = "lead"
    DRAFT = "draft"
    STRATEGY = "strategy"
    SHORTER = "shorter"
    LANGUAGE = "language"
    CHECK = "check"
    CREDITS = "credits"
    SENT = "sent"


# What each command takes: None = nothing, else the name of its argument and whether it is required.
_ARGUMENTS: dict[CommandName, tuple[str, bool] | None] = {
    CommandName.HELP: None,
    CommandName.LEAD: ("JSON or NAME", False),
    CommandName.DRAFT: ("STRATEGY", False),
    CommandName.STRATEGY: ("NAME", True),
    CommandName.SHORTER: None,
    CommandName.LANGUAGE: ("CODE", True),
    CommandName.CHECK: None,
    CommandName.CREDITS: None,
    CommandName.SENT: None,
}

# Short aliases people type anyway; they map onto the closed set above.
_ALIASES = {
    "h": CommandName.HELP,
    "?": CommandName.HELP,
    "commands": CommandName.HELP,
    "lang": CommandName.LANGUAGE,
    "short": CommandName.SHORTER,
    "limits": CommandName.CHECK,
    "balance": CommandName.CREDITS,
    "send": CommandName.SENT,
}


class Command(BaseModel):
    """One parsed command: its name and the raw text after it (stripped; may span lines)."""

    name: CommandName
    argument: str = ""


def usage(name: CommandName) -> str:
    """`/name ARG` as shown in help and errors."""
    spec = _ARGUMENTS[name]
    if spec is None:
        return f"/{name}"
    arg, required = spec
    return f"/{name} {arg}" if required else f"/{name} [{arg}]"


def is_command(text: str) -> bool:
    return text.lstrip().startswith("/")


def parse_command(text: str) -> Command:
    """Parse `/name argument`. Raises AssistantError (one sentence) for an unknown or malformed command."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        raise AssistantError("Commands start with a slash, for example /help.")
    # The name ends at the first whitespace, so `/lead` may be followed by JSON on the next line.
    parts = _HEAD.fullmatch(stripped)
    assert parts is not None  # a slash and anything after it
    head, argument = parts.groups()
    word = head.lower()
    name = _lookup(word)
    spec = _ARGUMENTS[name]
    if spec is None and argument:
        raise AssistantError(f"/{name} takes nothing after it: type just /{name}.")
    if spec is not None and spec[1] and not argument:
        raise AssistantError(f"/{name} needs {spec[0]}: type {usage(name)}, for example {_EXAMPLES[name]}.")
    return Command(name=name, argument=argument.strip())


def closest_command(text: str) -> CommandName | None:
    """The command a mistyped word of `text` is closest to ("shortr" -> shorter), or None. Looks at the
    first few words only, each cut to a word's length: linear in nothing but a handful of short words."""
    names = [str(name) for name in CommandName] + list(_ALIASES)
    for word in re.findall(r"[a-z?]+", text[:200].lower())[:8]:
        close = difflib.get_close_matches(word[:20], names, n=1, cutoff=0.75)
        if close:
            return _ALIASES.get(close[0]) or CommandName(close[0])
    return None


_HEAD = re.compile(r"/(\S*)\s*(.*)", re.DOTALL)
_EXAMPLES = {CommandName.STRATEGY: "/strategy pas", CommandName.LANGUAGE: "/language es"}


def _lookup(word: str) -> CommandName:
    if not word:
        raise AssistantError("Type a command name after the slash, for example /help.")
    try:
        return CommandName(word)
    except ValueError:
        pass
    if word in _ALIASES:
        return _ALIASES[word]
    names = [str(name) for name in CommandName]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    hint = f"did you mean /{close[0]}? " if close else ""
    raise AssistantError(f"Unknown command /{word}: {hint}type /help for the list.")
