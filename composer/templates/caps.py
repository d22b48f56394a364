"""The sandbox's caps: how big a value may get, how much work a render may do, which filters exist.

Every helper checks the size a result *would* have before building it, so `'x' * 10**8` is refused
without allocating 100 MB. Work (loop iterations, macro calls, printed characters) is charged to a
budget that `composer.templates.sandbox.render` opens per render.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError

from composer.text import ensure_sentence, strip_end

GUARDS_VERSION = 1  # bump when the refusals or guards change: cached bytecode is then compiled afresh
MAX_TEMPLATE_CHARS = 40_000
MAX_VALUE_CHARS = 20_000
MAX_ITEMS = 1_000
MAX_RANGE = 1_000
MAX_INT_BITS = 4_096
MAX_WORK = 100_000
MAX_OUTPUT_CHARS = 50_000

SAFE_STR_METHODS = frozenset(
    [
        "upper",
        "lower",
        "title",
        "capitalize",
        "casefold",
        "strip",
        "lstrip",
        "rstrip",
        "startswith",
        "endswith",
        "split",
        "rsplit",
        "splitlines",
        "replace",
        "find",
        "rfind",
        "count",
        "index",
        "rindex",
        "isdigit",
        "isalpha",
        "isalnum",
        "isupper",
        "islower",
        "isspace",
        "istitle",
        "isnumeric",
        "removeprefix",
        "removesuffix",
        "join",
        "partition",
        "rpartition",
    ]
)
_SAFE_FILTERS = frozenset(
    [
        "abs",
        "capitalize",
        "default",
        "d",
        "first",
        "last",
        "float",
        "int",
        "length",
        "count",
        "list",
        "lower",
        "upper",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "round",
        "select",
        "selectattr",
        "sort",
        "string",
        "sum",
        "title",
        "trim",
        "truncate",
        "unique",
        "wordcount",
        "reverse",
        "items",
        "dictsort",
        "striptags",
    ]
)


class SandboxLimit(SecurityError):
    """A template tried to build something larger or do more work than the sandbox allows."""


_work: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("template_work", default=None)


@contextlib.contextmanager
def work_budget() -> Iterator[None]:
    """A fresh budget for one render (a contextvar: threads rendering at once do not share it)."""
    token = _work.set([MAX_WORK])
    try:
        yield
    finally:
        _work.reset(token)


def spend(units: int) -> None:
    left = _work.get()
    if left is None:  # compile-time constant folding: sizes are capped, nothing to count
        return
    left[0] -= units
    if left[0] < 0:
        raise SandboxLimit(f"the template does too much work (more than {MAX_WORK:,} steps)")


def size(value: Any, depth: int = 0) -> int:
    """Characters `value` would take as text, without building the text."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Mapping) and depth < 4:
        return sum(size(k, depth + 1) + size(v, depth + 1) + 4 for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset) and depth < 4:
        return sum(size(item, depth + 1) + 2 for item in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return math.ceil(value.bit_length() * 0.302) + 1
    return 32


def check(value: Any, what: str = "value") -> Any:
    if (len(value) if type(value) is str else size(value)) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the {what} would be longer than {MAX_VALUE_CHARS:,} characters")
    return value


def charge(cost: int) -> str:
    spend(cost)
    return ""


def concat(*parts: Any) -> str:
    if sum(size(part) for part in parts) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the joined text would be longer than {MAX_VALUE_CHARS:,} characters")
    return "".join(map(str, parts))


def capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SandboxLimit(f"range() is limited to {MAX_RANGE:,} items")
    return numbers


def join(value: Iterable[Any], d: str = "", attribute: str | None = None) -> str:
    items = list(value)[: MAX_ITEMS + 1]
    if attribute is not None:
        items = [item.get(attribute, "") if isinstance(item, Mapping) else "" for item in items]
    if sum(size(item) for item in items) + len(d) * len(items) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the joined text would be longer than {MAX_VALUE_CHARS:,} characters")
    return d.join(map(str, items))


def check_replace(text: str, old: str, new: str, count: int = -1) -> None:
    hits = (len(text) + 1 if old == "" else text.count(old)) if count < 0 else count
    if len(text) + hits * max(len(new) - len(old), 0) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"replace() would make text longer than {MAX_VALUE_CHARS:,} characters")


def _replace(text: Any, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(text), str(old), str(new)
    check_replace(text, old, new, -1 if count is None else count)
    return text.replace(old, new, -1 if count is None else count)


def _lcfirst(value: Any) -> str:
    """Lower-case the first letter unless the first word is "I", an acronym or a name-like word."""
    text = str(value)
    first = text.split(" ", 1)[0].rstrip(",.;:")
    if first in ("I", "I'm", "I'd", "I'll", "I've", "I’m") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _capped(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        return check(func(*args, **kwargs), f"result of the {name} filter")

    return run


def filters() -> dict[str, Callable[..., Any]]:
    table = {name: _capped(name, DEFAULT_FILTERS[name]) for name in _SAFE_FILTERS}
    table |= {"join": join, "replace": _replace, "sentence": ensure_sentence, "strip_end": strip_end}
    table |= {"lcfirst": _lcfirst}
    table |= {"ucfirst": lambda s: str(s)[:1].upper() + str(s)[1:]}
    return table


def finalize(value: Any) -> Any:
    if type(value) is str:  # nearly every printed value: the short path
        spend(len(value))
        if len(value) > MAX_VALUE_CHARS:
            raise SandboxLimit(f"the printed value would be longer than {MAX_VALUE_CHARS:,} characters")
        return value
    if value is None:
        return ""
    if isinstance(value, Mapping | list | tuple | set | frozenset | types.GeneratorType):
        raise SandboxLimit("a list or dict cannot be printed as is: loop over it or use |join(', ')")
    spend(size(value))
    return check(value, "printed value")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too big, before Python computes it."""
    if operator == "%" and isinstance(left, str):
        raise SecurityError("'%' formatting is not available in templates: use ~ to join text")
    both_ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and both_ints and abs(left) > 1 and right * abs(left).bit_length() > MAX_INT_BITS:
        raise SandboxLimit("the number would be too large")
    if operator == "*" and both_ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise SandboxLimit("the number would be too large")
    sequences = str | list | tuple
    if operator == "*" and not both_ints and (isinstance(left, sequences) or isinstance(right, sequences)):
        seq, times = (left, right) if isinstance(left, sequences) else (right, left)
        if isinstance(times, int) and size(seq) * max(times, 0) > MAX_VALUE_CHARS:
            raise SandboxLimit(f"the repeated value would be longer than {MAX_VALUE_CHARS:,} characters")
    if operator == "+" and isinstance(left, sequences) and size(left) + size(right) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the joined value would be longer than {MAX_VALUE_CHARS:,} characters")


def refuse_format(*args: Any, **kwargs: Any) -> str:
    raise SecurityError("str.format is not available in templates: use ~ to join text")
