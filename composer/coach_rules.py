"""The draft coach's data, read once from prompts/coach.toml and checked: weights, bands, word lists, texts.

Word lists are folded here (composer.text.fold), so the coach matches them against folded text directly.
"""

import functools
import re
import string
import tomllib
from enum import StrEnum
from importlib import resources
from typing import Annotated, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from composer.errors import ComposerError
from composer.text import fold

DATA_FILE = "coach.toml"


class PartName(StrEnum):
    LENGTH = "length"
    READING_EASE = "reading_ease"
    PERSONALISATION = "personalisation"
    YOU_FOCUS = "you_focus"
    ASK = "ask"
    SUBJECT = "subject"
    SPAM = "spam"
    LONG_SENTENCES = "long_sentences"
    OPENERS = "openers"


Text = Annotated[str, Field(min_length=1)]


Points = Annotated[int, Field(ge=0, le=100)]
Share = Annotated[float, Field(ge=0, le=1)]


class _Data(BaseModel):
    """A table of coach.toml. `placeholders`: the suggestion fields and the names each may use in braces."""

    # Built when rules() first reads coach.toml, as one schema: the tables are never validated alone.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    placeholders: ClassVar[dict[str, tuple[str, ...]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> Self:
        for field, allowed in self.placeholders.items():
            text = getattr(self, field)
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
            if unknown := used - set(allowed):
                names = ", ".join(f"{{{n}}}" for n in allowed) or "none"
                raise ValueError(f"{field}: unknown placeholder {sorted(unknown)} (allowed: {names})")
        return self


class Band(_Data):
    """100 points from ideal_min to ideal_max, 0 at or beyond zero_below / zero_above, linear between."""

    zero_below: int = Field(ge=0)
    ideal_min: int
    ideal_max: int
    zero_above: int

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.zero_below < self.ideal_min <= self.ideal_max < self.zero_above:
            raise ValueError("a band needs zero_below < ideal_min <= ideal_max < zero_above")
        return self

    def points(self, value: float) -> int:
        if value < self.ideal_min:
            share = (value - self.zero_below) / (self.ideal_min - self.zero_below)
        elif value > self.ideal_max:
            share = (self.zero_above - value) / (self.zero_above - self.ideal_max)
        else:
            share = 1.0
        return round(100 * min(max(share, 0.0), 1.0))


class LengthBand(Band):
    placeholders: ClassVar = {"too_long": ("over",), "too_short": ("under",)}
    subject: bool = True  # whether the channel has a subject line
    too_long: Text
    too_short: Text


class Reading(_Data):
    placeholders: ClassVar = {"suggestion": ("ease", "formula", "good")}
    suggestion: Text


class Personalisation(_Data):
    placeholders: ClassVar = {"mail_merge": ("marker",), "generic": (), "unrelated": ("fact",)}
    fact_points: list[Points] = Field(min_length=2)
    reference_points: Points
    specific_points: Points
    specific_cap: int = Field(ge=0)
    unrelated_cap: Points
    mail_merge: Text
    generic: Text
    unrelated: Text


class YouFocus(_Data):
    placeholders: ClassVar = {"suggestion": ("me", "you"), "impersonal_suggestion": ()}
    ideal_share: Share
    zero_share: Share
    impersonal: Points
    suggestion: Text
    impersonal_suggestion: Text

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.zero_share < self.ideal_share:
            raise ValueError("zero_share must be below ideal_share")
        return self


class Ask(_Data):
    placeholders: ClassVar = {"none": (), "many": ("count",)}
    points: list[Points] = Field(min_length=3)
    none: Text
    many: Text


class Subject(Band):
    placeholders: ClassVar = {
        "missing": (),
        "too_long": ("max", "length"),
        "too_short": (),
        "generic": ("subject",),
        "vague": (),
    }
    generic_points: Points
    vague_points: Points
    missing: Text
    too_long: Text
    too_short: Text
    generic: Text
    vague: Text


class Spam(_Data):
    placeholders: ClassVar = {"words": ("words",), "exclamations": ("count",), "shouting": ("word",)}
    per_word: Points
    allowed_exclamations: int = Field(ge=0)
    per_exclamation: Points
    per_shouting: Points
    words: Text
    exclamations: Text
    shouting: Text


class LongSentences(_Data):
    placeholders: ClassVar = {"suggestion": ("words", "start", "max")}
    max_words: int = Field(ge=5)
    per_sentence: Points
    suggestion: Text


