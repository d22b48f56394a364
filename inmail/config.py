"""Where the user's data lives. One environment variable, `INMAIL_DATA_DIR`, overrides it all."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from inmail.errors import DataDirError

DATA_DIR_ENV = "INMAIL_DATA_DIR"


def data_dir(explicit: str | Path | None = None, *, env: Mapping[str, str] | None = None) -> Path:
    """The data directory: `--data-dir`, else `$INMAIL_DATA_DIR`, else the per-user default.

    The directory is created if missing, so callers can open files in it straight away; a path that is
    a file, or that cannot be created, raises DataDirError.
    """
    env = os.environ if env is None else env
    if explicit:
        path = Path(explicit)
    elif env.get(DATA_DIR_ENV):
        path = Path(env[DATA_DIR_ENV])
    else:
        base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "inmail"
    path = path.expanduser()
    if path.exists() and not path.is_dir():
        raise DataDirError(path, is_file=True)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a parent is a file, or not writable
        raise DataDirError(path, is_file=False, detail=exc.strerror or str(exc)) from None
    return path
