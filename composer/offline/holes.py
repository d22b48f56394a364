"""Filling a whole message: `{hole}` must be known, `{hole?}` is dropped when it is not.

A hole holds a typed value (a name, a field, a whole sentence), never a fragment cut from a sentence.
`None` means unknown (the variant that needs it is skipped); `""` means known and empty (it prints nothing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from composer.text import tidy as tidy_text

_HOLE = re.compile(r"\{([a-z_]+)(\??)\}")
_SPACE_BEFORE_STOP = re.compile(r"[ \t]+([.,;!?](?:\s|$))")
_DOUBLE_STOP = re.compile(r"(?<![.])\.\.(?![.])")  # "S.p.A." at a sentence's end

Values = Mapping[str, str | None]


def holes(template: str) -> list[tuple[str, bool]]:
    """Each hole of `template` and whether it is optional."""
    return [(m.group(1), bool(m.group(2))) for m in _HOLE.finditer(template)]


def fills(template: str, values: Values) -> bool:
    """Whether every required hole of `template` is known."""
    return all(optional or values.get(name) is not None for name, optional in holes(template))


def fill(template: str, values: Values) -> str | None:
    """`template` with its holes filled and the spacing tidied, or None when a required hole is unknown."""
    if not fills(template, values):
        return None
    text = _HOLE.sub(lambda m: values.get(m.group(1)) or "", template)
    return tidy(text)


def tidy(text: str) -> str:
    """The text tidied as every draft is (`composer.text.tidy`), and what dropped holes leave besides: a
    space before a stop, a doubled full stop."""
    return _DOUBLE_STOP.sub(".", _SPACE_BEFORE_STOP.sub(r"\1", tidy_text(text)))


def first_filled(variants: Sequence[str], values: Values, *, variant: int = 0) -> str | None:
    """The `variant`-th (cycling) of the variants whose required holes are all known, filled."""
    usable = [v for v in variants if fills(v, values)]
    if not usable:
        return None
    return fill(usable[variant % len(usable)], values)
