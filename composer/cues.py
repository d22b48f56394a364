"""Cue patterns: the `[words]` lists of a phrase file that tell what a post or a line is.

A cue list is comma- or line-separated patterns, matched on folded text (lower case, no accents, words
only) as whole words. Three marks keep the lists short and data-driven, so adding a language is one
phrase file:

- `word*` matches any ending: `inaugur*` is "inaugurated", "inauguramos", "inaugurazione";
- `#` is a number, in digits or as one of the language's `numbers` words ("40", "two", "zwei");
- `...` is a gap of up to eight words in one sentence: `wir haben ... eroffnet`, `cut ... by #`.

Each pattern compiles once per language and list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from composer.phrases import Phrases
from composer.text import fold, split_sentences

_GAP = r"(?:\S+ ){0,8}"
_GAP_MARK = "..."


@dataclass(frozen=True)
class Cues:
    """The compiled patterns of one `[words]` list."""

    patterns: tuple[re.Pattern[str], ...]

    def count(self, text: str) -> int:
        """How many of the patterns match a sentence of `text` (a gap never spans two sentences)."""
        sentences = _folded_sentences(text)
        return sum(1 for pattern in self.patterns if any(pattern.search(s) for s in sentences))

    def any(self, text: str) -> bool:
        sentences = _folded_sentences(text)
        return any(pattern.search(s) for pattern in self.patterns for s in sentences)


@functools.lru_cache(maxsize=1024)  # each post is asked about by several lists
def _folded_sentences(text: str) -> tuple[str, ...]:
    return tuple(fold(sentence) for sentence in split_sentences(text))


def cues(table: Phrases, kind: str) -> Cues:
    """The compiled `kind` list of the phrase file `table` (empty when the file has none)."""
    words = table.table.get("words", {})
    return _compiled(str(words.get(kind, "")), str(words.get("numbers", "")))


@functools.lru_cache(maxsize=2048)  # six languages' lists, and every lead table's own
def _compiled(text: str, numbers: str) -> Cues:
    number = "|".join(re.escape(n) for n in sorted(fold(numbers).split(), key=len, reverse=True))
    number_re = rf"(?:\d+|{number})" if number else r"\d+"
    patterns = []
    for cue in re.split(r"[,\n]", text):
        regex = _pattern(cue, number_re)
        if regex:
            patterns.append(re.compile(regex))
    return Cues(tuple(patterns))


def _pattern(cue: str, number_re: str) -> str:
    pieces: list[str] = []
    for token in cue.split():
        if token == _GAP_MARK:
            pieces.append(_GAP)
        elif token.strip("%") == "#":
            pieces.append(number_re + " ")
        else:
            open_end = token.endswith("*")
            words = fold(token.rstrip("*")).split()
            for n, word in enumerate(words):
                tail = r"\w*" if open_end and n == len(words) - 1 else ""
                pieces.append(re.escape(word) + tail + " ")
    if not any(piece != _GAP for piece in pieces):
        return ""
    return " " + "".join(pieces)


def without(text: str, table: Phrases, kind: str = "cta") -> str:
    """`text` without its sentences that match the `kind` list: a line addressed to the reader ("DM me
    if you want to ...") is a call to action, neither what the post is about nor a quote."""
    found = cues(table, kind)
    if not found.patterns:
        return text
    return " ".join(s for s in split_sentences(text) if not found.any(s))
