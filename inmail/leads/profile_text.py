"""A lead from a profile page copied whole (select all, copy) in LinkedIn's English, French, German,
Spanish, Portuguese or Italian UI: the top card (name, headline, location, mutual connections), About, the
latest post, each role (a company with several roles too), schools and skills. One pass over capped lines;
missing sections are fine. Text that is no profile page is refused in one line, and a page in a UI
language we do not read says which language it is in."""

from __future__ import annotations

import re
from typing import Any

from composer import InputError, Lead
from inmail.lead_ids import with_lead_id
from inmail.leads.csv_reader import split_name
from inmail.leads.profile_parts import (
    clean_lines,
    company_of,
    date_range,
    degree_and_field,
    description,
    is_duration,
    is_location,
    is_show_all,
    names_in,
    ui_language,
    without_see_more,
)
from inmail.leads.profile_words import EMPLOYMENT, FRAME, PRONOUNS, UiWords
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError

MAX_TEXT_CHARS = 300_000  # a long profile page copied whole is about 30,000
_DEGREE = re.compile(r"^(?:·\s*)?([123])(?:st|nd|rd|e|er|º|°|\.)?\+?(?:\s.*)?$")
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*)$")
_COUNTS = re.compile(r"^[\d.,]+\+?\s")
_TIME_MARK = re.compile(r"•|\b\d{1,2}\s?(?:h|d|w|mo|yr|j|sem|sett|m|T|Wo|Mo|sem\.)\b")
_URL = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^\s/?#]+", re.IGNORECASE)


def read_profile_text(text: str, *, name: str = "", profile_url: str | None = None) -> ImportResult:
    if len(text) > MAX_TEXT_CHARS:
        raise LeadImportError(ImportProblem.TOO_LARGE, name=name, limit=MAX_TEXT_CHARS)
    lines = clean_lines(text)
    present = {line.casefold() for line in lines}
    words = ui_language(present, _headings, name=name, missing="no profile sections such as Experience")
    sections = split_sections(lines, words)
    lead = top_card(sections.get("top", []), words)
    if not lead.get("first_name"):
        raise LeadImportError(ImportProblem.NOT_A_PROFILE, name=name, detail="no name above the sections")
    if about := description(sections.get("about", []), words):
        lead["about"] = about
    if post := latest_post(sections.get("activity", []), words):
        lead["recent_post"] = post
    lead["experiences"] = experiences(sections.get("experience", []), words)[:100]
    lead["education"] = education(sections.get("education", []))[:50]
    lead["skills"] = skills(sections.get("skills", []), words)
    finish(lead, profile_url or _url_in(text))
    try:
        found = Lead.from_data(with_lead_id(lead)[0], what="profile")
    except InputError as exc:
        raise LeadImportError(ImportProblem.NOT_A_PROFILE, name=name, detail=str(exc)) from None
    return ImportResult(imported=[found], format="text", language=words.code)


def _headings(words: UiWords) -> tuple[tuple[str, ...], ...]:
    return (words.about, words.experience, words.education, words.skills, words.activity)


def split_sections(lines: list[str], words: UiWords) -> dict[str, list[str]]:
    """Lines by section ("top" before the first heading), up to the side rail or footer."""
    keys: dict[str, str] = {}
    for key in ("about", "experience", "education", "skills", "activity", "other"):
        keys |= {heading.casefold(): key for heading in getattr(words, key)}
    stops = tuple(stop.casefold() for stop in words.stop)
    sections: dict[str, list[str]] = {"top": []}
    current = "top"
    for line in lines:
        folded = line.casefold()
        if folded.startswith(stops) and current != "top":
            break
        if folded in keys:
            current = keys[folded]
            sections.setdefault(current, [])
            continue
        sections[current].append(line)
    return sections


def top_card(lines: list[str], words: UiWords) -> dict[str, Any]:
    lead: dict[str, Any] = {}
    kept = [line for line in lines if line.casefold() not in FRAME and "notification" not in line.casefold()]
    index = next((i for i, line in enumerate(kept) if _looks_like_name(line)), None)
    if index is None:
        return lead
    first, last = split_name(kept[index])
    lead["first_name"], lead["last_name"] = first, last
    rest = kept[index + 1 :]
    contact, connections = words.contact.casefold(), words.connections.casefold()
    for number, line in enumerate(rest):
        folded = line.casefold()
        if folded in PRONOUNS or line == kept[index]:
            continue
        if degree := _DEGREE.match(line):
            lead.setdefault("degree", int(degree.group(1)))
            continue
        if words.mutual.casefold() in folded:
            lead["mutual_connections"] = names_in(line, words)[:50]
        elif contact in folded:
            place = line[: folded.index(contact)].strip(" ·|-")
            if not place and number:
                place = rest[number - 1]
            if place and place != lead.get("headline"):
                lead["location"] = place
        elif _COUNTS.match(line) and connections in folded:
            continue
        elif "headline" not in lead:
            lead["headline"] = line
    return lead


