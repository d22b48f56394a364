"""What the template editor tells the user: the variables a template can use (with the sample lead's
values), and template problems in plain words at the line where the fix goes.

`variables` reads the composer's own contexts (the ones drafting renders with), so the list is what a
template really gets; it is the seam for `composer.templates`' variables API.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

MAX_VALUE = 80  # characters of a sample value shown
_BLOCKS = ("if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans")
_TAG = re.compile(r"\{%-?\s*(end)?(\w+)")
_UNCLOSED = re.compile(
    r"looking for the following tags: .*innermost block that needs to be closed is '(\w+)'"
)
_NO_ATTRIBUTE = re.compile(r"'(?:dict object|\w+ object)' has no attribute '(\w+)'")
_UNDEFINED = re.compile(r"'(\w+)' is undefined")


class Variable(BaseModel):
    name: str  # dotted: lead.first_name, hook.kind
    value: str  # the sample lead's value, shortened; "(a function)" for helpers


def _flatten(prefix: str, value: Any, out: list[Variable]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, out)
        return
    if callable(value):
        out.append(Variable(name=prefix, value="(a helper: pick('a', 'b') chooses one)"))
        return
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    text = " ".join(text.split())
    out.append(Variable(name=prefix, value=text[:MAX_VALUE] + ("…" if len(text) > MAX_VALUE else "")))


def variables(store: Any, *, kind: str, language: str = "en", strategy: str = "rabt") -> list[Variable]:
    """Every variable a message (or prompt) template gets, with its value for the sample lead."""
    from composer import SAMPLE_LEAD, SAMPLE_SENDER, Settings, get_strategy
    from composer.contexts import message_context, prompt_context
    from composer.drafting import Job

    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy=strategy), store, get_strategy(store, strategy))
    if kind == "prompt":
        context = prompt_context(job, language=language, draft="Subject: ...\n\nHi Maria, ...")
    else:
        context = message_context(job, language=language)
    out: list[Variable] = []
    for name in sorted(context):
        if not name.startswith("_"):
            _flatten(name, context[name], out)
    return out


def opening_line(text: str, block: str) -> int | None:
    """The line of the innermost `{% block %}` the text never closes (Jinja reports the last line)."""
    stack: list[tuple[str, int]] = []
    for match in _TAG.finditer(text):
        end, tag = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        if tag not in _BLOCKS:
            continue
        if end:
            if stack and stack[-1][0] == tag:
                stack.pop()
        else:
            stack.append((tag, line))
    return next((line for tag, line in reversed(stack) if tag == block), None)


def plain_problem(message: str, line: int | None, text: str) -> tuple[int | None, str]:
    """A template problem as (line, one plain sentence) with the line where the fix goes."""
    if unclosed := _UNCLOSED.search(message):
        block = unclosed.group(1)
        opened = opening_line(text, block) or line
        return opened, f"this {{% {block} %}} is never closed: add {{% end{block} %}} where it should end"
    if missing := _NO_ATTRIBUTE.search(message):
        return line, f"there is no '{missing.group(1)}' here: see the list of variables for what there is"
    if undefined := _UNDEFINED.search(message):
        return line, f"'{undefined.group(1)}' is not a variable: see the list of variables for what there is"
    return line, message
