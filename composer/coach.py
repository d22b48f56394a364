"""The draft coach: a 0-100 score for a message, its parts, and one concrete suggestion per weak part.

Pure and offline: it reads only the text and what the caller knows (channel, language, the lead facts the
draft uses, the offer). Weights, bands, word lists and suggestion texts live in prompts/coach.toml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from composer.coach_rules import CoachRules, Language, PartName, rules
from composer.text import fold, split_sentences
from composer.wordlists import COMMON_WORDS, NOT_NAMES

__all__ = ["CoachPart", "CoachReport", "PartName", "coach", "guess_language"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{0,40}\}\}|\{[^\W\d][\w ]{0,30}\}|\[[^\W\d][\w .-]{0,30}\]|<[^\W\d][\w .-]{0,30}>"
    r"|%[A-Z_]{3,}%"
)
_QUESTION = re.compile(r"[?？]")
_DIGIT = re.compile(r"\d")
_MAYBE_PLACEHOLDER = re.compile(r"[{\[<%]")  # the full pattern is slower; most drafts have none of these
_STOP = frozenset().union(*COMMON_WORDS.values())
_SYLLABLES: dict[str, dict[str, int]] = {}  # language -> word -> syllables; words repeat across drafts


@dataclass(frozen=True)
class CoachPart:
    """One aspect of the draft: its score (0-100), its weight in the total, what was measured, and a
    suggestion when the score is below the data file's `suggest_below`."""

    name: PartName
    score: int
    weight: int
    detail: str
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name.value,
            "score": self.score,
            "weight": self.weight,
            "detail": self.detail,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class CoachReport:
    """The draft's score (the weighted mean of its parts) and the parts, in a fixed order."""

    score: int
    parts: list[CoachPart]

    def part(self, name: PartName | str) -> CoachPart | None:
        return next((part for part in self.parts if part.name == name), None)

    @property
    def suggestions(self) -> list[str]:
        return [part.suggestion for part in self.parts if part.suggestion]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "parts": [part.to_json() for part in self.parts]}


class FactLike(Protocol):
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class _Text:
    """The draft, analysed once for every part."""

    body: str
    subject: str | None
    folded: str
    tokens: list[str]  # the folded words of the body
    sentences: list[str]
    words: list[list[str]]  # the words of each sentence
    folded_words: list[list[str]]  # the folded words of each sentence
    lang: Language | None
    code: str
    channel: str


def coach(
    body: str,
    *,
    subject: str | None = None,
    channel: str,
    language: str,
    facts: Iterable[FactLike | str] = (),
    offer: str | None = None,
) -> CoachReport:
    """Score a draft. `channel` is a Channel value; `language` a code (a language without word lists is
    scored on the parts that need none). `facts`: the lead facts the draft uses (composer's Fact or text).
    `subject=None` leaves the subject out of the score; `""` is a missing subject."""
    data = rules()
    band = data.length.get(str(channel))
    if band is None:
        known = ", ".join(data.length)
        raise ValueError(f"unknown channel {channel!r}: use one of {known}")
    code = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    sentences = split_sentences(body)
    folded = fold(body)
    text = _Text(
        body=body,
        subject=subject if band.subject else None,
        folded=folded,
        tokens=folded.split(),
        sentences=sentences,
        words=[_WORD.findall(sentence) for sentence in sentences],
        folded_words=[fold(sentence).split() for sentence in sentences],
        lang=data.languages.get(code),
        code=code,
        channel=str(channel),
    )
    fact_texts = list(dict.fromkeys(f if isinstance(f, str) else f.text for f in facts))
    found = [
        _length(text, data),
        _reading_ease(text, data),
        _personalisation(text, data, fact_texts, offer),
        _you_focus(text, data),
        _ask(text, data),
        _subject(text, data, fact_texts),
        _spam(text, data),
        _long_sentences(text, data),
        _openers(text, data),
    ]
    parts = [part for part in found if part is not None]
    total_weight = sum(part.weight for part in parts)
    score = round(sum(p.score * p.weight for p in parts) / total_weight) if total_weight else 0
    return CoachReport(score=score, parts=parts)


