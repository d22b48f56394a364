"""Plain-text helpers shared by both engines and the checks: sentences, cuts, tidying, matching."""

from __future__ import annotations

import functools
import re
import unicodedata

from composer.wordlists import ABBREVIATIONS, FINAL_ABBREVIATIONS

# Quotes and brackets that close after a sentence's end: English ” ’, French » (after a space too),
# German “ ‘ and «, Swiss ›.
_CLOSERS = "\"'”’»“‘«›)\\]"
_OPENERS = "\"'“‘«»„‚‹›(["
# A sentence ends at . ! ? … plus closing quotes, or at a line break (`_ends` drops abbreviations).
_SENTENCE_END = re.compile(rf"[.!?…](?:[{_CLOSERS}]|\s[»”])*(?=\s|$)|\n")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # u.s, z.b, p.ej
_SPACED_ABBREVIATION = re.compile(
    r" (?:[^\W\d_]|[a-zà-ÿ]{2})\."
)  # the "B." of "z. B.", the "ex." of "p. ex."
_CLAUSE_END = re.compile(r"\s*(?:[:;,]|\s[-–—])\s")
_ENDS_SENTENCE = re.compile(rf"[.!?…:][{_CLOSERS}]*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACES = "\t\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200C)))
# French typography's no-break spaces (« … », « ? ») stay where a template or the sender put them
_TIDY_SPACES = re.compile(r"[ \t\u2000-\u200b\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v\u2028\u2029]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"[^\W_]+")  # letters and digits of every script
_COMBINING = re.compile("[\u0300-\u036f]")  # the accents NFKD splits off Latin letters
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,])(?=\s|$)")  # "Acme ." after a removed link; French keeps " :"


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its end punctuation and closing quotes, stripped."""
    parts, start = [], 0
    for end in _ends(text):
        parts.append(text[start:end])
        start = end
    parts.append(text[start:])
    return [stripped for part in parts if (stripped := part.strip())]


def _ends(text: str, endpos: int | None = None) -> list[int]:
    """Where sentences end (the offset after the end), looking at text[:endpos]."""
    matches = _SENTENCE_END.finditer(text, 0, len(text) if endpos is None else endpos)
    return [m.end() for m in matches if m.group() != "." or not _abbreviation(text, m.start())]


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial rather than a sentence."""
    start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    word = text[start:dot].lstrip(_OPENERS)
    if len(word) == 1:
        # an initial ("J. Smith", "M. Dupont") or the first half of a spaced abbreviation ("z. B.", "d. h.")
        if word.isupper() or _SPACED_ABBREVIATION.match(text, dot + 1):
            return True
        following = text[dot + 1 : dot + 4].lstrip()
        return bool(following) and following[0].islower()
    if len(word) > 6 and "." not in word:  # most sentences end in an ordinary word
        return False
    folded = word.lower()
    if folded in ABBREVIATIONS:  # "e.g. forecasting", "Dr. Weber"
        return True
    if folded in FINAL_ABBREVIATIONS or ("." in folded and _DOTTED.fullmatch(folded)):
        following = text[dot + 1 : dot + 16].lstrip().lstrip(_OPENERS)
        return bool(following) and not following[0].isupper()
    return False


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
    ends = [end for end in _ends(text, limit + 1) if end <= limit]
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
    text = text.replace("\r\n", "\n")
    # Every draft is tidied twice and is mostly tidy already: the regexes run only when they would change it.
    if "  " in text or any(space in text for space in _ODD_SPACES):
        text = _TIDY_SPACES.sub(" ", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def one_line(text: str) -> str:
    joined = _LINE_BREAKS.sub(" ", text).strip()
    return _SPACE_BEFORE_STOP.sub(_keep_stop, joined) if " ." in joined or " ," in joined else joined


def _keep_stop(match: re.Match[str]) -> str:
    return match.group(1)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case- and accent-free words separated by single spaces, padded: ' acme logistics '."""
    plain = text.lower()
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return f" {' '.join(_WORD.findall(plain))} "


def contains(haystack_folded: str, needle: str) -> bool:
    """Whole-word, case- and accent-free containment; `haystack_folded` comes from `fold`."""
    folded = fold(needle)
    return folded.strip() != "" and folded in haystack_folded
