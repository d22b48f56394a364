"""Relevance of a lead's fact to the sender's offer: shared content words after stemming (Snowball, per
language), German compounds sharing their parts, and the language each fact is written in."""

from __future__ import annotations

import functools
import re

from composer import languages, phrases
from composer.text import fold
from composer.topics import grammar_words

_SHORT_FACT = 10  # words: a shorter fact is in the lead's language unless it clearly is not


def stems(text: str, language: str, stop: frozenset[str]) -> set[str]:
    """Stems of the content words: neither the phrase file's stop words nor grammar ("jeden", "partir")."""
    grammar = grammar_words(language)
    words = fold(text).split()
    return {
        languages.stem(w, language)
        for w in words
        if len(w) >= 3 and w not in stop and w not in grammar and not w.isdigit()
    }


def overlap(found_stems: set[str], wanted: set[str], language: str) -> set[str]:
    """The stems of `found_stems` that `wanted` holds; in German a compound shares its parts too
    ("Lieferzeitenprognose" holds "Lieferzeit", "Lagerverwaltung" holds "Verwaltung")."""
    found = found_stems & wanted
    if language == "de":
        for stem, other in ((s, w) for s in found_stems for w in wanted if s != w):
            short, long_ = sorted((stem, other), key=len)
            if len(short) >= 5 and (long_.startswith(short) or long_.endswith(short)):
                found.add(stem)
    return found


def without_name(text: str, name: str) -> str:
    """`text` without the whole-word mentions of `name` (a company name), in any case."""
    if not name.strip():
        return text
    return _name_pattern(name.strip()).sub(" ", text)


@functools.lru_cache(maxsize=512)  # one sender's or lead's company, asked about every clause
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def stop_words(language: str, fallback: phrases.Phrases) -> frozenset[str]:
    return (phrases.load(language) or fallback).words("stop")


def fact_language(text: str, lead_language: str, *, declared: bool = True) -> str:
    """The language a fact is written in: detected when it is long enough to tell, else the lead's. A
    short line full of product names ("Migré 300 pipelines de cron a Airflow") reads as English to the
    detector: another language than the lead's needs a confident score there, when the profile says
    which language it is in."""
    short = declared and len(text.split()) < _SHORT_FACT
    return languages.detect(text, minimum=0.8 if short else 0.3) or lead_language