def guess_language(text: str, *, default: str = "en") -> str:
    """The language of `text` by the project's common-word lists; `default` when it cannot tell."""
    from composer.languages import detect

    return detect(text) or default


def _part(name: PartName, score: float, data: CoachRules, detail: str, suggestion: str | None) -> CoachPart:
    score = round(min(max(score, 0), 100))
    weak = score < data.suggest_below
    return CoachPart(
        name=name,
        score=score,
        weight=data.weights[name],
        detail=detail,
        suggestion=suggestion if weak else None,
    )


def _about(n: int) -> int:
    return max(10, round(n, -1))


def _length(t: _Text, data: CoachRules) -> CoachPart:
    band = data.length[t.channel]
    size = len(t.body.strip())
    points = band.points(size)
    if size > band.ideal_max:
        suggestion = band.too_long.format(over=_about(size - band.ideal_max))
    else:
        suggestion = band.too_short.format(under=_about(band.ideal_min - size))
    return _part(PartName.LENGTH, points, data, f"{size} characters", suggestion)


def _reading_ease(t: _Text, data: CoachRules) -> CoachPart | None:
    if t.lang is None:
        return None
    words = [w for sentence in t.words for w in sentence]
    sentences = sum(1 for sentence in t.words if sentence)
    if not words:
        return _part(PartName.READING_EASE, 0, data, "no words", _reading_hint(t, 0, data))
    known = _SYLLABLES.setdefault(t.code, {})
    if len(known) > 50_000:
        known.clear()
    syllables = 0
    for word in words:
        lower = word.lower()
        count = known.get(lower)
        if count is None:
            count = known[lower] = _syllables(lower, t.lang)
        syllables += count
    f = t.lang.reading
    ease = f.base - f.sentence_length * len(words) / sentences - f.syllables_per_word * syllables / len(words)
    points = 100 * (ease - f.poor) / (f.good - f.poor)
    detail = f"{ease:.0f} ({t.lang.formula})"
    return _part(PartName.READING_EASE, points, data, detail, _reading_hint(t, ease, data))


def _reading_hint(t: _Text, ease: float, data: CoachRules) -> str:
    assert t.lang is not None
    good = f"{t.lang.reading.good:g}"
    return data.reading.suggestion.format(ease=f"{ease:.0f}", formula=t.lang.formula, good=good)


def _syllables(word: str, lang: Language) -> int:
    count = len(lang.vowel_groups.findall(word))
    if lang.hiatus_pattern is not None and count:
        count += len(lang.hiatus_pattern.findall(word))
    for silent in lang.silent:
        ending = silent.ending
        if count > 1 and len(word) > len(ending) and word.endswith(ending):
            if word[-len(ending) - 1] not in silent.unless_after:
                count -= 1
            break
    return max(count, 1)


def _found(words: list[str], t: _Text, kind: str) -> list[str]:
    """The entries of the language's `kind` list in folded `words`, each once, in order."""
    if t.lang is None:
        return []
    index, found = t.lang.phrases[kind], []
    for i, word in enumerate(words):
        for entry in index.get(word, ()):
            if len(entry) == 1 or tuple(words[i : i + len(entry)]) == entry:
                found.append(" ".join(entry))
    return list(dict.fromkeys(found))


def _personalisation(t: _Text, data: CoachRules, facts: list[str], offer: str | None) -> CoachPart:
    rule = data.personalisation
    whole = f"{t.subject or ''}\n{t.body}"
    marker = _PLACEHOLDER.search(whole) if _MAYBE_PLACEHOLDER.search(whole) else None
    phrases = _found(t.tokens, t, "mail_merge")
    merged = marker.group(0) if marker else max(phrases, key=len, default=None)
    if merged:
        suggestion = rule.mail_merge.format(marker=merged)
        return _part(PartName.PERSONALISATION, 0, data, "reads like a mail merge", suggestion)
    references = _found(t.tokens, t, "references")
    specifics = _specifics(t)
    text_points = rule.reference_points * len(references)
    text_points += rule.specific_points * min(len(specifics), rule.specific_cap)
    fact_points = rule.fact_points[min(len(facts), len(rule.fact_points) - 1)]
    points = max(fact_points, text_points)
    detail = f"lead facts: {len(facts)}, references: {len(references)}, details: {len(specifics)}"
    if facts and offer and not _related(facts, offer, t):
        fact = _opening_fact(facts, t)
        return _part(
            PartName.PERSONALISATION,
            min(points, rule.unrelated_cap),
            data,
            f"{detail}; the facts do not touch the offer",
            rule.unrelated.format(fact=fact),
        )
    return _part(PartName.PERSONALISATION, points, data, detail, rule.generic)


