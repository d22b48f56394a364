"""A lead from the PDF LinkedIn makes with More -> Save to PDF, read with pypdf: each text run's place and
size, the page split into the sidebar (Contact with the profile URL that may wrap, Top Skills, Languages,
Certifications) and the main column (name in the largest type, headline, location, Summary, Experience,
Education), pages joined and their "Page 1 of 2" footers dropped. Encrypted PDFs and PDFs that are no
profile are refused in one line; a page that cannot be read is skipped with its number."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any

from composer import InputError, Lead
from inmail.lead_ids import with_lead_id
from inmail.leads.csv_reader import split_name
from inmail.leads.profile_parts import (
    date_range,
    degree_and_field,
    description,
    is_duration,
    is_location,
    ui_language,
)
from inmail.leads.profile_words import UiWords
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError, Skipped

MAX_PAGES = 20  # a long profile is five or six pages
SIDEBAR_SHARE = 0.33  # the sidebar is the left third of the page
_PAGE = re.compile(r"^(?:Page|Seite|Página|Pagina)\s+\d+\s+(?:of|sur|von|de|di)\s+\d+$", re.IGNORECASE)
_URL_START = re.compile(r"(?:www\.)?linkedin\.com/in/", re.IGNORECASE)
_YEARS = re.compile(r"\(((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2}|[^)]{1,20})\)")


@dataclass(frozen=True)
class Line:
    text: str
    size: float


def read_profile_pdf(data: bytes, *, name: str = "") -> ImportResult:
    sidebar, main, skipped = pdf_lines(data, name=name)
    present = {line.text.casefold() for line in sidebar + main}
    words = ui_language(
        present, _pdf_headings, name=name, missing="no Experience, Education or Summary heading"
    )
    lead = main_column(main, words)
    if not lead.get("first_name"):
        raise LeadImportError(ImportProblem.NOT_A_PROFILE, name=name, detail="no name in the main column")
    lead.update(side_column(sidebar, words))
    current = next(iter(lead.get("experiences") or []), None)
    if current:
        lead.setdefault("title", current.get("title"))
        lead.setdefault("company", current.get("company"))
    try:
        found = Lead.from_data(with_lead_id(lead)[0], what="profile")
    except InputError as exc:
        raise LeadImportError(ImportProblem.NOT_A_PROFILE, name=name, detail=str(exc)) from None
    return ImportResult(imported=[found], skipped=skipped, format="pdf", language=words.code)


def pdf_lines(data: bytes, *, name: str = "") -> tuple[list[Line], list[Line], list[Skipped]]:
    """The sidebar's lines and the main column's lines, top to bottom, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LeadImportError(ImportProblem.ENCRYPTED, name=name)
        pages = list(reader.pages)
    except (DependencyError, FileNotDecryptedError):
        raise LeadImportError(ImportProblem.ENCRYPTED, name=name) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LeadImportError(ImportProblem.BROKEN_PDF, name=name, detail=str(exc)[:200]) from None
    sidebar: list[Line] = []
    main: list[Line] = []
    skipped: list[Skipped] = []
    for number, page in enumerate(pages, start=1):
        if number > MAX_PAGES:
            skipped.append(Skipped(f"page {number}", f"past the first {MAX_PAGES} pages"))
            continue
        try:
            left, right = _page_lines(page)
        except Exception as exc:
            skipped.append(Skipped(f"page {number}", f"cannot be read ({type(exc).__name__})"))
            continue
        sidebar += left
        main += right
    return sidebar, main, skipped


def _page_lines(page: Any) -> tuple[list[Line], list[Line]]:
    split = float(page.mediabox.width) * SIDEBAR_SHARE
    runs: dict[tuple[bool, int], list[tuple[float, str, float]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2])) * math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
        runs.setdefault((x >= split, round(y)), []).append((x, text.strip(), round(size * scale, 1)))

    page.extract_text(visitor_text=visit)
    left: list[Line] = []
    right: list[Line] = []
    for (is_main, _), parts in sorted(runs.items(), key=lambda item: -item[0][1]):
        parts.sort()
        text = " ".join(part for _, part, _ in parts)
        if not _PAGE.match(text):
            (right if is_main else left).append(Line(text, max(size for _, _, size in parts)))
    return left, right


def _pdf_headings(words: UiWords) -> tuple[tuple[str, ...], ...]:
    return (words.pdf_contact, words.pdf_skills, words.pdf_summary, words.experience, words.education)