class Openers(_Data):
    placeholders: ClassVar = {"suggestion": ("count", "word")}
    min_words: int = Field(ge=1)
    per_repeat: Points
    suggestion: Text


class Formula(_Data):
    base: float
    sentence_length: float = Field(ge=0)
    syllables_per_word: float = Field(ge=0)
    good: float
    poor: float

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.poor < self.good:
            raise ValueError("poor must be below good")
        return self


class Silent(_Data):
    ending: str = Field(min_length=1)
    unless_after: str = ""


def _folded_list(values: list[str]) -> frozenset[str]:
    """Each entry as it appears inside folded text: ' let me know '."""
    folded = {fold(value) for value in values}
    if " " in folded:
        raise ValueError("an entry has no letters or digits")
    return frozenset(folded)


def _index(phrases: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases):
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return {first: tuple(entries) for first, entries in index.items()}


FoldedList = Annotated[list[str], Field(min_length=1)]


class Language(_Data):
    formula: str = Field(min_length=1)
    reading: Formula
    vowels: str = Field(min_length=1)
    hiatus: list[str] = Field(default_factory=list)
    silent: list[Silent] = Field(default_factory=list)
    names_by_capital: bool = True
    you: FoldedList
    me: FoldedList
    asks: FoldedList
    spam: FoldedList
    generic_subjects: FoldedList
    references: FoldedList
    mail_merge: FoldedList

    @field_validator("you", "me", "asks", "spam", "generic_subjects", "references", "mail_merge")
    @classmethod
    def _lists_fold(cls, values: list[str]) -> list[str]:
        _folded_list(values)
        return values

    @functools.cached_property
    def you_words(self) -> frozenset[str]:
        return frozenset(w.strip() for w in _folded_list(self.you))

    @functools.cached_property
    def me_words(self) -> frozenset[str]:
        return frozenset(w.strip() for w in _folded_list(self.me))

    @functools.cached_property
    def pronouns(self) -> frozenset[str]:
        return self.you_words | self.me_words

    @functools.cached_property
    def phrases(self) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
        """Per phrase list, its entries as folded words, indexed by their first word (one dict lookup
        per word of the draft finds every entry)."""
        names = ("asks", "spam", "generic_subjects", "references", "mail_merge")
        return {name: _index(_folded_list(getattr(self, name))) for name in names}

    @functools.cached_property
    def generic_subject_words(self) -> frozenset[str]:
        return frozenset(w for phrase in _folded_list(self.generic_subjects) for w in phrase.split())

    @functools.cached_property
    def vowel_groups(self) -> re.Pattern[str]:
        return re.compile(f"[{re.escape(self.vowels)}]+")

    @functools.cached_property
    def hiatus_pattern(self) -> re.Pattern[str] | None:
        return re.compile("|".join(map(re.escape, self.hiatus))) if self.hiatus else None


class CoachRules(_Data):
    suggest_below: Points
    weights: dict[PartName, Annotated[int, Field(ge=0, le=100)]]
    length: dict[str, LengthBand] = Field(min_length=1)
    reading: Reading
    personalisation: Personalisation
    you_focus: YouFocus
    ask: Ask
    subject: Subject
    spam: Spam
    long_sentences: LongSentences
    openers: Openers
    languages: dict[str, Language] = Field(min_length=1)

    @field_validator("weights")
    @classmethod
    def _every_part_weighed(cls, weights: dict[PartName, int]) -> dict[PartName, int]:
        missing = set(PartName) - weights.keys()
        if missing:
            raise ValueError(f"no weight for {', '.join(sorted(missing))}")
        if not any(weights.values()):
            raise ValueError("at least one weight must be above 0")
        return weights


class CoachDataError(ComposerError):
    """prompts/coach.toml is missing or does not fit its documented shape."""


def parse_rules(text: str) -> CoachRules:
    """The coach's rules from the text of a coach.toml; CoachDataError says what to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CoachDataError(f"prompts/{DATA_FILE} is not valid TOML: {exc}") from None
    try:
        return CoachRules.model_validate(data)
    except ValidationError as exc:
        from composer.models import describe_validation_error  # models imports the coach

        raise CoachDataError(f"prompts/{DATA_FILE}: {describe_validation_error(exc)}") from None


@functools.cache
def rules() -> CoachRules:
    """The shipped rules, read and checked on first use."""
    text = resources.files("prompts").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_rules(text)