def _opening_fact(facts: list[str], t: _Text) -> str:
    """The fact the draft mentions first (its hook), shortened for a suggestion."""

    def position(fact: str) -> int:
        found = t.folded.find(fold(fact))
        return found if found >= 0 else len(t.folded)

    fact = min(facts, key=position)
    return fact if len(fact) <= 60 else fact[:59].rstrip() + "…"


def _specifics(t: _Text) -> set[str]:
    """Numbers and names in sentences spoken to the reader: what only this lead would recognise."""
    lang = t.lang
    if lang is None:
        return set()
    found: set[str] = set()
    for folded, words in zip(t.folded_words, t.words, strict=True):
        if lang.you_words.isdisjoint(folded):
            continue
        for i, word in enumerate(words):
            digits = _DIGIT.search(word) is not None
            if digits or (lang.names_by_capital and i and word[0].isupper()):
                plain = fold(word).strip()
                if digits or (plain not in NOT_NAMES and plain not in lang.pronouns):
                    found.add(plain)
    return found


def _stems(text: str, lang: Language | None) -> frozenset[str]:
    return _stems_of(fold(text).split(), lang)


def _stems_of(words: list[str], lang: Language | None) -> frozenset[str]:
    """Content-word stems (first five letters) of folded words: the topic words two texts can share."""
    pronouns = lang.pronouns if lang else frozenset()
    return frozenset(w[:5] for w in words if len(w) >= 4 and w not in _STOP and w not in pronouns)


def _related(facts: list[str], offer: str, t: _Text) -> bool:
    """Whether a lead fact and the offer share a topic: a word stem, or a sentence that names both."""
    fact_stems = set().union(*(_stems(fact, t.lang) for fact in facts))
    offer_stems = _stems(offer, t.lang)
    if fact_stems & offer_stems:
        return True
    for words in t.folded_words:
        stems = _stems_of(words, t.lang)
        if stems & fact_stems and stems & offer_stems and not stems <= offer_stems | fact_stems:
            return True
    return False


def _you_focus(t: _Text, data: CoachRules) -> CoachPart | None:
    if t.lang is None:
        return None
    rule = data.you_focus
    words = t.tokens
    you = sum(1 for w in words if w in t.lang.you_words)
    me = sum(1 for w in words if w in t.lang.me_words)
    detail = f"you/your: {you}, I/we: {me}"
    if you + me < 2:
        return _part(PartName.YOU_FOCUS, rule.impersonal, data, detail, rule.impersonal_suggestion)
    share = you / (you + me)
    points = 100 * (share - rule.zero_share) / (rule.ideal_share - rule.zero_share)
    return _part(PartName.YOU_FOCUS, points, data, detail, rule.suggestion.format(me=me, you=you))


def _ask(t: _Text, data: CoachRules) -> CoachPart:
    count = 0
    for sentence, words in zip(t.sentences, t.folded_words, strict=True):
        if _QUESTION.search(sentence) or _found(words, t, "asks"):
            count += 1
    rule = data.ask
    points = rule.points[min(count, len(rule.points) - 1)]
    suggestion = rule.none if count == 0 else rule.many.format(count=count)
    return _part(PartName.ASK, points, data, f"questions and asks: {count}", suggestion)


