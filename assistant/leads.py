"""Which lead the chat writes to: pasted JSON, or a saved or sample lead picked by name."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.errors import AssistantError
from composer import Lead, fold


def lead_from_json(text: str) -> Lead:
    """A Lead from pasted JSON; one sentence naming the problem otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AssistantError(
            f"That lead is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}): "
            "paste the whole JSON object, or type /lead NAME."
        ) from None
    return Lead.from_data(data, what="lead")


def find_json_object(text: str) -> tuple[str, str] | None:
    """(the JSON object in `text`, the text around it) when the text holds one `{...}`; else None."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return None
    return text[start : end + 1], (text[:start] + " " + text[end + 1 :]).strip()


def pick_lead(name: str, leads: Iterable[Mapping[str, Any]]) -> Lead:
    """The one lead whose name, first name or id matches `name` (case and accents ignored)."""
    candidates = [Lead.from_data(dict(lead), what="saved lead") for lead in leads]
    wanted = fold(name)
    exact = [lead for lead in candidates if wanted in (fold(lead.full_name), fold(lead.id))]
    matches = exact or [
        lead for lead in candidates if wanted.strip() and wanted in fold(f"{lead.full_name} {lead.id}")
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(lead.full_name for lead in candidates) or "none yet"
        raise AssistantError(
            f"No saved lead matches {name!r} (saved: {known}): paste the lead's JSON after /lead instead."
        )
    both = ", ".join(lead.full_name for lead in matches[:4])
    raise AssistantError(f"{name!r} matches several leads ({both}): type more of the name.")


def lead_names(leads: Iterable[Mapping[str, Any]]) -> list[str]:
    names = []
    for lead in leads:
        first, last = str(lead.get("first_name") or "").strip(), str(lead.get("last_name") or "").strip()
        names.append(" ".join(part for part in (first, last) if part) or str(lead.get("id") or "?"))
    return names


def mentioned_lead(text: str, leads: Iterable[Mapping[str, Any]]) -> Lead | None:
    """The one lead the text names by full name (or by first name, when only one lead has it)."""
    said = fold(text)
    candidates = [Lead.from_data(dict(lead), what="saved lead") for lead in leads]
    full = [lead for lead in candidates if lead.last_name and fold(lead.full_name) in said]
    if len(full) == 1:
        return full[0]
    first = [lead for lead in candidates if fold(lead.first_name) in said]
    return first[0] if len(first) == 1 and not full else None
