"""Syntax errors in plain words, at the line to fix, and a nesting cap checked before Jinja parses.

Jinja reports an unclosed `{% if %}` at the end of the file ("Unexpected end of template"); the editor
wants the line of the `{% if %}` itself. Jinja's parser (and the Python compiler after it) recurse once
per bracket and per block, so a deeply nested template would end in a RecursionError: the token scan
here refuses more than MAX_NESTING levels first, with the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2.exceptions import TemplateSyntaxError
from jinja2.lexer import Lexer

MAX_NESTING = 16  # brackets inside one expression, or blocks inside blocks
BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"})
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_INNERMOST = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")


@dataclass
class Block:
    tag: str
    line: int
    closed: int | None = None  # the line of its end tag


def scan(lexer: Lexer, source: str, name: str | None, filename: str | None) -> list[Block]:
    """Every block tag with where it opens and closes; raises TemplateSyntaxError past MAX_NESTING."""
    blocks: list[Block] = []
    stack: list[Block] = []
    depth, tag_next, pending_set = 0, False, None
    for line, kind, value in lexer.tokeniter(source, name, filename):
        if kind == "operator" and value in _OPEN:
            depth += 1
            if depth > MAX_NESTING:
                message = f"brackets nest more than {MAX_NESTING} deep: split the expression with {{% set %}}"
                raise TemplateSyntaxError(message, line, name, filename)
        elif kind == "operator" and value in _CLOSE:
            depth = max(depth - 1, 0)
        elif kind == "operator" and value == "=" and pending_set is not None:
            pending_set = None  # `{% set x = ... %}` assigns; only `{% set x %}...{% endset %}` is a block
        elif kind == "block_begin":
            tag_next = True
        elif kind == "name" and tag_next:
            tag_next = False
            if value in BLOCK_TAGS:
                _open(Block(value, line), blocks, stack, name, filename)
            elif value == "set":
                pending_set = Block("set", line)
            elif value.startswith("end") and stack and stack[-1].tag == value[3:]:
                stack.pop().closed = line
        elif kind == "block_end":
            if pending_set is not None:
                _open(pending_set, blocks, stack, name, filename)
            tag_next, pending_set, depth = False, None, 0
        elif kind == "variable_end":
            depth = 0
    return blocks


def _open(block: Block, blocks: list[Block], stack: list[Block], name: str | None, file: str | None) -> None:
    blocks.append(block)
    stack.append(block)
    if len(stack) > MAX_NESTING:
        message = f"blocks nest more than {MAX_NESTING} deep: move the inner part into a {{% macro %}}"
        raise TemplateSyntaxError(message, block.line, name, file)


def plain(exc: TemplateSyntaxError, blocks: list[Block]) -> TemplateSyntaxError:
    """Jinja's message for an unclosed or mismatched block, reworded and moved to the block's line."""
    message, line = exc.message or str(exc), exc.lineno
    innermost = _INNERMOST.search(message)
    if innermost is None:
        return exc
    tag = innermost.group(1)
    open_at = [b for b in blocks if b.tag == tag and b.line <= line and (b.closed is None or b.closed > line)]
    if not open_at:
        return exc
    opener = open_at[-1]
    unknown = _UNKNOWN_TAG.search(message)
    if message.startswith("Unexpected end of template"):
        text = f"this {{% {tag} %}} is never closed: add {{% end{tag} %}} where it should end"
        return TemplateSyntaxError(text, opener.line, exc.name, exc.filename)
    if unknown is not None:
        found = unknown.group(1)
        text = (
            f"{{% {found} %}} does not close the {{% {tag} %}} opened on line {opener.line}: "
            f"close that one first with {{% end{tag} %}}"
            if found.startswith("end")
            else f"{{% {found} %}} is not a tag templates know (in the {{% {tag} %}} of line {opener.line})"
        )
        return TemplateSyntaxError(text, line, exc.name, exc.filename)
    return exc
