"""Plain-text helpers shared by both engines and the checks: sentences, cuts, tidying, matching."""

from __future__ import annotations

import functools
import re
import unicodedata

# A sentence ends at . ! ? … plus closing quotes (French puts a space before »), or at a line break.
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)]|\s[»”])*(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"\s*(?:[:;,]|\s[-–—])\s")
_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’»)]*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_NOT_WORD = re.compile(r"[\W_]+")  # keeps letters of every script
_COMBINING = re.compile("[\u0300-\u036f]")  # the accents NFKD splits off Latin letters
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,])(?=\s|$)")  # "Acme ." after a removed link; French keeps " :"


def split_sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def ensure_sentence(text: str) -> str:
    """End a sentence with a full stop unless it already ends with punctuation."""
    text = text.strip()
    return text if not text or _ENDS_SENTENCE.search(text) else f"{text}."


def strip_end(text: str) -> str:
    """Drop a final full stop so the text can sit inside a longer sentence."""
    return text.strip().rstrip(".").rstrip()


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut after the last whole sentence that fits.

    When not even one sentence fits, cut at the last whole word and mark the cut with an ellipsis.
    """
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends and ends[-1] >= min(limit // 3, 12):
        return text[: ends[-1]].rstrip()
    room = text[: max(limit - 1, 0)]
    space = room.rfind(" ")
    if space >= limit // 3:
        room = room[:space]
    return room.rstrip(" ,;:-–—") + "…" if limit else ""


def cut_clause(text: str, limit: int) -> str:
    """A short form of a sentence: cut before the last clause break (: ; , or a dash) that fits."""
    if len(text) <= limit:
        return text
    breaks = [m.start() for m in _CLAUSE_END.finditer(text, 0, limit + 1) if m.start() >= limit // 3]
    return text[: breaks[-1]].rstrip(" ,;:-–—") if breaks else cut(text, limit)


def fit(text: str, limit: int, *, keep_last: bool = False) -> str:
    """Shorten a message to `limit` characters at a sentence boundary.

    With `keep_last`, sentences are dropped from the middle so the closing ask survives (connection
    notes); otherwise the end is cut.
    """
    if len(text) <= limit:
        return text
    if keep_last:
        sentences = split_sentences(text)
        while len(sentences) > 2 and len(" ".join(sentences)) > limit:
            del sentences[-2]
        joined = " ".join(sentences)
        if len(joined) <= limit:
            return joined
    return cut(text, limit)


def tidy(text: str) -> str:
    """One space between words, no trailing spaces, at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    joined = " ".join(text.split())
    return _SPACE_BEFORE_STOP.sub(_keep_stop, joined) if " ." in joined or " ," in joined else joined


def _keep_stop(match: re.Match[str]) -> str:
    return match.group(1)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case- and accent-free words separated by single spaces, padded: ' acme logistics '."""
    plain = text.lower()
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return f" {' '.join(_NOT_WORD.sub(' ', plain).split())} "


def contains(haystack_folded: str, needle: str) -> bool:
    """Whole-word, case- and accent-free containment; `haystack_folded` comes from `fold`."""
    folded = fold(needle)
    return folded.strip() != "" and folded in haystack_folded
