"""Read leads from bytes or a file, in any format we know: CSV, JSON, JSON lines, a pasted profile page or
LinkedIn's "Save to PDF" profile. The format is given, or guessed from the name, then from the content.
Nothing here stores anything: `Workspace.import_leads` saves what was read."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from inmail.lead_ids import lead_id
from inmail.leads.csv_reader import read_csv, sniff_dialect
from inmail.leads.decode import decode_text, looks_binary
from inmail.leads.json_reader import read_json_leads, read_json_lines
from inmail.leads.profile_pdf import read_profile_pdf
from inmail.leads.profile_text import read_profile_text
from inmail.leads.result import ImportProblem, ImportResult, LeadImportError

MAX_IMPORT_BYTES = 50_000_000  # a CSV of 100,000 leads is about 30 MB
FORMATS = ("csv", "json", "jsonl", "text", "pdf")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_EXTENSIONS |= {".txt": "text", ".text": "text", ".pdf": "pdf"}
_FORMAT_WORDS = {"txt": "text", "ndjson": "jsonl", "tsv": "csv"}


def read_leads(
    data: bytes,
    *,
    name: str = "",
    format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    limit: int = MAX_IMPORT_BYTES,
    profile_url: str | None = None,
) -> ImportResult:
    """The leads in `data` (a file's bytes, or pasted text encoded as UTF-8). `profile_url` is the id of
    a single profile read from a page or PDF that does not show it."""
    result = _read(data, name=name, format=format, mapping=mapping, limit=limit)
    if profile_url and profile_url.strip() and len(result.imported) == 1:
        result.imported = [result.imported[0].model_copy(update={"id": lead_id({"id": profile_url})})]
    return result


def _read(
    data: bytes, *, name: str, format: str | None, mapping: Mapping[str, str] | None, limit: int
) -> ImportResult:
    if len(data) > limit:
        raise LeadImportError(ImportProblem.TOO_LARGE, name=name, limit=limit)
    if not data.strip():
        raise LeadImportError(ImportProblem.EMPTY, name=name)
    return _canonical(_parse(data, name=name, format=format, mapping=mapping))


def _parse(data: bytes, *, name: str, format: str | None, mapping: Mapping[str, str] | None) -> ImportResult:
    kind = _format(format, name, data)
    if kind == "pdf":
        return read_profile_pdf(data, name=name)
    if looks_binary(data):
        raise LeadImportError(ImportProblem.BINARY, name=name)
    text = decode_text(data, name=name)
    match kind:
        case "json":
            return read_json_leads(text, name=name)
        case "jsonl":
            return read_json_lines(text, name=name)
        case "text":
            return read_profile_text(text, name=name)
    return read_csv(text, name=name, mapping=mapping)


def read_leads_file(
    path: str | Path,
    *,
    format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    limit: int = MAX_IMPORT_BYTES,
) -> ImportResult:
    """The leads in the file at `path`: refused by its size before a byte is read, and refused when it is
    a link, a directory, a device or a pipe."""
    path = Path(path)
    data = _read_capped(path, limit=limit)
    return _read(data, name=path.name, format=format, mapping=mapping, limit=limit)


def _canonical(result: ImportResult) -> ImportResult:
    """Every lead under its canonical id, as the book, the ledger and the history know it."""
    result.imported = [
        lead if lead.id == (key := lead_id(lead)) else lead.model_copy(update={"id": key})
        for lead in result.imported
    ]
    return result


def _read_capped(path: Path, *, limit: int) -> bytes:
    name = str(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise LeadImportError(ImportProblem.MISSING, name=name) from None
    except OSError as exc:
        raise LeadImportError(ImportProblem.UNREADABLE, name=name, detail=exc.strerror) from None
    if stat.S_ISLNK(info.st_mode):
        raise LeadImportError(ImportProblem.SYMLINK, name=name)
    if not stat.S_ISREG(info.st_mode):
        raise LeadImportError(ImportProblem.NOT_A_FILE, name=name)
    if info.st_size > limit:
        raise LeadImportError(ImportProblem.TOO_LARGE, name=name, limit=limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LeadImportError(ImportProblem.SYMLINK, name=name) from None
        raise LeadImportError(ImportProblem.UNREADABLE, name=name, detail=exc.strerror) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the lstat
            raise LeadImportError(ImportProblem.NOT_A_FILE, name=name)
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew since the lstat
        raise LeadImportError(ImportProblem.TOO_LARGE, name=name, limit=limit)
    return data


def _format(given: str | None, name: str, data: bytes) -> str:
    if given:
        word = given.strip().lower()
        word = _FORMAT_WORDS.get(word, word)
        if word not in FORMATS:
            raise LeadImportError(ImportProblem.UNKNOWN_FORMAT, name=name, detail=given)
        return word
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if found := _EXTENSIONS.get(Path(name).suffix.lower()):
        return found
    return guess_text_format(data[:_GUESS_BYTES].decode("utf-8", "ignore"))


_GUESS_BYTES = 64_000


def guess_text_format(text: str) -> str:
    """json, jsonl, csv or text from the first lines of pasted or unnamed content."""
    stripped = text.lstrip("\ufeff \t\r\n")
    lines = [line for line in stripped.splitlines() if line.strip()][:20]
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        return "jsonl" if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines) else "json"
    if len(lines) >= 2:
        dialect = sniff_dialect("\n".join(lines))
        delimiter = getattr(dialect, "delimiter", ",")
        counts = {line.count(delimiter) for line in lines[:5]}
        if min(counts) >= 1 and len(lines[0]) < 2000 and len(counts) <= 2:
            return "csv"
    return "text"