def _sections(lines: list[Line], headings: dict[str, str]) -> dict[str, list[Line]]:
    sections: dict[str, list[Line]] = {"top": []}
    current = "top"
    for line in lines:
        key = headings.get(line.text.casefold())
        if key:
            current = key
            sections.setdefault(key, [])
        else:
            sections[current].append(line)
    return sections


def main_column(lines: list[Line], words: UiWords) -> dict[str, Any]:
    headings = {h.casefold(): "about" for h in words.pdf_summary}
    headings |= {h.casefold(): "experience" for h in words.experience}
    headings |= {h.casefold(): "education" for h in words.education}
    sections = _sections(lines, headings)
    top = sections["top"]
    lead: dict[str, Any] = {}
    if not top:
        return lead
    biggest = max(range(len(top)), key=lambda i: top[i].size)
    lead["first_name"], lead["last_name"] = split_name(top[biggest].text)
    rest = top[biggest + 1 :]
    if rest:
        headline = [line.text for line in rest if line.size == rest[0].size]
        if len(rest) > 1:
            headline = headline[: len(rest) - 1] if len(headline) == len(rest) else headline
            lead["location"] = rest[-1].text
        lead["headline"] = " ".join(headline)[:200]
    if about := description((line.text for line in sections.get("about", [])), words):
        lead["about"] = about.replace("\n", " ")
    lead["experiences"] = pdf_experiences(sections.get("experience", []), words)[:100]
    lead["education"] = pdf_education(sections.get("education", []))[:50]
    return lead


def pdf_experiences(lines: list[Line], words: UiWords) -> list[dict[str, Any]]:
    """Company (larger type), an optional total duration, then each role's title over its date line."""
    roles: list[dict[str, Any]] = []
    company: str | None = None
    start = 0
    for index, line in enumerate(lines):
        dates = date_range(line.text)
        if dates is None or index == 0:
            continue
        title = lines[index - 1]
        head = index - 1
        before = index - 2
        if before >= start and is_duration(lines[before].text) and before - 1 >= start:
            company, head = lines[before - 1].text, before - 1
        elif before >= start and lines[before].size >= title.size and not is_location(lines[before].text):
            company, head = lines[before].text, before
        if roles:
            roles[-1]["description"] = description((x.text for x in lines[start:head]), words)
        roles.append({"title": title.text, "company": company, "start": dates[0], "end": dates[1]})
        start = index + 1
        if start < len(lines) and is_location(lines[start].text):
            start += 1
    if roles:
        roles[-1]["description"] = description((x.text for x in lines[start:]), words)
    return roles


def pdf_education(lines: list[Line]) -> list[dict[str, Any]]:
    """School in larger type; "Degree, Field · (2010 - 2015)" under it."""
    if not lines:
        return []
    school_size = max(line.size for line in lines)
    schools: list[dict[str, Any]] = []
    for line in lines:
        if line.size >= school_size:
            schools.append({"school": line.text[:200]})
        elif schools and "degree" not in schools[-1]:
            text = _YEARS.sub("", line.text).strip(" ·")
            if text:
                degree, field = degree_and_field(text)
                schools[-1]["degree"], schools[-1]["field"] = degree[:200], field and field[:200]
    return schools


def side_column(lines: list[Line], words: UiWords) -> dict[str, Any]:
    headings = {h.casefold(): "contact" for h in words.pdf_contact}
    headings |= {h.casefold(): "skills" for h in words.pdf_skills}
    headings |= {h.casefold(): "languages" for h in words.pdf_languages}
    headings |= {h.casefold(): "other" for h in words.pdf_certifications}
    sections = _sections(lines, headings)
    found: dict[str, Any] = {}
    if url := profile_url([line.text for line in sections.get("contact", [])]):
        found["id"] = url
    found["skills"] = [line.text[:200] for line in sections.get("skills", [])][:50]
    return found


def profile_url(lines: list[str]) -> str | None:
    """The Contact box's linkedin.com/in URL, joined back when it wraps ("...rossi-" / "a1b2 (LinkedIn)")."""
    for index, line in enumerate(lines):
        if not (start := _URL_START.search(line)):
            continue
        parts = [line[start.start() :]]
        for more in lines[index + 1 : index + 4]:
            if "(LinkedIn)" in parts[-1] or "@" in more or " " in more.replace(" (LinkedIn)", ""):
                break
            parts.append(more)
        return "".join(parts).replace("(LinkedIn)", "").strip()
    return None
