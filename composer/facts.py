"""What a draft can say about the lead: the cleaned view templates see, the hooks, and the facts a draft used.

Hooks come in a fixed order of strength (DESIGN section 3): recent post > mutual connection > shared school
or employer > current role > skill. Only the fact kinds enabled in Settings.facts are offered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from composer.models import Fact, FactKind, Lead, Sender
from composer.scrub import clean, clean_text
from composer.text import cut_clause, ensure_sentence, fold, split_sentences, strip_end
from composer.wordlists import NOT_NAMES

_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"\s*[;•·]\s*|\s+[-–—]\s+")
_LOWER_NOUN = re.compile(r"(?:ing|ics|ment|tion|sis|ogy|ning|ysis)$")
_RESULT = re.compile(
    r"%|[$€£]|\b(?:cut|reduced?|grew|grown|increased?|saved?|improved?|raised?|doubled|tripled|halved|launched"
    r"|réduit|porté|augmenté|divisé|reduziert|gesenkt|gesteigert|verdoppelt|redujo|reducido|aumentó|duplicó)\b",
    re.I,
)


# Frequent words that say nothing about which fact a draft echoes.
_FILLER = frozenset(
    [
        "that",
        "this",
        "with",
        "what",
        "your",
        "have",
        "from",
        "will",
        "would",
        "could",
        "about",
        "more",
        "into",
        "just",
        "than",
        "them",
        "they",
    ]
)


class HookKind(StrEnum):
    RECENT_POST = "recent_post"
    MUTUAL_CONNECTION = "mutual_connection"
    SHARED_SCHOOL = "shared_school"
    SHARED_EMPLOYER = "shared_employer"
    CURRENT_ROLE = "current_role"
    SKILL = "skill"
    NONE = "none"


@dataclass(frozen=True)
class Hook:
    kind: HookKind
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "text": self.text}


NO_HOOK = Hook(HookKind.NONE, "")


def _skill_phrase(skill: str, language: str) -> str:
    """'Supply chain analytics' reads 'supply chain analytics' mid-sentence; 'Python' stays."""
    words = skill.split()
    if language == "de" or not words or not words[0][:1].isupper() or words[0].isupper():
        return skill
    if (len(words) > 1 and all(w.islower() for w in words[1:])) or _LOWER_NOUN.search(words[0].lower()):
        return skill[:1].lower() + skill[1:]
    if "-" in words[0] and skill[1:].islower():  # "Last-mile" reads "last-mile"
        return skill[:1].lower() + skill[1:]
    return skill


def _achievement(lead: Lead) -> tuple[str, bool]:
    """The clause of the current job's description that reads most like a result: a number, ideally a
    percentage or a verb such as "cut" or "grew". Empty when there is none; the flag says whether it
    reads as a result ("cut costs by 18%") rather than a size ("a team of 40")."""
    current = [e for e in lead.experiences if not e.end] or lead.experiences[:1]
    return _best_result(tuple(experience.description for experience in current))


@functools.lru_cache(maxsize=1024)  # asked twice per draft: for the template's view and for facts_used
def _best_result(descriptions: tuple[str | None, ...]) -> tuple[str, bool]:
    best, best_score = "", 0
    for description in descriptions:
        for sentence in split_sentences(clean_text(description, limit=600)):
            for clause in _CLAUSE.split(sentence):
                if not (_DIGIT.search(clause) and 15 <= len(clause) <= 160):
                    continue
                score = 1 + len(_RESULT.findall(clause))
                if score > best_score:
                    best, best_score = strip_end(clause), score
    return best[:1].upper() + best[1:], best_score > 1


def _current_role(lead: Lead) -> tuple[str, str]:
    current = next((e for e in lead.experiences if not e.end), None)
    title = lead.title or (current.title if current else None)
    company = lead.company or (current.company if current else None)
    return clean_text(title, limit=80), clean_text(company, limit=80)


def _names(values: Sequence[str | None], *, limit: int, most: int) -> list[str]:
    cleaned = (clean_text(value, limit=limit) for value in values)
    return list(dict.fromkeys(value for value in cleaned if value))[:most]


def lead_view(lead: Lead, facts: frozenset[FactKind], *, language: str) -> dict[str, Any]:
    """The lead as templates and prompts see it: cleaned, cut, and only the facts the user allowed."""
    first = clean_text(lead.first_name, limit=40)
    last = clean_text(lead.last_name, limit=40)
    view: dict[str, Any] = {
        "first_name": first,
        "last_name": last,
        "name": " ".join(part for part in (first, last) if part),
        "location": clean_text(lead.location, limit=80),
        "headline": "",
        "title": "",
        "company": "",
        "achievement": "",
        "result": "",
        "past_companies": [],
        "about": "",
        "skills": [],
        "skill": "",
        "schools": [],
        "school": "",
        "recent_post": "",
        "recent_post_short": "",
        "post_full": "",
        "headline_extra": "",
        "descriptions": [],
        "mutual_connections": [],
        "mutual": "",
    }
    if FactKind.EXPERIENCE in facts:
        title, company = _current_role(lead)
        past = [e.company for e in lead.experiences if e.end and e.company]
        view |= {"title": title, "company": company, "headline": clean_text(lead.headline, limit=120)}
        achievement, is_result = _achievement(lead)
        view |= {"achievement": achievement, "result": achievement if is_result else ""}
        view["past_companies"] = _names(past, limit=80, most=5)
        view["headline_extra"] = _headline_extra(view["headline"], title, company)
        view["descriptions"] = _descriptions(lead)
    if FactKind.ABOUT in facts:
        view["about"] = ensure_sentence(clean_text(lead.about, limit=220))
    if FactKind.SKILLS in facts:
        view["skills"] = [_skill_phrase(s, language) for s in _names(lead.skills, limit=50, most=5)]
        view["skill"] = view["skills"][0] if view["skills"] else ""
    if FactKind.EDUCATION in facts:
        view["schools"] = _names([e.school for e in lead.education], limit=100, most=3)
        view["school"] = view["schools"][0] if view["schools"] else ""
    if FactKind.RECENT_POST in facts and lead.recent_post:
        post = clean(lead.recent_post, limit=160).text
        view["recent_post"] = ensure_sentence(post) if post else ""
        view["post_full"] = ensure_sentence(clean_text(lead.recent_post, limit=400))
        view["recent_post_short"] = ensure_sentence(cut_clause(split_sentences(post)[0], 90)) if post else ""
    if FactKind.MUTUAL_CONNECTIONS in facts:
        view["mutual_connections"] = _names(lead.mutual_connections, limit=60, most=3)
        view["mutual"] = view["mutual_connections"][0] if view["mutual_connections"] else ""
    return view


def _headline_extra(headline: str, title: str, company: str) -> str:
    """The headline when it says more than the title and company ("Open to talks about routing")."""
    known = set(fold(f"{title} {company}").split()) | {"at", "chez", "bei", "en", "em", "presso", "@"}
    return headline if set(fold(headline).split()) - known else ""


def _descriptions(lead: Lead) -> list[str]:
    """The first sentence of each role's description, current role first."""
    ordered = sorted(lead.experiences, key=lambda e: e.end is not None)
    found = []
    for experience in ordered[:4]:
        sentences = split_sentences(clean_text(experience.description, limit=300))
        if sentences:
            found.append(ensure_sentence(sentences[0]))
    return list(dict.fromkeys(found))