def _subject(t: _Text, data: CoachRules, facts: list[str]) -> CoachPart | None:
    if t.subject is None:
        return None
    rule = data.subject
    subject = " ".join(t.subject.split())
    if not subject:
        return _part(PartName.SUBJECT, 0, data, "no subject", rule.missing)
    length_points = rule.points(len(subject))
    words = fold(subject).split()
    lang = t.lang
    you = lang.you_words if lang else frozenset()
    plain = _STOP | you | (lang.me_words if lang else frozenset()) | COMMON_WORDS.get(t.code, frozenset())
    generic_words = lang.generic_subject_words if lang else frozenset()
    if all(w in plain or w in generic_words for w in words):
        specific, hint = rule.generic_points, rule.generic.format(subject=subject)
    elif _specific_subject(subject, words, you, facts, lang):
        specific, hint = 100, rule.vague
    else:
        specific, hint = rule.vague_points, rule.vague
    if length_points < specific:
        hint = rule.too_long.format(max=rule.ideal_max, length=len(subject))
        if len(subject) < rule.ideal_min:
            hint = rule.too_short
    detail = f"{len(subject)} characters"
    return _part(PartName.SUBJECT, min(length_points, specific), data, detail, hint)


def _specific_subject(
    subject: str, words: list[str], you: frozenset[str], facts: list[str], lang: Language | None
) -> bool:
    if any(c.isdigit() for c in subject) or you.intersection(words):
        return True
    if facts and _stems(subject, lang) & set().union(*(_stems(f, lang) for f in facts)):
        return True
    names_by_capital = lang is None or lang.names_by_capital
    raw = _WORD.findall(subject)[1:]
    return names_by_capital and any(w[0].isupper() and fold(w).strip() not in NOT_NAMES for w in raw)


def _spam(t: _Text, data: CoachRules) -> CoachPart:
    rule = data.spam
    whole = f"{t.subject or ''}\n{t.body}"
    words = _found(fold(t.subject).split() + t.tokens if t.subject else t.tokens, t, "spam")
    exclamations = whole.count("!") + whole.count("！")
    candidates = [w for sentence in t.words for w in sentence] + _WORD.findall(t.subject or "")
    shouting = [w for w in candidates if len(w) >= 5 and w.isupper() and w.isalpha()]
    extra = max(0, exclamations - rule.allowed_exclamations)
    points = 100 - rule.per_word * len(words) - rule.per_exclamation * extra
    points -= rule.per_shouting * len(shouting)
    detail = f"trigger words: {len(words)}, exclamation marks: {exclamations}, in capitals: {len(shouting)}"
    if words:
        suggestion = rule.words.format(words=", ".join(f'"{w}"' for w in words[:4]))
    elif extra:
        suggestion = rule.exclamations.format(count=exclamations)
    else:
        suggestion = rule.shouting.format(word=shouting[0] if shouting else "")
    return _part(PartName.SPAM, points, data, detail, suggestion)


def _long_sentences(t: _Text, data: CoachRules) -> CoachPart:
    rule = data.long_sentences
    long = [(len(w), s) for w, s in zip(t.words, t.sentences, strict=True) if len(w) > rule.max_words]
    points = 100 - rule.per_sentence * len(long)
    detail = f"sentences over {rule.max_words} words: {len(long)}"
    suggestion = None
    if long:
        words, sentence = max(long, key=lambda item: item[0])
        start = " ".join(sentence.split()[:6])
        suggestion = rule.suggestion.format(words=words, start=start, max=rule.max_words)
    return _part(PartName.LONG_SENTENCES, points, data, detail, suggestion)


def _openers(t: _Text, data: CoachRules) -> CoachPart:
    rule = data.openers
    firsts = Counter(fold(w[0]).strip() for w in t.words if len(w) >= rule.min_words)
    repeats = sum(n - 1 for n in firsts.values() if n > 1)
    points = 100 - rule.per_repeat * repeats
    suggestion = None
    if repeats:
        word, count = firsts.most_common(1)[0]
        suggestion = rule.suggestion.format(count=count, word=word.capitalize())
    return _part(PartName.OPENERS, points, data, f"repeated openers: {repeats}", suggestion)
