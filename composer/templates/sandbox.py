"""The only place templates run: Jinja2's ImmutableSandboxedEnvironment with StrictUndefined and hard caps.

Users edit templates, so a template is untrusted code. On top of Jinja's sandbox (no private attributes,
no mutation) this environment:
- refuses unsafe constructs before running anything (`composer.templates.rules`);
- caps every value a template can build *before* building it: `'x' * 10**8`, `+`, `~`, `**`, string
  `%`, `range`, `join`, `replace` and str methods check the size their result would have
  (`composer.templates.caps`);
- charges every loop iteration, macro call and printed character to a per-render work budget, so
  nested loops and recursive macros stop early instead of spinning;
- prints no lists, dicts or None (they would leave `[`, `{` or `None` in a message).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import jinja2
from jinja2 import BaseLoader, BytecodeCache, StrictUndefined, Template, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.runtime import Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from composer.errors import TemplateError
from composer.templates import caps, syntax
from composer.templates.caps import GUARDS_VERSION, MAX_OUTPUT_CHARS, MAX_TEMPLATE_CHARS, SandboxLimit
from composer.templates.rules import CHARGE, CONCAT, add_guards, refuse_unsafe

__all__ = ["GUARDS_VERSION", "TemplateSandbox", "compile_error", "render"]


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """A sandboxed Jinja2 environment with size and work caps (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(
        self, loader: BaseLoader | None = None, *, bytecode_cache: BytecodeCache | None = None
    ) -> None:
        # Only code this class compiled (after the refusals and guards) may land in the cache, which must
        # verify what it loads (composer.templates.bytecode): Jinja's plain file cache unpickles anything.
        super().__init__(
            loader=loader,
            bytecode_cache=bytecode_cache,
            undefined=StrictUndefined,
            autoescape=False,
            finalize=caps.finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=True,
        )
        self.filters = caps.filters()
        self.globals = {"range": caps.capped_range, "dict": dict, CHARGE: caps.charge, CONCAT: caps.concat}

    # Jinja's own parse hook: the one path every template (string, file, include) compiles through.
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if len(source) > MAX_TEMPLATE_CHARS:
            message = f"the template is {len(source):,} characters; the limit is {MAX_TEMPLATE_CHARS:,}"
            raise TemplateSyntaxError(message, 1, name, filename)
        blocks = syntax.scan(self.lexer, source, name, filename)
        try:
            tree = super()._parse(source, name, filename)
        except TemplateSyntaxError as exc:
            raise syntax.plain(exc, blocks) from None
        filters, tests = frozenset(self.filters), frozenset(self.tests)
        refuse_unsafe(tree, name=name, filename=filename, filters=filters, tests=tests)
        tree = add_guards(tree)
        tree.set_environment(self)
        return tree

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        # Past the nesting cap nothing should recurse this deep; if it does, one line, not a traceback.
        try:
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        except (RecursionError, MemoryError, SyntaxError):
            message = "the template nests too deeply to compile: split it into smaller steps"
            raise TemplateSyntaxError(message, 1, name, filename) from None

    def code_key(self) -> Hashable:
        """Everything besides a template's name and text that decides the code `compile` makes from it:
        the class and its guards, the syntax options, and the filters and tests (their names and what
        Jinja passes them; the optimizer runs them on constants). Two sandboxes with the same key may share
        compiled templates (`composer.templates.bytecode`)."""
        options = (
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.keep_trailing_newline,
            self.optimized,
            self.autoescape,
            self.is_async,
            self.finalize,
            tuple(self.extensions),
        )
        return (
            type(self),
            GUARDS_VERSION,
            jinja2.__version__,
            options,
            self.intercepted_binops,
            self.intercepted_unops,
            _callables(self.filters),
            _callables(self.tests),
        )

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        caps.check_binop(operator, left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        caps.spend(1)
        # The calls every render makes most: the template's own macros, and the guards this class adds
        # (templates cannot name them: names starting with _ are refused). Nothing to vet but the result.
        if type(__obj) is Macro or __obj is caps.charge or __obj is caps.concat:
            return caps.check(__context.call(__obj, *args, **kwargs), "result")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and isinstance(__obj, types.BuiltinMethodType | types.MethodType):
            method = __obj.__name__
            if method not in caps.SAFE_STR_METHODS:
                raise SecurityError(f"str.{method}() is not available in templates")
            if method == "replace" and len(args) >= 2:
                caps.check_replace(owner, str(args[0]), str(args[1]), int(args[2]) if len(args) > 2 else -1)
            if method == "join" and args:
                return caps.join(args[0], owner)
        # arguments were built by capped operations already; the result is what can grow here
        return caps.check(super().call(__context, __obj, *args, **kwargs), "result")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        is_format = isinstance(value, types.BuiltinMethodType) and value.__name__ in ("format", "format_map")
        return caps.refuse_format if is_format and isinstance(getattr(value, "__self__", None), str) else None


def _callables(table: Mapping[str, Any]) -> tuple[tuple[str, str, str, Any], ...]:
    return tuple(
        (
            name,
            getattr(f, "__module__", ""),
            getattr(f, "__qualname__", ""),
            getattr(f, "jinja_pass_arg", None),
        )
        for name, f in sorted(table.items())
    )


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
    parts: list[str] = []
    size = 0
    name = template.name
    try:
        with caps.work_budget():
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise SandboxLimit(
                        f"the template's output is longer than {MAX_OUTPUT_CHARS:,} characters"
                    )
                parts.append(chunk)
    except SecurityError as exc:
        raise TemplateError(
            f"refused by the sandbox: {exc}", name=name, line=_template_line(exc, name)
        ) from None
    except UndefinedError as exc:
        message = plain_undefined(str(exc.message or exc))
        raise TemplateError(message, name=name, line=_template_line(exc, name)) from None
    except JinjaTemplateError as exc:
        raise TemplateError(str(exc.message or exc), name=name, line=_template_line(exc, name)) from None
    except RecursionError:
        raise TemplateError("the template calls itself without end", name=name) from None
    except Exception as exc:  # any Python error inside user template code is the template's fault
        message = f"{type(exc).__name__}: {exc}"
        raise TemplateError(message, name=name, line=_template_line(exc, name)) from None
    return "".join(parts)


_NO_ATTRIBUTE = re.compile(r"^'[^']*' (?:object )?has no attribute '([^']*)'$")
_UNDEFINED = re.compile(r"^'([^']*)' is undefined$")


def plain_undefined(message: str) -> str:
    """Jinja's "'dict object' has no attribute 'x'" as "unknown field `x`" (and the like)."""
    if found := _NO_ATTRIBUTE.match(message):
        return f"unknown field `{found.group(1)}`: check its spelling against the template's variables"
    if found := _UNDEFINED.match(message):
        return f"unknown variable `{found.group(1)}`: check its spelling against the template's variables"
    return message


def compile_error(exc: TemplateSyntaxError) -> TemplateError:
    return TemplateError(exc.message or str(exc), name=exc.name, line=exc.lineno)
