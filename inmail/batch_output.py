"""Batch results as files: JSON Lines (one `BatchResult.row()` a line) or CSV (one flat row a lead).

Each row is written and flushed as it is made, so a batch that stops part-way keeps what it drafted, and
a second run with the same output file reads the (lead, settings) keys already there and passes those
leads over (`done_keys`). The Outreach page's export uses the same rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from inmail.batch import BatchResult
from inmail.errors import FileError, FileProblem

CSV_FIELDS = (
    "lead_id",
    "name",
    "allowed",
    "channel",
    "credits",
    "subject",
    "body",
    "checks_ok",
    "failed_checks",
    "coach_score",
    "warnings",
    "draft_id",
    "settings_key",
)
WHAT = "batch output"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


def output_format(path: Path) -> OutputFormat | None:
    """The format a file name asks for (.jsonl or .csv), or None."""
    match path.suffix.lower():
        case ".jsonl" | ".ndjson":
            return OutputFormat.JSONL
        case ".csv":
            return OutputFormat.CSV
    return None


def csv_row(result: BatchResult) -> dict[str, Any]:
    """One flat row: who, may I write now, by which channel at what cost, the draft, its checks and score."""
    assert result.draft is not None
    draft, verdict = result.draft, result.verdict
    row = {
        "lead_id": result.lead_id,
        "name": result.name,
        "allowed": "" if verdict is None else ("yes" if verdict.allowed else "no"),
        "channel": "" if verdict is None or verdict.channel is None else verdict.channel.value,
        "credits": "" if verdict is None else verdict.credits,
        "subject": draft.subject or "",
        "body": draft.body,
        "checks_ok": "yes" if draft.ok else "no",
        "failed_checks": "; ".join(check.name for check in draft.checks if not check.ok),
        "coach_score": draft.coach.score,
        "warnings": "; ".join(result.warnings),
        "draft_id": draft.id,
        "settings_key": result.settings_key,
    }
    return {name: _cell(value) for name, value in row.items()}


def _cell(value: Any) -> Any:
    """Lead text is data: a cell that a spreadsheet would take for a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def jsonl_line(result: BatchResult) -> str:
    return json.dumps(result.row(), ensure_ascii=False) + "\n"


def to_bytes(results: Iterable[BatchResult], fmt: OutputFormat) -> bytes:
    """Drafted results as a whole file (the page's download)."""
    buffer = io.StringIO()
    writer = BatchWriter(buffer, fmt, header=True)
    for result in results:
        writer.write(result)
    return buffer.getvalue().encode("utf-8")


class BatchWriter:
    """Writes drafted results to an open text file, one row at a time, flushed."""

    def __init__(self, handle: IO[str], fmt: OutputFormat, *, header: bool) -> None:
        self.handle, self.fmt = handle, fmt
        self.csv = csv.DictWriter(handle, fieldnames=CSV_FIELDS) if fmt is OutputFormat.CSV else None
        if self.csv is not None and header:
            self.csv.writeheader()

    def write(self, result: BatchResult) -> None:
        if self.csv is not None:
            self.csv.writerow(csv_row(result))
        else:
            self.handle.write(jsonl_line(result))
        self.handle.flush()


def done_keys(path: Path, fmt: OutputFormat) -> set[str]:
    """The (lead, settings) keys already in an output file, to resume; empty when it does not exist.
    A torn last line (a run cut short) is passed over; a file that is not a batch output is refused."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise FileError(FileProblem.UNREADABLE, path, what=WHAT, detail=exc.strerror or str(exc)) from None
    keys: set[str] = set()
    with handle:
        try:
            rows: Iterable[Any]
            if fmt is OutputFormat.CSV:
                reader = csv.DictReader(handle)
                if reader.fieldnames is None:  # an empty file
                    return keys
                if list(reader.fieldnames) != list(CSV_FIELDS):
                    raise _not_ours(path)
                rows = reader
            else:
                rows = (_json_row(line) for line in handle)
            for row in rows:
                if isinstance(row, dict) and row.get("lead_id") and row.get("settings_key"):
                    keys.add(f"{row['lead_id']} {row['settings_key']}")
        except (UnicodeDecodeError, csv.Error):
            raise _not_ours(path) from None
    return keys


def _json_row(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


def _not_ours(path: Path) -> FileError:
    detail = "is not the output of a batch: give a new file name, or the file an earlier batch wrote"
    return FileError(FileProblem.WRONG_SHAPE, path, what=WHAT, detail=detail)


def needs_newline(path: Path) -> bool:
    """Whether the file ends in the middle of a line (a run cut short): the next row starts on its own."""
    try:
        with path.open("rb") as handle:
            if handle.seek(0, 2) == 0:
                return False
            handle.seek(-1, 2)
            return handle.read(1) != b"\n"
    except FileNotFoundError:
        return False
