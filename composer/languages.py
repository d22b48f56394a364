"""Which language a draft should be in, and which one it is in."""

from __future__ import annotations

from collections import Counter

from composer.models import Lead
from composer.text import fold
from composer.wordlists import COMMON_WORDS, LANGUAGE_NAMES

DEFAULT_LANGUAGE = "en"


def requested(setting: str, lead: Lead) -> str:
    """`auto` means the lead's profile language (English when the profile does not say)."""
    if setting == "auto":
        return lead.language or DEFAULT_LANGUAGE
    return setting


def name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"the language with code '{code}'")


def detectable(code: str) -> bool:
    return code in COMMON_WORDS


def detect(text: str) -> str | None:
    """The language whose common words dominate `text`; None when the text is too short to tell."""
    counts = Counter(fold(text).split())
    scores = {code: sum(counts[w] for w in common & counts.keys()) for code, common in COMMON_WORDS.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 3 or top < second * 1.3:
        return None
    return best