def _looks_like_name(line: str) -> bool:
    parts = line.split()
    return (
        1 <= len(parts) <= 5
        and len(line) <= 70
        and all(_NAME_WORD.match(p) for p in parts)
        and (line[0].isupper() and line.casefold() not in PRONOUNS)
    )


def experiences(lines: list[str], words: UiWords) -> list[dict[str, Any]]:
    """Each role: its title and company sit above its date line; a company with several roles has a
    duration line ("Full-time · 5 yrs 2 mos") under its name and only titles above each date."""
    lines = [line for line in lines if not is_show_all(line, words)]
    roles: list[dict[str, Any]] = []
    group: str | None = None
    start = 0
    for index, line in enumerate(lines):
        dates = date_range(line)
        if dates is None:
            continue
        chunk = lines[start:index]
        while chunk and chunk[-1].casefold() in EMPLOYMENT:
            chunk.pop()
        title, company, cut, group = _role_head(chunk, group)
        if roles:
            roles[-1]["description"] = description(chunk[:cut], words)
        roles.append({"title": title, "company": company, "start": dates[0], "end": dates[1]})
        start = index + 1
        if start < len(lines) and is_location(lines[start]):
            start += 1
    if roles:
        roles[-1]["description"] = description(lines[start:], words)
    return roles


def _role_head(chunk: list[str], group: str | None) -> tuple[str | None, str | None, int, str | None]:
    """(title, company, where the previous role's description ends, the company whose roles follow) from
    the lines above a date line."""
    if not chunk:
        return None, group, 0, group
    if company := company_of(chunk[-1]):  # "Title / Acme · Full-time": a role of its own
        return (chunk[-2] if len(chunk) > 1 else None), company, max(len(chunk) - 2, 0), None
    durations = [i for i, line in enumerate(chunk) if is_duration(line)]
    if durations and durations[-1] >= 1:  # "Acme / Full-time · 5 yrs / Title": the first of its roles
        at = durations[-1]
        name = company_of(chunk[at - 1]) or chunk[at - 1]
        return chunk[-1], name, at - 1, name
    if group:
        return chunk[-1], group, len(chunk) - 1, group
    if len(chunk) == 1:
        return chunk[0], None, 0, None
    return chunk[-2], chunk[-1], len(chunk) - 2, None


def education(lines: list[str]) -> list[dict[str, Any]]:
    schools: list[dict[str, Any]] = []
    dated = True
    for line in lines:
        if date_range(line) or re.fullmatch(r"(?:19|20)\d{2}", line):
            dated = True
            continue
        if len(line) > 120 or ":" in line:
            continue  # activities, grades, descriptions
        if dated or "degree" in schools[-1]:
            schools.append({"school": line[:200]})
            dated = False
        else:
            degree, field = degree_and_field(line)
            schools[-1]["degree"], schools[-1]["field"] = degree[:200], field and field[:200]
    return schools


def skills(lines: list[str], words: UiWords) -> list[str]:
    markers = tuple(marker.casefold() for marker in words.endorsement)
    found: list[str] = []
    for line in lines:
        folded = line.casefold()
        if any(m in folded for m in markers) or any(c.isdigit() for c in line) or len(line) > 80:
            continue
        if is_show_all(line, words) or folded in FRAME or line in found:
            continue
        found.append(line)
    return found[:200]


def latest_post(lines: list[str], words: UiWords) -> str | None:
    """The first post's text: from the first line of six words or more that is not a "posted this · 1w"
    line, to the next short line."""
    post: list[str] = []
    for line in lines:
        if is_show_all(line, words):
            break
        if not post and (len(line.split()) < 6 or _TIME_MARK.search(line)):
            continue
        if post and (len(line.split()) < 3 or _COUNTS.match(line)):
            break
        post.append(without_see_more(line, words))
    return "\n".join(post)[:3000] or None


def finish(lead: dict[str, Any], url: str | None) -> None:
    """The current role fills title and company; the profile URL, when known, is the id."""
    current = next(iter(lead.get("experiences") or []), None)
    if current:
        lead.setdefault("title", current.get("title"))
        lead.setdefault("company", current.get("company"))
    if url:
        lead["id"] = url


def _url_in(text: str) -> str | None:
    found = _URL.search(text[:MAX_TEXT_CHARS])
    return found.group(0) if found else None
