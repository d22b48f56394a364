"""Follow-ups due, for the app: the unanswered sends ready for a follow-up (from `after_days` after the
send, a setting kept in the data directory) and the pending paid InMails whose 90-day credit-back window
closes within 14 days, each with the lead to draft for (from the draft history, else the saved leads)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inmail import files
from inmail.errors import FileError, FileProblem

if TYPE_CHECKING:
    from inmail.history import Entry
    from limits import Due, SentItem

SETTINGS_FILE = "follow_ups.json"
DEFAULT_AFTER_DAYS = 3
MAX_AFTER_DAYS = 90
CLOSING_DAYS = 14


class FollowUpSettings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    after_days: int = Field(default=DEFAULT_AFTER_DAYS, ge=1, le=MAX_AFTER_DAYS)


class FollowUpSettingsFile:
    def __init__(self, directory: Path) -> None:
        self.path = directory / SETTINGS_FILE

    def load(self) -> FollowUpSettings:
        if not self.path.exists():
            return FollowUpSettings()
        data = files.read_object(self.path, what="follow-up settings")
        try:
            return FollowUpSettings.model_validate(data)
        except ValidationError:
            detail = f"needs after_days, a whole number of days from 1 to {MAX_AFTER_DAYS}"
            what = "follow-up settings"
            raise FileError(FileProblem.WRONG_SHAPE, self.path, what=what, detail=detail) from None

    def save(self, settings: FollowUpSettings) -> None:
        files.write_json(self.path, settings.model_dump(), what="follow-up settings")


@dataclass(frozen=True)
class DueFollowUp:
    item: SentItem
    lead: dict[str, Any]  # at least {"id": ...}: the lead as last drafted for, or as saved
    name: str  # the lead's name, else its id
    ready: bool  # unanswered for `after_days` or more
    closing: bool  # a pending paid InMail whose credit-back window closes within 14 days


def with_leads(
    due: Due, entries: Iterable[Entry], saved: Mapping[str, Mapping[str, Any]]
) -> list[DueFollowUp]:
    """Each send `due` lists, once, with its lead; closing windows first (soonest first), then the sends
    waiting longest."""
    at = due.at
    items = {item.event_id: item for item in (*due.closing, *due.follow_ups)}
    leads = _leads(entries)
    ready = {item.event_id for item in due.follow_ups}
    closing = {item.event_id for item in due.closing}
    found = []
    for item in items.values():
        lead = leads.get(item.key or "") or leads.get(item.lead_id) or dict(saved.get(item.lead_id) or {})
        lead = {**lead, "id": lead.get("id") or item.lead_id}
        name = " ".join(str(lead.get(f) or "") for f in ("first_name", "last_name")).strip()
        found.append(
            DueFollowUp(item, lead, name or item.lead_id, item.event_id in ready, item.event_id in closing)
        )
    return sorted(found, key=lambda d: (not d.closing, d.item.window_ends_at or at, d.item.sent_at))


def _leads(entries: Iterable[Entry]) -> dict[str, dict[str, Any]]:
    """Draft id -> its lead, and lead id -> the lead of its newest draft (entries come newest first)."""
    from limits import canonical_lead_id

    found: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.lead is None:
            continue
        found[entry.draft_id] = entry.lead
        raw = str(entry.lead.get("id") or "").strip()
        if raw:
            found.setdefault(canonical_lead_id(raw), entry.lead)
    return found
