"""The composer's data: the lead and sender it writes from, the settings it writes with, the draft it returns.

Lead and Sender accept the JSON shapes of DESIGN section 6 (unknown keys are ignored, so a saved lead
can carry notes). Their text is untrusted until `composer.scrub` has cleaned it.
"""

import hashlib
import re
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from composer.coach import CoachReport, coach
from composer.errors import InputError
from composer.scrub import clean_text, drop_hidden

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_LANGUAGE_NAMES = {"english": "en", "french": "fr", "français": "fr", "german": "de", "deutsch": "de"}
_LANGUAGE_NAMES |= {"spanish": "es", "español": "es", "espanol": "es", "portuguese": "pt", "português": "pt"}
_LANGUAGE_NAMES |= {"portugues": "pt", "italian": "it", "italiano": "it"}


class Engine(StrEnum):
    TEMPLATE = "template"
    LLM = "llm"


class Outcome(StrEnum):
    """How the draft came to be the result: asked of the template engine, the model's first reply, the
    model's repaired reply, or the template engine's draft after the model failed (`Draft.why` says why)."""

    TEMPLATE = "template"
    MODEL = "model"
    REPAIRED = "repaired"
    FALLBACK = "fallback"


class DraftChannel(StrEnum):
    INMAIL = "inmail"
    CONNECTION_NOTE = "connection_note"
    FOLLOW_UP = "follow_up"


class Persona(StrEnum):
    MARKETER = "marketer"
    SALESPERSON = "salesperson"
    RECRUITER = "recruiter"
    JOB_SEEKER = "job_seeker"
    FOUNDER = "founder"
    CONTENT_CREATOR = "content_creator"


class Mood(StrEnum):
    PROFESSIONAL = "professional"
    FRIENDLY = "friendly"
    FUNNY = "funny"
    OPTIMISTIC = "optimistic"
    MOTIVATED = "motivated"


class FactKind(StrEnum):
    """The lead facts a draft may personalise with (Settings.facts)."""

    EXPERIENCE = "experience"
    ABOUT = "about"
    SKILLS = "skills"
    EDUCATION = "education"
    RECENT_POST = "recent_post"
    MUTUAL_CONNECTIONS = "mutual_connections"


def normalize_language(value: str | None) -> str | None:
    """'fr-FR', 'FR', 'French' -> 'fr'; None or '' -> None; anything else must look like a code."""
    if value is None or not value.strip():
        return None
    text = value.strip().lower()
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    code = re.split(r"[-_]", text, maxsplit=1)[0]
    if not _LANGUAGE.match(code):
        raise ValueError(f"{value!r} is not a language code: use a code such as en, fr, de or es")
    return code


