"""Reading a file of leads for a batch or a send plan: JSON (a list of leads, or one lead) and JSON Lines
here; CSV, pasted pages and profile PDFs through the lead book's readers (`inmail.leads.read_leads_file`).

A lead that cannot be read is skipped with where it was ("line 7", "item 3") and why; the rest is read.
A file that is not leads at all (too large, not text, a JSON that is not objects) is refused whole with a
FileError, before anything is drafted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from composer import ComposerError, Lead
from inmail.errors import FileError, FileProblem, WorkspaceError
from inmail.files import MAX_DEPTH, depth, parse_json, read_bytes
from inmail.leads import read_leads_file

if TYPE_CHECKING:
    from inmail.workspace import Workspace

MAX_LEADS_BYTES = 50_000_000  # refused by size before reading: 10,000 rich leads are about 30 MB
WHAT = "leads file"
PERSON_FIELDS = frozenset({"first_name", "last_name", "id", "headline", "title", "company"})


@dataclass(frozen=True)
class Skipped:
    where: str  # "line 7" (JSON Lines), "item 3" (a JSON list)
    why: str


@dataclass(frozen=True)
class LeadsRead:
    """The shape of the lead book's `ImportResult`: the leads read, and what was skipped and why."""

    imported: list[Lead] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class LeadsResult(Protocol):
    @property
    def imported(self) -> list[Lead]: ...

    @property
    def skipped(self) -> list[Any]: ...  # each with `where` and `why`


def load_leads(path: str | Path) -> LeadsResult:
    """The leads in `path`: .json and .jsonl here, anything else through the lead book."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return _json_lines(path)
    if suffix == ".json":
        return _json(path)
    result: LeadsResult = read_leads_file(path)
    return result


def _text(path: Path) -> str:
    data = read_bytes(path, what=WHAT, limit=MAX_LEADS_BYTES)
    if b"\0" in data[:8192]:
        raise FileError(FileProblem.NOT_TEXT, path, what=WHAT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(FileProblem.NOT_TEXT, path, what=WHAT) from None


def _lead(data: Any, where: str, read: LeadsRead) -> bool:
    """Read one lead into `read`; whether the item was at least meant as a person."""
    try:
        read.imported.append(Lead.from_data(data, what="lead"))
    except ComposerError as exc:
        read.skipped.append(Skipped(where, str(exc)))
    return isinstance(data, dict) and not PERSON_FIELDS.isdisjoint(data)


def _refuse(path: Path, read: LeadsRead, *, people: int) -> LeadsRead:
    """A file where no item is even meant as a person (an invoice, an article) is not a leads file."""
    if read.imported or people or not read.skipped:
        return read
    detail = 'holds no lead: each lead is a JSON object such as {"first_name": ..., "id": ...}'
    raise FileError(FileProblem.WRONG_SHAPE, path, what=WHAT, detail=detail)


def _json_lines(path: Path) -> LeadsRead:
    read, people = LeadsRead(), 0
    for number, line in enumerate(_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            read.skipped.append(
                Skipped(f"line {number}", f"not valid JSON ({getattr(exc, 'msg', 'too deep')})")
            )
            continue
        if depth(data) > MAX_DEPTH:
            read.skipped.append(Skipped(f"line {number}", f"nested more than {MAX_DEPTH} levels deep"))
            continue
        people += _lead(data, f"line {number}", read)
    return _refuse(path, read, people=people)


def _json(path: Path) -> LeadsRead:
    data = parse_json(_text(path), path=path, what=WHAT)
    if isinstance(data, dict):
        data = data.get("leads", [data]) if "first_name" not in data else [data]
    if not isinstance(data, list):
        detail = f"is a JSON {type(data).__name__}, not a list of leads"
        raise FileError(FileProblem.WRONG_SHAPE, path, what=WHAT, detail=detail)
    read, people = LeadsRead(), 0
    for number, item in enumerate(data, start=1):
        people += _lead(item, f"item {number}", read)
    return _refuse(path, read, people=people)


def read_lead_source(path: str | None, *, every: bool, workspace: Workspace) -> tuple[list[Lead], list[Any]]:
    """The leads a command works on: a file's, or with `every` the lead book's; and what was skipped.
    One WorkspaceError (a sentence) when there is nothing to work on."""
    if every and path:
        raise SourceError("give a leads file or --all, not both")
    if every:
        return list(workspace.leads()), []
    if not path:
        raise SourceError("give the leads: a .csv, .json or .jsonl file, or --all for the lead book")
    read = load_leads(path)
    if not read.imported:
        first = read.skipped[0] if read.skipped else None
        why = f": {first.where}: {first.why}" if first else ""
        raise SourceError(f"no lead could be read from {path}{why}")
    return list(read.imported), list(read.skipped)


class SourceError(WorkspaceError):
    """No leads to work on: a one-line reason."""
