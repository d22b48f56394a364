"""What the app was showing, kept in the data directory so a reload brings it back: the Compose form and
its drafts, and the chat conversation of each lead. Plain JSON objects under `session/`, one a file,
replaced whole on every save and read with the same caps as any other file of the data directory."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from inmail import files

SESSION_DIR = "session"
MAX_SESSION_BYTES = 8_000_000  # a long chat with its drafts is a few hundred kilobytes
_SAFE = re.compile(r"[^a-z0-9_-]+")


def slot_file(name: str) -> str:
    """A file name for a slot such as "compose" or "chat/https://...": readable, unique, filesystem-safe."""
    readable = _SAFE.sub("-", name.lower()).strip("-")[:40] or "slot"
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{readable}-{digest}.json"


class Sessions:
    def __init__(self, directory: Path) -> None:
        self.directory = directory / SESSION_DIR

    def path(self, name: str) -> Path:
        return self.directory / slot_file(name)

    def load(self, name: str) -> dict[str, Any] | None:
        """The saved object of `name`, or None when there is none."""
        path = self.path(name)
        if not path.exists():
            return None
        return files.read_object(path, what="saved page state", limit=MAX_SESSION_BYTES)

    def save(self, name: str, data: dict[str, Any]) -> None:
        files.write_json(self.path(name), data, what="saved page state")

    def clear(self, name: str) -> bool:
        path = self.path(name)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed
