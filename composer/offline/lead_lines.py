"""The lead's own words a draft may quote: whole sentences or clauses, in the draft's language, never cut.

A line is quoted whole, in quotation marks, or not at all. Each line knows where it comes from, whether it
holds a number with what it measures (a result the lead is proud of), whether it states a problem or news,
and how many content words it shares with the sender's offer and problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from composer import phrases
from composer.cues import cues
from composer.relevance import fact_language, overlap, stems, stop_words, without_name
from composer.text import fold, split_sentences

MIN_WORDS, MAX_WORDS = 4, 24
MAX_CHARS = 170
_CLAUSE_SPLIT = re.compile(r"\s*[;•|·]\s*|\s+[-–—]\s+")
_NOT_QUOTABLE = re.compile(r"https?:|www\.|@|#\w|\{|\}|<|>|\[|\]|\.\.\.|…")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Line:
    where: str  # post | about | experience | headline
    text: str  # the lead's words, exactly as cleaned
    matches: int = 0  # content words shared with the offer and problem
    number: bool = False  # holds a number and a result cue ("cut late deliveries by 18%")
    problem: bool = False
    news: bool = False
    addressed: bool = False  # speaks to the reader ("DM me", "hablemos"): a candidate's hook, no seller's


def _clauses(text: str) -> Iterator[str]:
    for sentence in split_sentences(text):
        if len(sentence.split()) <= MAX_WORDS:
            yield sentence
        else:
            yield from (c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c.strip())


def quotable(text: str) -> bool:
    words = len(text.split())
    return MIN_WORDS <= words <= MAX_WORDS and len(text) <= MAX_CHARS and not _NOT_QUOTABLE.search(text)


def lead_lines(
    sources: list[tuple[str, str]],
    *,
    language: str,
    lead_language: str,
    offer_text: str,
    company: str,
    sender_company: str,
) -> list[Line]:
    """Every quotable line of `sources` ((where, text) pairs) written in `language`."""
    table = phrases.load(language) or phrases.load("en")
    if table is None:
        return []
    stop = stop_words(language, table)
    wanted = stems(without_name(offer_text, sender_company), language, stop)
    found: list[Line] = []
    seen: set[str] = set()
    for where, text in sources:
        if not text:
            continue
        for clause in _clauses(text):
            key = fold(clause)
            if key in seen or not quotable(clause):
                continue
            if fact_language(clause, lead_language) != language:
                continue
            seen.add(key)
            shared = overlap(stems(without_name(clause, company), language, stop), wanted, language)
            found.append(
                Line(
                    where=where,
                    text=clause,
                    matches=len(shared),
                    number=bool(_DIGIT.search(clause))
                    and (cues(table, "result_down").any(clause) or cues(table, "result_up").any(clause)),
                    problem=cues(table, "problem").any(clause),
                    news=cues(table, "news").any(clause),
                    addressed=cues(table, "cta").any(clause),
                )
            )
    return found


def best(lines: list[Line], *, where: tuple[str, ...] = (), **wanted: bool) -> Line | None:
    """The most relevant line from `where` (any when empty) with the wanted flags, earlier lines first."""
    pool = [
        line
        for line in lines
        if (not where or line.where in where) and all(getattr(line, k) == v for k, v in wanted.items())
    ]
    return max(pool, key=lambda line: line.matches, default=None)
