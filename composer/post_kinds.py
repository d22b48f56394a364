"""What a post or a headline is: the post's kind (hiring, news or a result, a problem, a lesson) and
what the headline says the lead is open to, from the phrase file's `[words]` cues (composer.cues)."""

from __future__ import annotations

import re
from enum import StrEnum

from composer import phrases
from composer.cues import cues


class PostKind(StrEnum):
    NEWS = "news"
    HIRING = "hiring"
    PROBLEM = "problem"
    LESSON = "lesson"
    NONE = "none"


def classify_post(post: str, table: phrases.Phrases) -> PostKind:
    """What the post is: hiring, news (an announcement or a result: congratulate), a problem it states,
    else a lesson or opinion. The cue lists are the phrase file's (composer.cues)."""
    if not post:
        return PostKind.NONE
    if cues(table, "hiring").any(post):
        return PostKind.HIRING
    if cues(table, "result_up").any(post) and _costs_rising(post):
        return PostKind.PROBLEM  # costs that doubled are a problem, not news
    if reports_result(post, table):
        return PostKind.NEWS
    news, problem = cues(table, "news").count(post), cues(table, "problem").count(post)
    if news and news >= problem:
        return PostKind.NEWS
    return PostKind.PROBLEM if problem else PostKind.LESSON


def reports_result(post: str, table: phrases.Phrases) -> bool:
    """Whether the post reports a result: something cut ("cut onboarding time by 40%"), whatever it cut,
    or something grown ("our organic traffic doubled") unless the post calls it a problem ("our delays
    doubled")."""
    if cues(table, "result_down").any(post):
        return True
    rising = cues(table, "result_up").any(post)
    return rising and not cues(table, "problem").any(post) and not _costs_rising(post)


# What rises and is bad news in any language ("unsere Energiekosten haben sich verdoppelt"): a cost or a
# price, also inside a compound; such a post is a problem to name, never news to congratulate
_COSTS = (
    "cost",
    "kosten",
    "coût",
    "cout",
    "coste",
    "costo",
    "custo",
    "price",
    "preis",
    "prix",
    "precio",
    "preço",
    "preco",
    "prezz",
    "spese",
    "gastos",
    "dépense",
    "ausgaben",
)


def _costs_rising(post: str) -> bool:
    folded = post.casefold()
    return any(word in folded for word in _COSTS)


def open_to(headline: str, table: phrases.Phrases) -> str:
    """The part of the headline that says what the lead is open to ("Open to talks about routing")."""
    said = cues(table, "open_to")
    for part in re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", headline):
        if said.any(part):
            return part.strip()
    return ""


def asks_for_work(text: str, table: phrases.Phrases) -> bool:
    """Whether an open-to headline asks for a role ("Open to new opportunities"), not for talks."""
    return cues(table, "open_to_work").any(text)
