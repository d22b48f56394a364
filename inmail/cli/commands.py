"""The list of command modules. Add a module here and it appears in `inmail --help`.

Each module names the commands its `register()` adds in `COMMANDS`, so a command line that starts with
one of them builds only that module's sub-parsers.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMAND_MODULES = (
    "inmail.cli.limits_commands",  # plans, check, ledger
    "inmail.cli.draft_commands",  # draft, templates
    "inmail.cli.history_commands",  # drafts, sent
    "inmail.cli.coach_command",  # coach
)


def modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]
