"""Where the user's data lives. One environment variable, `INMAIL_DATA_DIR`, overrides it all."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DATA_DIR_ENV = "INMAIL_DATA_DIR"


def data_dir(explicit: str | Path | None = None, *, env: Mapping[str, str] | None = None) -> Path:
    """The data directory: `--data-dir`, else `$INMAIL_DATA_DIR`, else the per-user default.

    The directory is created if missing, so callers can open files in it straight away.
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
    path.mkdir(parents=True, exist_ok=True)
    return path