def hooks(view: dict[str, Any], lead: Lead, sender: Sender, facts: frozenset[FactKind]) -> list[Hook]:
    """Every hook the lead offers, strongest first."""
    found: list[Hook] = []
    if view["recent_post"]:
        found.append(Hook(HookKind.RECENT_POST, view["recent_post"]))
    if view["mutual"]:
        found.append(Hook(HookKind.MUTUAL_CONNECTION, view["mutual"]))
    sender_schools = {fold(s) for s in sender.schools}
    school = next((s for s in view["schools"] if fold(s) in sender_schools), None)
    if school:
        found.append(Hook(HookKind.SHARED_SCHOOL, school))
    if FactKind.EXPERIENCE in facts:
        mine = {fold(c) for c in sender.companies}
        theirs = _names([e.company for e in lead.experiences], limit=80, most=20)
        employer = next((c for c in theirs if fold(c) in mine), None)
        if employer:
            found.append(Hook(HookKind.SHARED_EMPLOYER, employer))
    if view["title"] or view["company"]:
        role = " at ".join(part for part in (view["title"], view["company"]) if part)
        found.append(Hook(HookKind.CURRENT_ROLE, role))
    if view["skill"]:
        found.append(Hook(HookKind.SKILL, view["skill"]))
    return found


def _content_words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) >= 4 and w not in NOT_NAMES and w not in _FILLER}


