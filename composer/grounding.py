"""Grounding: names in a draft (companies, schools, people) must come from the lead or the sender.

A name is a run of capitalised words ("Globex Corporation", "Universidad de Chile", "Anna Schmidt",
"IBM"), joined by connectors like "of" or "de". Capitals that carry no information are not names:
the first word of a sentence, greetings, weekdays, months, languages (`wordlists.NOT_NAMES`), and the
words of a Title Case subject line. German capitalises every noun, so there a single word counts only when it
looks like a name (an acronym, inner capitals, a digit) or follows "bei" ("bei Siemens").
A run is grounded when it, or each of its words, appears in the known text (case- and accent-free).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from composer.text import fold
from composer.wordlists import GERMAN_NOT_EMPLOYERS, NAME_CONNECTORS, NOT_NAMES

_TOKEN = re.compile(r"[^\W_][\w'’&-]*")
_SENTENCE_ENDS = frozenset('.!?:;…"“”«»„([-–—')
_JOIN_GAP = re.compile(r"^(?:\s+|\s*&\s*|-)$")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    initial: bool

    @property
    def capitalised(self) -> bool:
        t = self.text
        return t[0].isupper() or (t[0].isalnum() and any(ch.isupper() for ch in t[1:]))

    @property
    def marked(self) -> bool:
        """Looks like a name whatever the language: IBM, McKinsey, eBay, 3M."""
        t = _POSSESSIVE.sub("", self.text)
        letters = [ch for ch in t if ch.isalpha()]
        acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters)
        inner = any(ch.isupper() for ch in t[1:]) and not acronym and "-" not in t
        return acronym or inner or (any(ch.isdigit() for ch in t) and bool(letters))


@functools.lru_cache(maxsize=256)
def known_text(*texts: str) -> str:
    """The folded haystack names are looked up in (cached: template sources repeat)."""
    return fold("\n".join(texts))


def _is_common(word: str) -> bool:
    plain = fold(_POSSESSIVE.sub("", word)).replace(" ", "")
    return plain in NOT_NAMES or plain.isdigit()


def _grounded(phrase: str, known: str) -> bool:
    folded = fold(_POSSESSIVE.sub("", phrase))
    if folded.strip() == "" or folded in known:
        return True
    return all(f" {part} " in known or part in NOT_NAMES for part in folded.split())


def _initial(line: str, start: int) -> bool:
    before = line[:start].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _words(line: str) -> list[_Word]:
    return [_Word(m.group(0), m.start(), m.end(), _initial(line, m.start())) for m in _TOKEN.finditer(line)]


def _runs(line: str, words: list[_Word]) -> list[list[_Word]]:
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for index, word in enumerate(words):
        joined = bool(current) and bool(_JOIN_GAP.match(line[current[-1].end : word.start]))
        if word.capitalised and (joined or not current):
            current.append(word)
            continue
        nxt = words[index + 1] if index + 1 < len(words) else None
        if (
            joined
            and word.text.lower() in NAME_CONNECTORS
            and nxt is not None
            and nxt.capitalised
            and _JOIN_GAP.match(line[word.end : nxt.start])
        ):
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = [word] if word.capitalised else []
    if current:
        runs.append(current)
    return [[w for w in run if not (w is run[-1] and w.text.lower() in NAME_CONNECTORS)] for run in runs]


def _title_case(words: list[_Word]) -> bool:
    long = [w for w in words if len(w.text) >= 4]
    return len(words) >= 3 and len(long) >= 2 and sum(w.capitalised for w in long) >= 0.7 * len(long)


def _counts(run: list[_Word], core: list[_Word], line: str, language: str, title_case: bool) -> bool:
    """Whether an unknown run is specific enough to be a name rather than ordinary capitals."""
    if any(w.marked for w in core):
        return True
    if title_case:
        return False
    if language == "de":
        inner = [w for w in core if not w.initial]
        if len(inner) >= 2:
            return True
        before = line[: run[0].start].rstrip().rsplit(" ", 1)[-1].lower()
        return len(core) == 1 and before == "bei" and fold(core[0].text).strip() not in GERMAN_NOT_EMPLOYERS
    return not (len(core) == 1 and core[0] is run[0] and run[0].initial)


def ungrounded_names(text: str, known: str, *, language: str, headline: bool = False) -> list[str]:
    """Names in `text` that the known text does not contain, in order, without repeats.

    `headline` marks a subject line, which may be written in Title Case.
    """
    found: list[str] = []
    for line in text.split("\n"):
        words = _words(line)
        title_case = headline and _title_case(words)
        for run in _runs(line, words):
            if not run:
                continue
            core = [w for w in run if not _is_common(w.text) and w.text.lower() not in NAME_CONNECTORS]
            phrase = line[run[0].start : run[-1].end]
            if not core or _grounded(phrase, known) or all(_grounded(w.text, known) for w in core):
                continue
            if _counts(run, core, line, language, title_case):
                name = line[core[0].start : core[-1].end]
                if name not in found:
                    found.append(name)
    return found
