"""Leads from a CSV export, with the standard `csv` module: the dialect sniffed (`,` `;` or tab), quoted
cells with line breaks, one lead per row. A row that cannot be read is skipped with its line number; a
file with no column a lead can use is refused whole."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from composer import InputError, Lead
from inmail.lead_ids import with_lead_id
from inmail.leads.columns import FULL_NAME, NAME_FIELDS, ColumnGuess, apply_mapping, guess_columns
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError, Skipped

_SNIFF_BYTES = 64_000
_DELIMITERS = ",;\t"
_CELL_LIMIT = 100_000  # characters in one cell: a profile's about is a few thousand
_LIST_SPLIT = re.compile(r"\s*[;,|·•]\s*")
_DEGREE = re.compile(r"([123])")
_LONG_TEXT = {"about", "recent_post", None}
_TRUE = {"1", "true", "yes", "y", "oui", "ja", "si", "sí", "sim", "x"}

csv.field_size_limit(_CELL_LIMIT)


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The file's dialect from its first lines: `,` `;` or tab; plain commas when the sniffer cannot tell."""
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_BYTES], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def read_csv(text: str, *, name: str = "", mapping: Mapping[str, str] | None = None) -> ImportResult:
    rows = _rows(text, name=name)
    _, headers = next(rows, (0, []))
    headers = [header.strip() or f"column {index + 1}" for index, header in enumerate(headers)]
    if not headers:
        raise LeadImportError(ImportProblem.EMPTY, name=name)
    body = list(rows)
    guess = guess_columns(headers, [cells for _, cells in body[:50]])
    if mapping:
        try:
            guess = apply_mapping(guess, mapping)
        except ValueError as exc:
            raise LeadImportError(ImportProblem.BAD_MAPPING, name=name, detail=str(exc)) from None
    if not any(guess.column_of(field) for field in NAME_FIELDS):
        found = ", ".join(f"{column} -> {field}" for column, field in guess.fields.items() if field)
        detail = f"no first name or full name column among {', '.join(headers[:12])}"
        raise LeadImportError(
            ImportProblem.NO_COLUMNS, name=name, detail=(found and f"{detail}; read {found}") or detail
        )
    result = ImportResult(columns=dict(guess.fields), unsure=bool(guess.weak), format="csv")
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        try:
            result.imported.append(lead_from_row(headers, cells, guess))
        except InputError as exc:
            result.skipped.append(Skipped(f"line {line}", str(exc)))
    if not result.imported and result.skipped:
        raise LeadImportError(ImportProblem.NO_LEADS, name=name, skipped=tuple(result.skipped))
    return result


def _rows(text: str, *, name: str) -> Iterator[tuple[int, list[str]]]:
    """(the line a row starts on, its cells): a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), sniff_dialect(text))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise LeadImportError(
                ImportProblem.WRONG_SHAPE,
                name=name,
                detail=f"cannot be read as CSV at line {reader.line_num}: {exc}",
            ) from None
        yield start, cells
        start = reader.line_num + 1


def lead_from_row(headers: list[str], cells: list[str], guess: ColumnGuess) -> Lead:
    data: dict[str, Any] = {}
    for header, cell in zip(headers, cells, strict=False):
        field, value = guess.fields.get(header), cell.strip()
        if field not in _LONG_TEXT:
            value = " ".join(value.split())  # a name or a title is one line, whatever the cell held
        else:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if field and value and field not in data:
            data[field] = value
    if full := data.pop(FULL_NAME, None):
        first, last = split_name(full)
        data.setdefault("first_name", first)
        if last:
            data.setdefault("last_name", last)
    if not data.get("first_name"):
        raise InputError("no first name in this row")
    for field in ("skills", "mutual_connections"):
        if field in data:
            data[field] = [item for item in _LIST_SPLIT.split(data[field]) if item][:200]
    if "degree" in data:
        found = _DEGREE.search(data["degree"])
        data["degree"] = int(found.group(1)) if found else None
    if "open_profile" in data:
        data["open_profile"] = data["open_profile"].strip().lower() in _TRUE
    data, _ = with_lead_id(data)
    return Lead.from_data(data, what="row")


def split_name(full: str) -> tuple[str, str | None]:
    """'Maria Lopez' -> ('Maria', 'Lopez'); 'Lopez, Maria' -> ('Maria', 'Lopez'); 'Ana de la Cruz' ->
    ('Ana', 'de la Cruz'): the first word is the first name unless a comma says otherwise."""
    if "," in full:
        last, _, first = full.partition(",")
        if first.strip() and last.strip():
            return first.strip(), last.strip()
    words = full.split()
    if len(words) < 2:
        return full.strip(), None
    return words[0], " ".join(words[1:])
