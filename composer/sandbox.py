"""The only place templates run: Jinja2's ImmutableSandboxedEnvironment with StrictUndefined and hard caps.

Users edit templates, so a template is untrusted code. On top of Jinja's sandbox (no private attributes,
no mutation) this environment:
- refuses unsafe constructs before running anything (`composer.sandbox_rules`);
- caps every value a template can build *before* building it: `'x' * 10**8`, `+`, `~`, `**`, string
  `%`, `range`, `join`, `replace` and str methods check the size their result would have;
- charges every loop iteration, macro call and printed character to a per-render work budget, so
  nested loops and recursive macros stop early instead of spinning;
- prints no lists, dicts or None (they would leave `[`, `{` or `None` in a message).
"""

from __future__ import annotations

import contextvars
import functools
import math
import types
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, FileSystemBytecodeCache, StrictUndefined, Template, nodes
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from composer.errors import TemplateError
from composer.sandbox_rules import CHARGE, CONCAT, add_guards, refuse_unsafe
from composer.text import ensure_sentence, strip_end

GUARDS_VERSION = 1  # bump when the refusals or guards change: cached bytecode is then compiled afresh
MAX_TEMPLATE_CHARS = 40_000
MAX_VALUE_CHARS = 20_000
MAX_ITEMS = 1_000
MAX_RANGE = 1_000
MAX_INT_BITS = 4_096
MAX_WORK = 100_000
MAX_OUTPUT_CHARS = 50_000

