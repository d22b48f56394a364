"""Draft history: an append-only JSON-lines file in the data directory, one record a line.

Two kinds of line: `{"kind": "draft", "lead_id", "at", "draft": {...}, "lead": {...}}` when a draft is
made (the lead as it was, so a draft can be marked as sent later from the command line), and
`{"kind": "sent", "lead_id", "draft_id", "at", "subject", "body"}` when it is marked as sent, with the text
as the user edited it. Appending never rewrites earlier lines. A line cut short by a crash is skipped, and
the next append starts on a fresh line, so a torn line never takes the next record with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from composer import Draft
from inmail.errors import FileError, FileProblem

HISTORY_FILE = "drafts.jsonl"
MAX_LINE_BYTES = 1_000_000  # one draft with its lead is a few kilobytes
MAX_READ_BYTES = 64_000_000  # a longer history is read from its newest 64 MB


class Entry(BaseModel):
    """One draft for one lead, with when (and as what text) it was marked as sent."""

    lead_id: str
    at: datetime
    draft: Draft
    lead: dict[str, Any] | None = None  # the lead as it was when the draft was made (older lines: None)
    persona: str | None = None  # the persona it was written as (older lines: None), for the reply stats
    sent_at: datetime | None = None
    sent_subject: str | None = None
    sent_body: str | None = None

    @property
    def draft_id(self) -> str:
        return self.draft.id


class History:
    def __init__(self, directory: Path) -> None:
        self.path = directory / HISTORY_FILE

    def record_draft(
        self,
        draft: Draft,
        *,
        lead_id: str,
        lead: dict[str, Any] | None,
        at: datetime,
        persona: str | None = None,
    ) -> None:
        record = {"kind": "draft", "lead_id": lead_id, "at": at.isoformat()}
        extra = {"persona": persona} if persona else {}
        self._append({**record, "draft": draft.model_dump(mode="json"), "lead": lead, **extra})

    def record_sent(
        self, *, lead_id: str, draft_id: str, subject: str | None, body: str, at: datetime
    ) -> None:
        record = {"kind": "sent", "lead_id": lead_id, "draft_id": draft_id, "at": at.isoformat()}
        self._append({**record, "subject": subject, "body": body})

    def _append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, default=str).encode() + b"\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab+") as handle:
                if handle.tell() > 0:
                    handle.seek(-1, 2)
                    if handle.read(1) != b"\n":  # the last line was cut short: end it first
                        line = b"\n" + line
                handle.write(line)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise FileError(FileProblem.UNWRITABLE, self.path, what="draft history", detail=detail) from None

    def _records(self) -> Iterator[dict[str, Any]]:
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise FileError(FileProblem.UNREADABLE, self.path, what="draft history", detail=detail) from None
        with handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - MAX_READ_BYTES))
            if size > MAX_READ_BYTES:
                handle.readline()  # the first line read is probably a tail: skip it
            while line := handle.readline(MAX_LINE_BYTES + 1):
                if len(line) > MAX_LINE_BYTES:  # an overlong line: skip the rest of it
                    while line and not line.endswith(b"\n"):
                        line = handle.readline(MAX_LINE_BYTES + 1)
                    continue
                try:
                    record = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
                    continue  # a line cut short by a crash or edited by hand: skip it, keep the rest
                if isinstance(record, dict):
                    yield record

    def labels(self) -> dict[str, tuple[str, str, str | None]]:
        """Draft id -> (strategy, language, persona) for every draft, read without validating whole drafts
        (the reply stats join every send to its draft; a model per draft would cost seconds)."""
        found: dict[str, tuple[str, str, str | None]] = {}
        for record in self._records():
            draft = record.get("draft")
            if record.get("kind") != "draft" or not isinstance(draft, dict):
                continue
            draft_id, strategy, language = draft.get("id"), draft.get("strategy"), draft.get("language")
            persona = record.get("persona")
            if isinstance(draft_id, str) and isinstance(strategy, str) and isinstance(language, str):
                found[draft_id] = (strategy, language, persona if isinstance(persona, str) else None)
        return found

    def entries(self, *, lead_id: str | None = None) -> list[Entry]:
        """The drafts (for one lead, or all), newest first: one entry a draft line, each with its own text,
        checks and warnings. The same text drafted again (its id is the text's) is a new entry, never a
        rewrite of the earlier one. A "sent" mark goes to the newest line of that draft before it, and the
        first mark wins; a line of a draft already sent carries that mark (the same message)."""
        entries: list[Entry] = []
        newest: dict[str, Entry] = {}  # draft id -> its newest line so far
        for record in self._records():
            if lead_id is not None and record.get("lead_id") != lead_id:
                continue
            if record.get("kind") == "draft":
                if (entry := _entry(record)) is not None:
                    entries.append(_keep_sent(entry, newest.get(entry.draft_id)))
                    newest[entry.draft_id] = entry
            elif record.get("kind") == "sent" and (entry := newest.get(str(record.get("draft_id")))):
                _mark(entry, record)
        return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _entry(record: dict[str, Any]) -> Entry | None:
    try:
        return Entry.model_validate(
            {
                "lead_id": str(record.get("lead_id") or ""),
                "at": record.get("at"),
                "draft": record.get("draft"),
                "lead": record.get("lead") if isinstance(record.get("lead"), dict) else None,
                "persona": record.get("persona") if isinstance(record.get("persona"), str) else None,
            }
        )
    except ValidationError:
        return None  # a hand-edited line (a bad date, a draft of another shape): skip it like a damaged one


def _keep_sent(entry: Entry, earlier: Entry | None) -> Entry:
    """The same draft made again keeps its first "sent" mark."""
    if earlier is not None and earlier.sent_at is not None:
        entry.sent_at, entry.sent_subject, entry.sent_body = (
            earlier.sent_at,
            earlier.sent_subject,
            earlier.sent_body,
        )
    return entry


def _mark(entry: Entry, record: dict[str, Any]) -> None:
    if entry.sent_at is not None:
        return  # the first mark wins, as in the ledger
    try:
        entry.sent_at = datetime.fromisoformat(str(record.get("at")))
    except ValueError:
        return
    subject, body = record.get("subject"), record.get("body")
    entry.sent_subject = subject if isinstance(subject, str) else None
    entry.sent_body = body if isinstance(body, str) else None
