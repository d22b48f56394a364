"""Reading and writing the small files of a data directory, with caps: every read is bounded in size and
in JSON depth, and every write replaces the old file whole (a temporary file, then a rename), so a crash or
a full disk never leaves half a file and a failed write changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from inmail.errors import FileError, FileProblem

MAX_JSON_BYTES = 1_000_000  # a lead or a sender is a few kilobytes
MAX_STORE_BYTES = 20_000_000  # the saved leads, all of them
MAX_DEPTH = 32  # a lead is 3 levels deep; nothing legitimate comes near this


def read_bytes(path: Path, *, what: str, limit: int) -> bytes:
    """At most `limit` bytes of `path` (reading `limit + 1` to tell): `/dev/zero` costs one megabyte."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise FileError(FileProblem.MISSING, path, what=what) from None
    except IsADirectoryError:
        raise FileError(FileProblem.NOT_A_FILE, path, what=what) from None
    except OSError as exc:
        raise FileError(FileProblem.UNREADABLE, path, what=what, detail=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise FileError(FileProblem.TOO_LARGE, path, what=what, limit=limit)
    return data


def parse_json(text: str | bytes, *, path: Path, what: str, max_depth: int = MAX_DEPTH) -> Any:
    """JSON from `text`, refusing syntax errors and nesting deeper than `max_depth` with a FileError."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileError(FileProblem.NOT_TEXT, path, what=what) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileError(
            FileProblem.NOT_JSON, path, what=what, line=exc.lineno, column=exc.colno, detail=exc.msg
        ) from None
    except RecursionError:  # deeper than the parser's own stack: certainly deeper than ours
        raise FileError(FileProblem.TOO_DEEP, path, what=what, limit=max_depth) from None
    if depth(data) > max_depth:
        raise FileError(FileProblem.TOO_DEEP, path, what=what, limit=max_depth)
    return data


def depth(data: Any) -> int:
    """How deeply lists and objects nest (a scalar is 0), without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def read_json(path: Path, *, what: str, limit: int = MAX_JSON_BYTES) -> Any:
    return parse_json(read_bytes(path, what=what, limit=limit), path=path, what=what)


def read_object(path: str | Path, *, what: str, limit: int = MAX_JSON_BYTES) -> dict[str, Any]:
    """One JSON object (`{...}`) from `path`."""
    path = Path(path)
    data = read_json(path, what=what, limit=limit)
    if not isinstance(data, dict):
        raise FileError(FileProblem.WRONG_SHAPE, path, what=what, detail="must hold one JSON object {...}")
    return data


def write_json(path: Path, data: Any, *, what: str) -> None:
    """Replace `path` with `data` as JSON, whole or not at all."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise FileError(FileProblem.UNWRITABLE, path, what=what, detail=exc.strerror or str(exc)) from None
