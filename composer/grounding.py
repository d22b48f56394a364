"""Grounding: names in a draft (companies, schools, people) must come from the lead or the sender.

A name is a run of capitalised words ("Globex Corporation", "Universidad de Chile", "Anna Schmidt",
"IBM"), joined by connectors like "of" or "de". Capitals that carry no information are not names:
the first word of a sentence, greetings, weekdays, months, languages (`wordlists.NOT_NAMES`), and the
words of a Title Case subject line. German capitalises every noun, so there a single word counts only when it
looks like a name (an acronym, inner capitals, a digit) or follows "bei" ("bei Siemens").
A run is grounded when each of its words appears in the known text (case- and accent-free).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from composer.text import fold
from composer.wordlists import GERMAN_NOT_EMPLOYERS, NAME_CONNECTORS, NOT_NAMES

_TOKEN = re.compile(r"[^\W_][\w'’&-]*")
_SENTENCE_ENDS = frozenset('.!?:;…"“”«»„([-–—¿¡')
_JOIN_GAP = re.compile(r"^(?:\s+|\s*&\s*|-)$")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build, and drafts build thousands
class _Word:
    text: str
    start: int
    end: int
    initial: bool  # first word of a sentence: its capital says nothing
    capitalised: bool

    @property
    def marked(self) -> bool:
        return _marked(self.text)


@functools.lru_cache(maxsize=8192)  # the same capitalised words come back in every draft
def _marked(word: str) -> bool:
    """Looks like a name whatever the language: IBM, McKinsey, eBay, 3M."""
    t = _POSSESSIVE.sub("", word)
    letters = [ch for ch in t if ch.isalpha()]
    acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    inner = any(ch.isupper() for ch in t[1:]) and not acronym and "-" not in t
    return acronym or inner or (any(ch.isdigit() for ch in t) and bool(letters))


@functools.lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


Known = tuple[frozenset[str], ...]


def known_words(*texts: str) -> Known:
    """The folded words of each input (cached per text: senders and templates repeat). A name is
    grounded when each of its words is in one of them. Kept apart, not merged: no big set per draft."""
    return tuple(map(_word_set, texts))


@functools.lru_cache(maxsize=8192)
def _is_common(word: str) -> bool:
    plain = fold(_POSSESSIVE.sub("", word)).replace(" ", "")
    return plain in NOT_NAMES or plain.isdigit()


@functools.lru_cache(maxsize=8192)
def _name_parts(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase that have to be known for it to be grounded."""
    return tuple(part for part in fold(_POSSESSIVE.sub("", phrase)).split() if part not in NOT_NAMES)


def _grounded(phrase: str, known: Known) -> bool:
    return all(any(part in words for words in known) for part in _name_parts(phrase))


def _initial(line: str, start: int) -> bool:
    i = start
    while i > 0 and line[i - 1].isspace():
        i -= 1
    return i == 0 or line[i - 1] in _SENTENCE_ENDS


def _words(line: str) -> list[_Word]:
    """Capitalised words and connectors; other words only break runs, which the gap check sees."""
    words = []
    for match in _TOKEN.finditer(line):
        text = match.group()
        if text.islower():  # most words: no allocation on this path
            if text in NAME_CONNECTORS:
                words.append(_Word(text, match.start(), match.end(), False, False))
        elif text != text.lower():  # has a capital (digits alone have no case)
            start = match.start()
            words.append(_Word(text, start, match.end(), _initial(line, start), True))
    return words


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


def _title_case(line: str) -> bool:
    words = _TOKEN.findall(line)
    long = [w for w in words if len(w) >= 4]
    return len(words) >= 3 and len(long) >= 2 and sum(w != w.lower() for w in long) >= 0.7 * len(long)


@functools.lru_cache(maxsize=8192)
def dictionary_word(word: str, language: str) -> bool:
    """Whether `word` is an ordinary word of `language` (wordfreq's frequency lists), or in German a
    compound of two ordinary words ("Lieferantenentwicklung" = "Lieferanten" + "entwicklung")."""
    from wordfreq import zipf_frequency  # its lists load on first use: only for a would-be name

    plain = _POSSESSIVE.sub("", word).lower()
    if zipf_frequency(plain, language) >= _COMMON:
        return True
    if language != "de" or len(plain) < 8:
        return False
    return any(
        zipf_frequency(plain[:cut], language) >= _COMMON and zipf_frequency(plain[cut:], language) >= _COMMON
        for cut in range(3, len(plain) - 3)
    )


_COMMON = 2.5  # zipf: about once per 300,000 words; names a model could invent sit below


def _ordinary(words: list[_Word], known: Known, language: str) -> bool:
    """Every word of the run the inputs do not hold is an ordinary, unmarked word of the language."""
    unknown = [w for w in words if not _grounded(w.text, known)]
    return all(not w.marked and dictionary_word(w.text, language) for w in unknown)


_GERMAN_POSSESSIVES = frozenset(
    ["ihr", "ihre", "ihrer", "ihren", "ihrem", "ihres", "unser", "unsere", "unserer", "unseren", "unserem"]
)


def _after_bei(run: list[_Word], line: str) -> bool:
    return line[: run[0].start].rstrip().rsplit(" ", 1)[-1].lower() == "bei"


def _german_nouns(core: list[_Word], known: Known) -> bool:
    """ "Ihrer Lieferkette", "Schwerpunkt Lieferantenentwicklung": a possessive or long dictionary nouns,
    not a person ("Klaus Weber") or a firm, whose words are short or not in the dictionary."""
    unknown = [w for w in core if not _grounded(w.text, known)]
    if any(w.marked for w in unknown):
        return False
    if any(fold(w.text).strip() in _GERMAN_POSSESSIVES for w in core):
        return all(dictionary_word(w.text, "de") for w in unknown)
    return all(len(w.text) >= 8 and dictionary_word(w.text, "de") for w in unknown)


def _counts(
    run: list[_Word], core: list[_Word], line: str, language: str, title_case: bool, known: Known = ()
) -> bool:
    """Whether an unknown run is specific enough to be a name rather than ordinary capitals."""
    # a Title Case subject and German nouns capitalise ordinary words: a dictionary tells them apart
    if title_case and _ordinary(core, known, language):
        return False
    if language == "de" and not _after_bei(run, line) and _german_nouns(core, known):
        return False
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


def ungrounded_names(text: str, known: Known, *, language: str, headline: bool = False) -> list[str]:
    """Names in `text` that the known text does not contain, in order, without repeats.

    `headline` marks a subject line, which may be written in Title Case.
    """
    found: list[str] = []
    for line in text.split("\n"):
        if line == line.lower():  # no capitals, no names
            continue
        words = _words(line)
        title_case = headline and (_title_case(line) or len(_TOKEN.findall(line)) <= 3)
        for run in _runs(line, words):
            if not run:
                continue
            core = [w for w in run if not _is_common(w.text) and w.text.lower() not in NAME_CONNECTORS]
            phrase = line[run[0].start : run[-1].end]
            if not core or _grounded(phrase, known) or all(_grounded(w.text, known) for w in core):
                continue
            if _counts(run, core, line, language, title_case, known):
                if title_case:  # in "Your Time At IBM" only the marked word is a name
                    core = [w for w in core if w.marked]
                name = line[core[0].start : core[-1].end]
                if name not in found:
                    found.append(name)
    return found
