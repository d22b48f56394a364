"""The sender profile and the saved leads: small JSON files in the data directory, read with caps and
replaced whole on every save."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from inmail import files
from inmail.errors import FileError, FileProblem, NoLeadIdError

SENDER_FILE = "sender.json"
LEADS_FILE = "leads.json"


class Profiles:
    def __init__(self, directory: Path) -> None:
        self.sender_path = directory / SENDER_FILE
        self.leads_path = directory / LEADS_FILE

    def sender(self) -> dict[str, Any] | None:
        """The saved sender profile as its JSON object, or None before the first save."""
        if not self.sender_path.exists():
            return None
        return files.read_object(self.sender_path, what="sender profile")

    def save_sender(self, sender: Mapping[str, Any]) -> None:
        files.write_json(self.sender_path, dict(sender), what="sender profile")

    def leads(self) -> dict[str, dict[str, Any]]:
        """Saved leads by id, in the order they were saved (the latest last)."""
        if not self.leads_path.exists():
            return {}
        data = files.read_json(self.leads_path, what="saved leads", limit=files.MAX_STORE_BYTES)
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise FileError(
                FileProblem.WRONG_SHAPE,
                self.leads_path,
                what="saved leads",
                detail="must map lead ids to lead objects",
            )
        return data

    def save_lead(self, lead: Mapping[str, Any], *, lead_id: str) -> None:
        if not lead_id:
            raise NoLeadIdError()
        leads = self.leads()
        leads.pop(lead_id, None)  # re-saving moves the lead to the end
        leads[lead_id] = dict(lead)
        files.write_json(self.leads_path, leads, what="saved leads")

    def delete_lead(self, lead_id: str) -> bool:
        leads = self.leads()
        if leads.pop(lead_id, None) is None:
            return False
        files.write_json(self.leads_path, leads, what="saved leads")
        return True
