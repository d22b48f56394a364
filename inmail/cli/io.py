"""Reading the JSON files the CLI takes (bounded, see inmail.files), and parsing its dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inmail.cli.errors import CliError


def read_json_file(path: str | Path, *, what: str = "file") -> Any:
    """A JSON file given on the command line, bounded in size and depth (`/dev/zero` is refused)."""
    from inmail.files import read_json

    return read_json(Path(path), what=what)


def parse_at(value: str | None) -> datetime:
    """An ISO 8601 instant; naive values are taken as UTC. None means now."""
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CliError(f"bad date {value!r}: use ISO 8601, for example 2026-11-23T09:00:00Z") from None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)  # every later sum is in UTC: an instant past year 9999 there is refused
    except OverflowError:
        raise CliError(f"date {value!r} is out of range: use a date before the year 9999") from None
