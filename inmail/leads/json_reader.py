"""Leads from JSON (one lead object, a list of them, or {"leads": [...]}) and JSON lines (one lead a line).
A lead that fails validation is skipped with where it was and why; the rest are read."""

from __future__ import annotations

import json
from typing import Any

from composer import InputError, Lead
from inmail.files import depth
from inmail.lead_ids import with_lead_id
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError, Skipped

MAX_DEPTH = 32


def read_json_leads(text: str, *, name: str = "") -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LeadImportError(ImportProblem.NOT_JSON, name=name, line=exc.lineno, detail=exc.msg) from None
    except RecursionError:
        raise LeadImportError(ImportProblem.WRONG_SHAPE, name=name, detail="is nested too deep") from None
    if depth(data) > MAX_DEPTH:
        raise LeadImportError(ImportProblem.WRONG_SHAPE, name=name, detail="is nested too deep")
    if isinstance(data, dict) and isinstance(data.get("leads"), list):
        data = data["leads"]
    items = data if isinstance(data, list) else [data]
    result = ImportResult(format="json")
    for index, item in enumerate(items, start=1):
        _add(result, item, where=f"item {index}")
    return _checked(result, name)


def read_json_lines(text: str, *, name: str = "") -> ImportResult:
    result = ImportResult(format="jsonl")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
            result.skipped.append(Skipped(f"line {number}", f"not valid JSON ({why})"))
            continue
        _add(result, item, where=f"line {number}")
    return _checked(result, name)


def _add(result: ImportResult, item: Any, *, where: str) -> None:
    if not isinstance(item, dict) or not _looks_like_lead(item):
        result.skipped.append(Skipped(where, "not a lead: a lead is an object with a first_name"))
        return
    try:
        result.imported.append(Lead.from_data(with_lead_id(item)[0], what="lead"))
    except InputError as exc:
        result.skipped.append(Skipped(where, str(exc)))


def _looks_like_lead(item: dict[str, Any]) -> bool:
    return any(key in item for key in ("first_name", "last_name", "id", "headline"))


def _checked(result: ImportResult, name: str) -> ImportResult:
    if result.imported:
        return result
    if result.skipped and all(s.why.startswith("not a lead") for s in result.skipped):
        raise LeadImportError(
            ImportProblem.NOT_A_PROFILE, name=name, detail="no object in it has a first_name"
        )
    raise LeadImportError(ImportProblem.NO_LEADS, name=name, skipped=tuple(result.skipped))
