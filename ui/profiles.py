"""The sender profile and saved leads, kept as small JSON files in the data directory.

Writes go to a temporary file first and then replace the old one, so a crash never leaves half a file.
A file the user broke by hand gets a one-line error that names it, and the app keeps working without it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

SENDER_FILE = "sender.json"
LEADS_FILE = "leads.json"


class ProfileError(Exception):
    """A saved profile or lead file cannot be read; the message says which file and how to fix it."""


def read_json(path: Path, default: Any) -> Any:
    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"{path} is not valid JSON (line {exc.lineno}): fix it or delete the file."
        ) from exc
    except OSError as exc:
        raise ProfileError(f"Cannot read {path} ({exc.strerror}): check its permissions.") from exc


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_sender(directory: Path) -> dict[str, Any] | None:
    data = read_json(directory / SENDER_FILE, None)
    if data is not None and not isinstance(data, dict):
        raise ProfileError(f"{directory / SENDER_FILE} must hold one JSON object: fix it or delete the file.")
    return data


def save_sender(directory: Path, sender: dict[str, Any]) -> None:
    write_json(directory / SENDER_FILE, sender)


def saved_leads(directory: Path) -> dict[str, dict[str, Any]]:
    """Saved leads by id, in the order they were saved."""
    data = read_json(directory / LEADS_FILE, {})
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ProfileError(
            f"{directory / LEADS_FILE} must map lead ids to lead objects: fix it or delete it."
        )
    return data


def save_lead(directory: Path, lead: dict[str, Any]) -> None:
    lead_id = str(lead.get("id") or "").strip()
    if not lead_id:
        raise ProfileError("Give the lead an id (the profile URL) before saving it.")
    leads = saved_leads(directory)
    leads.pop(lead_id, None)  # re-saving moves the lead to the end: the latest saved is listed last
    leads[lead_id] = lead
    write_json(directory / LEADS_FILE, leads)


def delete_lead(directory: Path, lead_id: str) -> bool:
    leads = saved_leads(directory)
    if leads.pop(lead_id, None) is None:
        return False
    write_json(directory / LEADS_FILE, leads)
    return True
