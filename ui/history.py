"""Draft history per lead: an append-only JSON-lines file in the data directory.

Two kinds of line: `{"kind": "draft", "lead_id", "at", "draft": {...}}` when a draft is made, and
`{"kind": "sent", "lead_id", "draft_id", "at", "subject", "body"}` when it is marked as sent (with the
text as the user edited it). Appending never rewrites earlier lines, so a crash loses at most the last one,
and a damaged line is skipped rather than hiding the rest of the history.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

HISTORY_FILE = "drafts.jsonl"


class Entry(BaseModel):
    lead_id: str
    at: datetime
    draft: dict[str, Any]
    sent_at: datetime | None = None
    sent_subject: str | None = None
    sent_body: str | None = None

    @property
    def draft_id(self) -> str:
        return str(self.draft.get("id", ""))


def _append(directory: Path, record: dict[str, Any]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / HISTORY_FILE).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def record_draft(directory: Path, *, lead_id: str, draft: dict[str, Any], at: datetime) -> None:
    _append(directory, {"kind": "draft", "lead_id": lead_id, "at": at.isoformat(), "draft": draft})


def record_sent(
    directory: Path, *, lead_id: str, draft_id: str, subject: str | None, body: str, at: datetime
) -> None:
    _append(
        directory,
        {
            "kind": "sent",
            "lead_id": lead_id,
            "draft_id": draft_id,
            "at": at.isoformat(),
            "subject": subject,
            "body": body,
        },
    )


def _lines(directory: Path) -> list[dict[str, Any]]:
    path = directory / HISTORY_FILE
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash: skip it, keep the rest
        if isinstance(record, dict):
            records.append(record)
    return records


def for_lead(directory: Path, lead_id: str) -> list[Entry]:
    """The lead's drafts, newest first, each with when (and as what text) it was marked as sent."""
    entries: dict[str, Entry] = {}
    for record in _lines(directory):
        if record.get("lead_id") != lead_id:
            continue
        if record.get("kind") == "draft" and isinstance(record.get("draft"), dict):
            try:
                entry = Entry(lead_id=lead_id, at=record.get("at"), draft=record["draft"])
            except ValidationError:
                continue  # a hand-edited line with a bad date: skip it like a damaged one
            entries[entry.draft_id] = entry
        elif record.get("kind") == "sent" and (entry := entries.get(str(record.get("draft_id")))):
            if entry.sent_at is not None:
                continue  # the first mark wins, as in the ledger
            try:
                entry.sent_at = datetime.fromisoformat(str(record.get("at")))
            except ValueError:
                continue
            entry.sent_subject = record.get("subject")
            entry.sent_body = record.get("body")
    return sorted(entries.values(), key=lambda entry: entry.at, reverse=True)


def sent_draft_ids(directory: Path, lead_id: str) -> set[str]:
    return {entry.draft_id for entry in for_lead(directory, lead_id) if entry.sent_at is not None}