class _Input(BaseModel):
    """A model read from user data: one-line errors that name the field."""

    # Validators built on first use: a process builds only the inputs it reads (Draft, Fact and
    # CheckResult below build at import, as every draft makes them and the history's Entry reuses them).
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _visible(cls, data: Any) -> Any:
        """Zero-width, bidi and control characters go from every text: "Mar\u200bia" is Maria, for the
        draft and for the check that looks for her name in it."""
        return _without_hidden(data) if isinstance(data, dict) else data

    @classmethod
    def from_data(cls, data: Any, *, what: str | None = None) -> Self:
        what = what or cls.__name__.lower()
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise InputError(f"the {what} must be a JSON object, not {type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InputError(f"{what}: {describe_validation_error(exc)}") from None


def _without_hidden(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.isprintable() else drop_hidden(value)
    if isinstance(value, dict):
        return {key: _without_hidden(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_hidden(item) for item in value]
    return value


def describe_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    place = ".".join(str(part) for part in first["loc"]) or "value"
    message = first["msg"].removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"field '{place}': {message}{suffix}; fix it and try again"


class Experience(_Input):
    title: Name | None = None
    company: Name | None = None
    start: Name | None = None
    end: Name | None = None
    description: Text | None = None


class Education(_Input):
    school: Name | None = None
    degree: Name | None = None
    field: Name | None = None


class Lead(_Input):
    """A LinkedIn member to write to (DESIGN section 6)."""

    id: Name = ""
    first_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    last_name: Name | None = None
    headline: Name | None = None
    title: Name | None = None
    company: Name | None = None
    location: Name | None = None
    language: str | None = None
    about: Text | None = None
    experiences: list[Experience] = Field(default_factory=list, max_length=100)
    skills: list[Name] = Field(default_factory=list, max_length=200)
    education: list[Education] = Field(default_factory=list, max_length=50)
    recent_post: Text | None = None
    mutual_connections: list[Name] = Field(default_factory=list, max_length=500)
    degree: int | None = Field(default=None, ge=1, le=3)
    open_profile: bool = False
    accepts_inmail: bool = True

    @field_validator("language")
    @classmethod
    def _check_language(cls, value: str | None) -> str | None:
        return normalize_language(value)

    @field_validator("first_name")
    @classmethod
    def _check_first_name(cls, value: str) -> str:
        # What a draft greets is the cleaned name: marks alone or template syntax would leave "Hi,".
        if not any(ch.isalnum() for ch in clean_text(value, limit=40)):
            raise ValueError(
                f"{value[:40]!r} has no letter or digit once markup is removed: give the first name"
            )
        return value

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class SenderText(StrEnum):
    """The sender's own texts a draft is built on; each may come in several languages."""

    OFFER = "offer"
    PROBLEM = "problem"
    PROOF = "proof"
    ASK = "ask"


class Sender(_Input):
    """The member who writes.

    `title`, `offer` (what you offer or ask), `problem` (the problem it solves), `proof` (one result or
    customer) and `ask` (the ask you prefer) are written in `language` (detected when not given); `titles`,
    `offers`, `problems`, `proofs` and `asks` hold other languages' versions (code -> text). `schools` and
    `companies` (past employers) let the template engine find a shared school or employer. `assets` are
    what the sender can send; a draft offers nothing else.
    """

    name: Name = Field(min_length=1)
    title: Name | None = None
    titles: dict[str, Name] = Field(default_factory=dict)
    company: Name | None = None
    language: str | None = None
    offer: Text = ""
    offers: dict[str, Text] = Field(default_factory=dict)
    problem: Text | None = None
    problems: dict[str, Text] = Field(default_factory=dict)
    proof: Text | None = None
    proofs: dict[str, Text] = Field(default_factory=dict)
    ask: Text | None = None
    asks: dict[str, Text] = Field(default_factory=dict)
    footer: Text | None = None
    # what the sender can actually send ("a one-page case study on ..."): nothing else is ever offered
    assets: list[Text] = Field(default_factory=list, max_length=10)
    schools: list[Name] = Field(default_factory=list, max_length=50)
    companies: list[Name] = Field(default_factory=list, max_length=50)

    @field_validator("language")
    @classmethod
    def _check_language(cls, value: str | None) -> str | None:
        return normalize_language(value)

    @field_validator("titles", "offers", "problems", "proofs", "asks")
    @classmethod
    def _check_versions(cls, value: dict[str, str]) -> dict[str, str]:
        versions: dict[str, str] = {}
        for code, text in value.items():
            language = normalize_language(code)
            if language and text:
                versions[language] = text
        return versions

    def base_text(self, kind: SenderText) -> str:
        """The text as written in the sender's own language ('' when not given)."""
        return getattr(self, kind.value) or ""

    def versions(self, kind: SenderText) -> dict[str, str]:
        return getattr(self, f"{kind.value}s")

    def title_in(self, language: str, *, own: str) -> str:
        """The title in `language` ('' when it has none: a draft words the who-line without it).
        `own` is the language the sender writes in (the title is in that language)."""
        return self.titles.get(language) or (self.title or "" if own == language else "")

    def offer_in(self, language: str) -> str:
        """The offer in `language`, else the one written in the sender's language (prompts may translate)."""
        return self.offers.get(language) or self.offer

    def problem_in(self, language: str) -> str:
        return self.problems.get(language) or self.problem or ""


class Settings(_Input):
    """How to write: every control of the compose page and `inmail draft`."""

    strategy: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1)] = "rabt"
    persona: Persona = Persona.SALESPERSON
    mood: Mood = Mood.PROFESSIONAL
    language: str = "auto"
    temperature: float = Field(default=0.7, ge=0, le=1)
    cta: bool = True
    cta_text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    footer: bool = True
    footer_text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    facts: frozenset[FactKind] = frozenset(FactKind)
    channel: DraftChannel = DraftChannel.INMAIL
    variants: int = Field(default=1, ge=1, le=5)
    # Whether a first message to the lead is recorded (the caller's book knows; None: it keeps none). A
    # follow-up to a lead with none would claim a note that never went: it is refused.
    first_message_sent: bool | None = None

    @field_validator("language")
    @classmethod
    def _check_language(cls, value: str) -> str:
        if value.strip().lower() == "auto":
            return "auto"
        return normalize_language(value) or "auto"


class Fact(BaseModel):
    """A lead fact a draft uses: its kind and the lead's own words."""

    model_config = ConfigDict(frozen=True)

    kind: FactKind
    text: str


class CheckResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    ok: bool
    message: str


class Draft(BaseModel):
    """A message ready to copy: subject (None for a connection note), body, how it was made and its checks."""

    id: str
    subject: str | None
    body: str
    strategy: str
    engine: Engine
    model: str | None = None
    language: str
    channel: DraftChannel = DraftChannel.INMAIL
    facts_used: list[Fact] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    outcome: Outcome = Outcome.TEMPLATE
    why: str = ""  # one sentence: why this engine's draft is the result
    alternatives: list["Draft"] = Field(default_factory=list)  # e.g. the model's failing attempt
    # drafting passes the offer too; a Draft built from stored fields is coached from them
    coach: CoachReport = Field(default_factory=lambda data: _coach_fields(data))

    @staticmethod
    def make_id(lead_id: str, channel: str, subject: str | None, body: str) -> str:
        """Same message to the same lead, same id: "mark as sent" stays idempotent."""
        digest = hashlib.sha256("\x1f".join((lead_id, channel, subject or "", body)).encode())
        return digest.hexdigest()[:16]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def text(self) -> str:
        """The draft as it is pasted: subject line, blank line, body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body

    def to_json(self) -> dict[str, Any]:
        """The `inmail draft --json` shape (DESIGN section 5)."""
        return {
            "subject": self.subject,
            "body": self.body,
            "strategy": self.strategy,
            "engine": self.engine.value,
            "model": self.model,
            "language": self.language,
            "facts_used": [fact.model_dump(mode="json") for fact in self.facts_used],
            "checks": [check.model_dump() for check in self.checks],
            "warnings": list(self.warnings),
            "outcome": self.outcome.value,
            "why": self.why,
            "alternatives": [alternative.to_json() for alternative in self.alternatives],
            "coach": self.coach.to_json(),
        }


def _coach_fields(data: dict[str, Any]) -> CoachReport:
    return coach(
        data.get("body", ""),
        subject=data.get("subject"),
        channel=data.get("channel", DraftChannel.INMAIL),
        language=data.get("language", "en"),
        facts=data.get("facts_used", ()),
    )
