"""What an import gives back: the leads read, the rows or pages skipped (with where and why), the CSV
columns as they were understood; and the one error that refuses a whole file, carrying its data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from inmail.errors import WorkspaceError

if TYPE_CHECKING:
    from composer import Lead


@dataclass(frozen=True)
class Skipped:
    """A row or page that could not be read: `where` is "line N" or "page N", `why` one sentence."""

    where: str
    why: str


@dataclass(frozen=True)
class StoreCounts:
    """What saving an import did to the book: new leads, leads that gained fields, leads unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def to_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportResult:
    """The leads a file holds. `columns` maps each CSV column to the lead field it fills (None: unused);
    `unsure` says a needed column was guessed from a weak match and the user should confirm the mapping."""

    imported: list[Lead] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    columns: dict[str, str | None] = field(default_factory=dict)
    unsure: bool = False
    format: str = ""
    language: str | None = None  # the UI language a pasted page or a PDF was read in
    stored: StoreCounts | None = None  # set once the leads are in the book

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "imported": [lead.model_dump(mode="json", exclude_defaults=True) for lead in self.imported],
            "skipped": [{"where": item.where, "why": item.why} for item in self.skipped],
        }
        if self.stored is not None:
            data["stored"] = self.stored.to_json()
        return data

    def summary(self) -> str:
        """One line: how many leads were read and how many rows were skipped."""
        count = len(self.imported)
        text = f"{count} lead{'' if count == 1 else 's'}"
        if self.stored is not None:
            counts = self.stored
            text += f" ({counts.added} new, {counts.updated} updated, {counts.unchanged} unchanged)"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text


class ImportProblem(StrEnum):
    MISSING = "missing"  # no such file
    NOT_A_FILE = "not_a_file"  # a directory, a device, a pipe
    SYMLINK = "symlink"  # a symbolic link: give the file itself
    UNREADABLE = "unreadable"  # permissions, I/O error
    TOO_LARGE = "too_large"  # over the size cap (`limit`), refused before reading
    EMPTY = "empty"  # nothing in it
    BINARY = "binary"  # not text and not a PDF
    NOT_TEXT = "not_text"  # text in no encoding we read
    UNKNOWN_FORMAT = "unknown_format"  # `format` is not one we read
    NOT_JSON = "not_json"  # a JSON syntax error (`line`, `detail`)
    WRONG_SHAPE = "wrong_shape"  # valid JSON that is not leads
    NO_COLUMNS = "no_columns"  # a CSV with no column a lead can use
    BAD_MAPPING = "bad_mapping"  # --map names a column the file lacks or a field a lead lacks
    NOT_A_PROFILE = "not_a_profile"  # text or PDF that is not a LinkedIn profile
    UNSUPPORTED_LANGUAGE = "unsupported_language"  # a profile page in a UI language we do not read
    ENCRYPTED = "encrypted"  # a password-protected PDF
    BROKEN_PDF = "broken_pdf"  # a PDF that cannot be parsed
    NO_LEADS = "no_leads"  # every row was skipped (`skipped` says why)


class LeadImportError(WorkspaceError):
    """A file of leads refused whole: nothing was stored. Data first; `str()` is a plain sentence."""

    def __init__(
        self,
        problem: ImportProblem,
        *,
        name: str = "",
        detail: str | None = None,
        limit: int | None = None,
        line: int | None = None,
        language: str | None = None,
        skipped: tuple[Skipped, ...] = (),
    ) -> None:
        self.problem, self.name, self.detail, self.limit = problem, name, detail, limit
        self.line, self.language, self.skipped = line, language, skipped
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        what = f"{self.name} " if self.name else "the input "
        match self.problem:
            case ImportProblem.MISSING:
                return f"{what}does not exist"
            case ImportProblem.NOT_A_FILE:
                return f"{what}is not a regular file"
            case ImportProblem.SYMLINK:
                return f"{what}is a symbolic link: give the file it points to"
            case ImportProblem.UNREADABLE:
                return f"cannot read {what.strip()} ({self.detail})"
            case ImportProblem.TOO_LARGE:
                return f"{what}is larger than {self.limit:,} bytes: split it or export fewer rows"
            case ImportProblem.EMPTY:
                return f"{what}is empty"
            case ImportProblem.BINARY:
                return f"{what}is a binary file, not a CSV, JSON, text or PDF"
            case ImportProblem.NOT_TEXT:
                return f"{what}is not text in UTF-8, UTF-16 or Windows-1252"
            case ImportProblem.UNKNOWN_FORMAT:
                return f"{self.detail!r} is not a format leads are read from (csv, json, jsonl, text, pdf)"
            case ImportProblem.NOT_JSON:
                return f"{what}is not valid JSON (line {self.line}: {self.detail})"
            case ImportProblem.WRONG_SHAPE:
                return f"{what}{self.detail}"
            case ImportProblem.NO_COLUMNS:
                return f"{what}has no column a lead can use ({self.detail}): map one with COLUMN=field"
            case ImportProblem.BAD_MAPPING:
                return f"bad column mapping: {self.detail}"
            case ImportProblem.NOT_A_PROFILE:
                return f"{what}is not a LinkedIn profile or a list of people ({self.detail})"
            case ImportProblem.UNSUPPORTED_LANGUAGE:
                return (
                    f"{what}is a LinkedIn page in {self.language}, which is not read yet: switch LinkedIn "
                    "to English, French, German, Spanish, Portuguese or Italian and copy it again"
                )
            case ImportProblem.ENCRYPTED:
                return f"{what}is password-protected: save the profile as PDF again without a password"
            case ImportProblem.BROKEN_PDF:
                return f"{what}is not a readable PDF ({self.detail})"
            case ImportProblem.NO_LEADS:
                first = f": {self.skipped[0].where}: {self.skipped[0].why}" if self.skipped else ""
                return f"no lead could be read from {what.strip()}{first}"
        return f"{what}: {self.problem}"  # pragma: no cover (the match is exhaustive)