_SAFE_STR_METHODS = frozenset(
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


def _spend(units: int) -> None:
    left = _work.get()
    if left is None:  # compile-time constant folding: sizes are capped, nothing to count
        return
    left[0] -= units
    if left[0] < 0:
        raise SandboxLimit(f"the template does too much work (more than {MAX_WORK:,} steps)")


def _size(value: Any, depth: int = 0) -> int:
    """Characters `value` would take as text, without building the text."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Mapping) and depth < 4:
        return sum(_size(k, depth + 1) + _size(v, depth + 1) + 4 for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset) and depth < 4:
        return sum(_size(item, depth + 1) + 2 for item in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return math.ceil(value.bit_length() * 0.302) + 1
    return 32


def _check(value: Any, what: str = "value") -> Any:
    if _size(value) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the {what} would be longer than {MAX_VALUE_CHARS:,} characters")
    return value


def _charge(cost: int) -> str:
    _spend(cost)
    return ""


def _concat(*parts: Any) -> str:
    if sum(_size(part) for part in parts) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the joined text would be longer than {MAX_VALUE_CHARS:,} characters")
    return "".join(map(str, parts))


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SandboxLimit(f"range() is limited to {MAX_RANGE:,} items")
    return numbers


def _join(value: Iterable[Any], d: str = "", attribute: str | None = None) -> str:
    items = list(value)[: MAX_ITEMS + 1]
    if attribute is not None:
        items = [item.get(attribute, "") if isinstance(item, Mapping) else "" for item in items]
    if sum(_size(item) for item in items) + len(d) * len(items) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"the joined text would be longer than {MAX_VALUE_CHARS:,} characters")
    return d.join(map(str, items))


def _check_replace(text: str, old: str, new: str, count: int = -1) -> None:
    hits = (len(text) + 1 if old == "" else text.count(old)) if count < 0 else count
    if len(text) + hits * max(len(new) - len(old), 0) > MAX_VALUE_CHARS:
        raise SandboxLimit(f"replace() would make text longer than {MAX_VALUE_CHARS:,} characters")


def _replace(text: Any, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(text), str(old), str(new)
    _check_replace(text, old, new, -1 if count is None else count)
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
        return _check(func(*args, **kwargs), f"result of the {name} filter")

    return run


def _filters() -> dict[str, Callable[..., Any]]:
    table = {name: _capped(name, DEFAULT_FILTERS[name]) for name in _SAFE_FILTERS}
    table |= {"join": _join, "replace": _replace, "sentence": ensure_sentence, "strip_end": strip_end}
    table |= {"lcfirst": _lcfirst}
    table |= {"ucfirst": lambda s: str(s)[:1].upper() + str(s)[1:]}
    return table


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Mapping | list | tuple | set | frozenset | types.GeneratorType):
        raise SandboxLimit("a list or dict cannot be printed as is: loop over it or use |join(', ')")
    _spend(_size(value))
    return _check(value, "printed value")


def _refuse_format(*args: Any, **kwargs: Any) -> str:
    raise SecurityError("str.format is not available in templates: use ~ to join text")


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """A sandboxed Jinja2 environment with size and work caps (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, loader: BaseLoader | None = None, *, bytecode_dir: Path | None = None) -> None:
        # Compiled templates are cached like Python's __pycache__: only code this class compiled (after
        # the refusals and guards) lands there, keyed by the template's source checksum.
        cache = None
        if bytecode_dir is not None:
            bytecode_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            cache = FileSystemBytecodeCache(str(bytecode_dir))
        super().__init__(
            loader=loader,
            bytecode_cache=cache,
            undefined=StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=True,
        )
        self.filters = _filters()
        self.globals = {"range": _range, "dict": dict, CHARGE: _charge, CONCAT: _concat}

    # Jinja's own parse hook: the one path every template (string, file, include) compiles through.
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if len(source) > MAX_TEMPLATE_CHARS:
            raise TemplateSyntaxError(
                f"the template is {len(source):,} characters; the limit is {MAX_TEMPLATE_CHARS:,}",
                1,
                name,
                filename,
            )
        tree = super()._parse(source, name, filename)
        refuse_unsafe(
            tree, name=name, filename=filename, filters=frozenset(self.filters), tests=frozenset(self.tests)
        )
        tree = add_guards(tree)
        tree.set_environment(self)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting is not available in templates: use ~ to join text")
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_INT_BITS
        ):
            raise SandboxLimit("the number would be too large")
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise SandboxLimit("the number would be too large")
            elif isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
                seq, times = (left, right) if isinstance(left, str | list | tuple) else (right, left)
                if isinstance(times, int) and _size(seq) * max(times, 0) > MAX_VALUE_CHARS:
                    raise SandboxLimit(
                        f"the repeated value would be longer than {MAX_VALUE_CHARS:,} characters"
                    )
        if (
            operator == "+"
            and isinstance(left, str | list | tuple)
            and _size(left) + _size(right) > MAX_VALUE_CHARS
        ):
            raise SandboxLimit(f"the joined value would be longer than {MAX_VALUE_CHARS:,} characters")
        return self.binop_table[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _spend(1)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and isinstance(__obj, types.BuiltinMethodType | types.MethodType):
            method = __obj.__name__
            if method not in _SAFE_STR_METHODS:
                raise SecurityError(f"str.{method}() is not available in templates")
            if method == "replace" and len(args) >= 2:
                _check_replace(owner, str(args[0]), str(args[1]), int(args[2]) if len(args) > 2 else -1)
            if method == "join" and args:
                return _join(args[0], owner)
        # arguments were built by capped operations already; the result is what can grow here
        return _check(super().call(__context, __obj, *args, **kwargs), "result")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        is_format = isinstance(value, types.BuiltinMethodType) and value.__name__ in ("format", "format_map")
        return _refuse_format if is_format and isinstance(getattr(value, "__self__", None), str) else None


def _template_line(exc: BaseException, name: str | None) -> int | None:
    """The template line an error came from: Jinja rewrites tracebacks to point into the template."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if name and tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(template: Template, context: Mapping[str, Any]) -> str:
    """Render in the sandbox with a fresh work budget; every failure becomes one TemplateError."""
    budget = _work.set([MAX_WORK])
    parts: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise SandboxLimit(f"the template's output is longer than {MAX_OUTPUT_CHARS:,} characters")
            parts.append(chunk)
    except SecurityError as exc:
        raise TemplateError(
            f"refused by the sandbox: {exc}", name=template.name, line=_template_line(exc, template.name)
        ) from None
    except JinjaTemplateError as exc:
        raise TemplateError(
            str(exc.message or exc), name=template.name, line=_template_line(exc, template.name)
        ) from None
    except RecursionError:
        raise TemplateError("the template calls itself without end", name=template.name) from None
    except Exception as exc:  # any Python error inside user template code is the template's fault
        message = f"{type(exc).__name__}: {exc}"
        raise TemplateError(message, name=template.name, line=_template_line(exc, template.name)) from None
    finally:
        _work.reset(budget)
    return "".join(parts)


def compile_error(exc: TemplateSyntaxError) -> TemplateError:
    return TemplateError(exc.message or str(exc), name=exc.name, line=exc.lineno)
