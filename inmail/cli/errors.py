"""Errors the CLI prints as one line on stderr, never as a traceback."""

from __future__ import annotations

import importlib


class CliError(Exception):
    """A user mistake the CLI reports in one line (exit code 2 by default)."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# Each package exposes one base class for the errors it raises on purpose; the CLI shows them as-is.
_ERROR_BASES = (("limits.errors", "LimitsError"), ("composer.errors", "ComposerError"))


def user_facing_errors() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = []
    for module_name, class_name in _ERROR_BASES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        found.append(getattr(module, class_name))
    return tuple(found)