def _echoes(draft: str, source: str, *, enough: int, one_word: bool = False) -> bool:
    """The draft quotes `source` or reuses enough of its distinctive words."""
    if not source:
        return False
    head = fold(source[:60]).strip()
    if len(head) >= 12 and f" {head} " in draft:
        return True
    words = _content_words(source)
    shared = words & set(draft.split())
    if one_word and any(len(word) >= 7 for word in shared):  # "depositi" from a long summary is enough
        return True
    return len(shared) >= min(enough, len(words)) > 0


def facts_used(text: str, lead: Lead, *, subject: str | None = None, own: str = "") -> list[Fact]:
    """The lead facts a draft mentions (body `text`, and `subject`), in the lead's own words.

    Works for either engine's output. The two are folded apart: the body's fold is cached for the checks.
    Sentences of `own` (the sender's texts) are left out first: an offer that says "staffing plans" does
    not echo a post about staffing plans.
    """
    if own:
        mine = {fold(sentence) for sentence in split_sentences(own)}
        text = " ".join(s for s in split_sentences(text) if fold(s) not in mine)
    folded = [fold(part).strip() for part in (subject, text) if part]
    draft = f" {' '.join(part for part in folded if part)} "
    used: list[Fact] = []

    def add(kind: FactKind, value: str | None, *, match: str | None = None) -> None:
        needle = fold(match if match is not None else value or "").strip()
        if len(needle) >= 2 and f" {needle} " in draft and (shown := clean_text(value, limit=200)):
            used.append(Fact(kind=kind, text=shown))

    title, company = _current_role(lead)
    role = ", ".join(part for part in (title, company) if part)
    if company and f" {fold(company).strip()} " in draft:
        add(FactKind.EXPERIENCE, role, match=company)
    elif title:
        add(FactKind.EXPERIENCE, role or title, match=title)
    achievement, _ = _achievement(lead)
    if achievement and _echoes(draft, achievement, enough=3, one_word=True):
        used.append(Fact(kind=FactKind.EXPERIENCE, text=achievement))
    for experience in lead.experiences:
        if experience.company and fold(experience.company) != fold(company):
            add(FactKind.EXPERIENCE, experience.company)
    post = clean_text(lead.recent_post, limit=300)
    if post and _echoes(draft, post, enough=2, one_word=True):
        used.append(Fact(kind=FactKind.RECENT_POST, text=post))
    for person in lead.mutual_connections[:50]:
        add(FactKind.MUTUAL_CONNECTIONS, person)
    for education in lead.education:
        add(FactKind.EDUCATION, education.school)
    for skill in lead.skills[:50]:
        add(FactKind.SKILLS, skill)
    headline = clean_text(lead.headline, limit=200)
    if headline and _echoes(draft, headline, enough=2, one_word=True):
        used.append(Fact(kind=FactKind.EXPERIENCE, text=headline))
    for experience in lead.experiences[:4]:
        first = split_sentences(clean_text(experience.description, limit=300))
        if first and _echoes(draft, first[0], enough=2, one_word=True):
            used.append(Fact(kind=FactKind.EXPERIENCE, text=first[0]))
    about = split_sentences(clean_text(lead.about, limit=400))
    if about and _echoes(draft, about[0], enough=2, one_word=True):
        used.append(Fact(kind=FactKind.ABOUT, text=about[0]))
    return list(dict.fromkeys(used))
