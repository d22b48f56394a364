"""Pieces shared by the pasted-page and PDF profile readers: lines cleaned once (capped, doubled lines
folded), date lines ("Jan 2021 - Present · 3 yrs 11 mos", "January 2021 - Present (3 years 11 months)"),
duration lines, a role's company line ("Acme · Full-time"), location lines and list-of-names lines.
Every pattern is anchored and free of nested repetition, so each line costs time linear in its length."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from inmail.leads.profile_words import EMPLOYMENT, UI, UNSUPPORTED, UiWords
from inmail.leads.result import ImportProblem, LeadImportError

MAX_LINES = 5_000
MAX_LINE_CHARS = 3_000
_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:[^\W\d_]{1,12}\.?\s+){0,2}"  # "Jan", "janv.", "jan. de", "März"
DATE_RANGE = re.compile(
    rf"^(?P<start>{_MONTH}{_YEAR})\s*[-–—]\s*(?P<end>{_MONTH}{_YEAR}|[^\d·()]{{1,30}}?)"
    r"\s*(?:·\s*(?P<duration>[^()]{0,40})|\((?P<pduration>[^()]{0,40})\))?\s*$"
)
_UNIT = (
    r"(?:yrs?|years?|mos?|months?|ans?|mois|J\.|Jahre?|Mon\.|Monate?|años?|mes|meses|anos?|anni|anno|mes[ei]"
    r"|an)"
)
DURATION = re.compile(
    rf"^(?:[^·\d]{{1,40}}·\s*)?\d{{1,2}}\s*{_UNIT}(?:\s+\d{{1,2}}\s*{_UNIT})?\.?$", re.IGNORECASE
)
_WORKPLACE = re.compile(
    r"\b(?:remote|hybrid|on-site|à distance|hybride|sur site|vor ort|en remoto|híbrido|presencial|remoto"
    r"|ibrido|in sede)\b",
    re.IGNORECASE,
)
_SKILLS_LINE = re.compile(r"^(?:Skills|Compétences|Kenntnisse|Aptitudes|Competências|Competenze)\s*:", re.I)
_LEADING_NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|di|del|della|van|von|der|dos|das|le|la)(?:\s|$)")


def clean_lines(text: str) -> list[str]:
    """Non-empty stripped lines, each repeated run folded to one (LinkedIn prints most texts twice)."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())[:MAX_LINE_CHARS]
        if line and (not lines or lines[-1] != line):
            lines.append(line)
            if len(lines) >= MAX_LINES:
                break
    return lines


def date_range(line: str) -> tuple[str, str] | None:
    """(start, end) of a role or a school's date line, else None."""
    if len(line) > 90 or not (found := DATE_RANGE.match(line)):
        return None
    return found.group("start").strip(), found.group("end").strip()


def is_duration(line: str) -> bool:
    """A company's total time over several roles: "Full-time · 5 yrs 2 mos", "5 years 2 months"."""
    return len(line) <= 80 and DURATION.match(line) is not None


def company_of(line: str) -> str | None:
    """ "Acme Freight · Full-time" -> "Acme Freight"; None when the line does not name an employment type."""
    name, _, rest = line.rpartition(" · ")
    return name.strip() if name and rest.strip().casefold() in EMPLOYMENT else None


def is_location(line: str) -> bool:
    """A role's place line under its dates: "Milan, Lombardy, Italy · Hybrid", "Remote"."""
    if len(line) > 80 or line.endswith((".", "!", "?", ":")) or date_range(line):
        return False
    return "," in line or _WORKPLACE.search(line) is not None


def without_see_more(line: str, words: UiWords) -> str:
    for marker in words.see_more:
        if line.casefold().endswith(marker.casefold()):
            return line[: -len(marker)].rstrip(" …")
    return line


def is_show_all(line: str, words: UiWords) -> bool:
    folded = line.casefold()
    return any(folded.startswith(marker.casefold()) for marker in words.show_all) and len(line) < 60


def description(lines: Iterable[str], words: UiWords) -> str | None:
    kept = [without_see_more(line, words) for line in lines]
    kept = [line for line in kept if line and not _SKILLS_LINE.match(line) and not is_show_all(line, words)]
    return "\n".join(kept)[:5000] or None


def leading_name(part: str) -> str | None:
    """The capitalised words a list item starts with ("Anna Bianchi is a mutual..." -> "Anna Bianchi")."""
    taken: list[str] = []
    rest = part.strip()
    while rest and len(taken) < 5 and (found := _LEADING_NAME.match(rest)):
        taken.append(found.group(0).strip())
        rest = rest[found.end() :]
    if not taken or not taken[0][0].isupper():
        return None
    return " ".join(taken)


def names_in(line: str, words: UiWords) -> list[str]:
    """The people a "mutual connections" line names."""
    joiners = "|".join(re.escape(word) for word in words.mutual_and)
    parts = re.split(rf",|\s(?:{joiners})\s", line)
    return [name for part in parts if (name := leading_name(part)) and not any(c.isdigit() for c in part)]


def degree_and_field(line: str) -> tuple[str, str | None]:
    """ "Master's degree, Management Engineering" -> (degree, field)."""
    degree, _, field = line.partition(", ")
    return degree.strip(), field.strip() or None


def ui_language(
    present: set[str], groups: Callable[[UiWords], Iterable[tuple[str, ...]]], *, name: str, missing: str
) -> UiWords:
    """The UI language with the most heading groups standing alone on a line (`present`, casefolded; two
    at least); a page in a language we do not read says which; else not a profile (`missing` says why)."""
    scores = [(sum(any(h.casefold() in present for h in group) for group in groups(w)), w) for w in UI]
    best, words = max(scores, key=lambda pair: pair[0])
    if best >= 2:
        return words
    for language, foreign in UNSUPPORTED.items():
        if sum(heading.casefold() in present for heading in foreign) >= 2:
            raise LeadImportError(ImportProblem.UNSUPPORTED_LANGUAGE, name=name, language=language)
    raise LeadImportError(ImportProblem.NOT_A_PROFILE, name=name, detail=missing)
