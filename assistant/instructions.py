"""Reading a revision request ("shorter", "more formal", "in Spanish", "use PAS") into settings changes.

Used by the model path to back up the model's tool arguments, by the routing fallback (where the model
only names the intent) and by the offline mode to suggest the right command for free text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from composer import LANGUAGE_NAMES

# Language names people type: the composer's English names, plus a few in the language itself.
TYPED_LANGUAGES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()} | {
    "francais": "fr",
    "français": "fr",
    "deutsch": "de",
    "espanol": "es",
    "español": "es",
    "castellano": "es",
    "italiano": "it",
    "português": "pt",
    "nederlands": "nl",
}

# Mood words -> the composer's Mood values (professional, friendly, funny, optimistic, motivated).
_MOODS = (
    (r"less (?:formal|stiff|serious)", "friendly"),  # before "formal" below
    (r"formal|professional|serious|businesslike|polite", "professional"),
    (r"friendl\w*|warm\w*|casual|relaxed|informal", "friendly"),
    (r"funn\w*|humou?r\w*|playful|witty|joke\w*", "funny"),
    (r"optimistic|upbeat|positive|cheerful", "optimistic"),
    (r"motivat\w*|energetic|enthusiastic|excited|bold", "motivated"),
)
# Persona words -> the composer's Persona values.
_PERSONAS = (
    (r"marketers?", "marketer"),
    (r"salespeople|salesperson|sales rep", "salesperson"),
    (r"recruiters?", "recruiter"),
    (r"job[- ]?seekers?", "job_seeker"),
    (r"founders?", "founder"),
    (r"content creators?", "content_creator"),
)
_CHANNELS = (
    (r"connection (?:note|request)|invite note|invitation( note)?|connect note", "connection_note"),
    (r"follow[- ]?up", "follow_up"),
    (r"in-?mail", "inmail"),
)
_SHORTER = re.compile(
    r"\b(shorter|shorten|concise|brief(?:er)?|tighter|trim|cut it|less wordy|too long|fewer words|snappier)\b"
)
# "in Spanish", "switch to German"; not a bare "to" ("I want to polish it" is not Polish).
_LANGUAGE_AFTER = re.compile(r"\b(?:in|into|en|auf|(?:switch|change|translate)(?:\s+it)?\s+to)\s+(\w+)")
_TRANSLATE = re.compile(r"\btranslat\w*\b")


class Changes(BaseModel):
    """What a request asks to change; None = leave as it is."""

    strategy: str | None = None
    language: str | None = None
    mood: str | None = None
    persona: str | None = None
    channel: str | None = None
    shorter: bool = False

    def is_empty(self) -> bool:
        """True when the request names nothing to change."""
        return not self.shorter and not self.settings_changes()

    def settings_changes(self) -> dict[str, str]:
        """The fields that change the composer's settings (all but `shorter`)."""
        return self.model_dump(exclude={"shorter"}, exclude_none=True)


def read_changes(text: str, *, strategies: Iterable[str]) -> Changes:
    """The changes a request names. Only what is said explicitly counts; anything else is left as is."""
    lowered = text.lower()
    return Changes(
        strategy=_strategy(lowered, strategies),
        language=_language(lowered),
        mood=_first_match(lowered, _MOODS),
        persona=_first_match(lowered, _PERSONAS),
        channel=_first_match(lowered, _CHANNELS),
        shorter=bool(_SHORTER.search(lowered)),
    )


def language_code(word: str) -> str | None:
    """A language code from a code or a name ("es", "Spanish", "auto"); None when it is neither."""
    word = word.strip().lower()
    if word in TYPED_LANGUAGES:
        return TYPED_LANGUAGES[word]
    if word == "auto" or re.fullmatch(r"[a-z]{2,3}(-[a-z]{2})?", word):
        return word
    return None


def _strategy(lowered: str, strategies: Iterable[str]) -> str | None:
    for name in sorted(strategies, key=len, reverse=True):  # longest first: "pas2" before "pas"
        if re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", lowered):
            return name
    return None


def _language(lowered: str) -> str | None:
    for word in _LANGUAGE_AFTER.findall(lowered):
        if word in TYPED_LANGUAGES:
            return TYPED_LANGUAGES[word]
    if _TRANSLATE.search(lowered) or lowered.strip() in TYPED_LANGUAGES:
        for name, code in TYPED_LANGUAGES.items():
            if re.search(rf"\b{name}\b", lowered):
                return code
    return None


def _first_match(lowered: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((value for pattern, value in table if re.search(rf"\b(?:{pattern})\b", lowered)), None)
