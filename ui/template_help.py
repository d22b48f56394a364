"""Template problems in plain words at the line where the fix goes, for the template editor (the variables
a template can use come from `TemplateStore.variables`)."""

from __future__ import annotations

import re

_BLOCKS = ("if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans")
_TAG = re.compile(r"\{%-?\s*(end)?(\w+)")
_UNCLOSED = re.compile(
    r"looking for the following tags: .*innermost block that needs to be closed is '(\w+)'"
)
_NO_ATTRIBUTE = re.compile(r"'(?:dict object|\w+ object)' has no attribute '(\w+)'")
_UNDEFINED = re.compile(r"'(\w+)' is undefined")


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
