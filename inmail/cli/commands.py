"""The command table: each command word and the module that defines it. Add a module's commands here and
they appear in `inmail --help`.

Each module also names the commands its `register()` adds in `COMMANDS` (the suite checks the two agree),
so a command line that starts with a command imports and builds only that module's sub-parsers.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

COMMAND_MODULES = {
    "plans": "inmail.cli.limits_commands",
    "check": "inmail.cli.limits_commands",
    "ledger": "inmail.cli.limits_commands",
    "draft": "inmail.cli.draft_commands",
    "templates": "inmail.cli.draft_commands",
    "drafts": "inmail.cli.history_commands",
    "sent": "inmail.cli.history_commands",
    "coach": "inmail.cli.coach_command",
    "leads": "inmail.cli.lead_commands",
    "plan": "inmail.cli.plan_command",
    "stats": "inmail.cli.stats_command",
    "batch": "inmail.cli.batch_command",
}
DATA_DIR = "--data-dir"  # the one global option that takes a value


def modules(command: str | None = None) -> list[ModuleType]:
    """The module that defines `command`; every command module when `command` is not a command word."""
    owner = COMMAND_MODULES.get(command or "")
    names = [owner] if owner else list(dict.fromkeys(COMMAND_MODULES.values()))
    return [importlib.import_module(name) for name in names]


def command_word(words: Sequence[str]) -> str | None:
    """The word where the command should be: the first one after any `--data-dir DIR`."""
    index = 0
    while index < len(words) and (words[index] == DATA_DIR or words[index].startswith(DATA_DIR + "=")):
        index += 1 if "=" in words[index] else 2
    return words[index] if index < len(words) else None
