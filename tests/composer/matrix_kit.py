"""A matrix of draft cases checked in one test item: every case runs, and the item fails naming each
failing case and what failed. One item per case would spend more on pytest's bookkeeping (about 2 ms an
item under xdist) than on the draft it checks."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Iterable
from enum import Enum

import pytest

from composer import DraftChannel, Persona
from composer.models import Mood

# What one (strategy, language) item covers: every persona, mood and channel.
STYLES = list(itertools.product(Persona, Mood, DraftChannel))
# Lines of one case's failure that the report keeps: a rewritten assert's first lines say what failed,
# the rest repeats the draft.
_KEPT_LINES = 12


def case_name(values: Iterable[object]) -> str:
    """'rabt-marketer-funny-inmail-fr', as pytest would name the case's own item."""
    return "-".join(value.value if isinstance(value, Enum) else str(value) for value in values)


def _what_failed(error: Exception) -> str:
    text = str(error) if isinstance(error, AssertionError) else f"{type(error).__name__}: {error}"
    lines = text.strip().splitlines() or ["assert failed"]
    if len(lines) > _KEPT_LINES:
        lines = [*lines[:_KEPT_LINES], f"... ({len(lines) - _KEPT_LINES} more lines)"]
    return "\n".join(lines)


def check_every_case(cases: Iterable[tuple[object, ...]], check: Callable[..., None]) -> None:
    """Run `check(*case)` for every case, then fail once, naming each case that failed (an assert or
    any other error) with what failed; a crash in one case does not hide the others."""
    failed: list[str] = []
    total = 0
    for case in cases:
        total += 1
        try:
            check(*case)
        except Exception as error:  # each case's failure is reported, not raised)
            failed.append(f"{case_name(case)}:\n{textwrap.indent(_what_failed(error), '    ')}")
    if failed:
        pytest.fail(f"{len(failed)} of {total} cases failed:\n" + "\n".join(failed), pytrace=False)
