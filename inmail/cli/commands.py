"""The list of command modules. Add a module here and it appears in `inmail --help`."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMAND_MODULES = (
    "inmail.cli.limits_commands",  # plans, check, ledger
    "inmail.cli.draft_commands",  # draft, templates
    "inmail.cli.coach_command",  # coach
)


def modules() -> list[ModuleType]:
    found = []
    for name in COMMAND_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real bug inside the module, not a module still to be written
                raise
    return found
