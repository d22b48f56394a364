"""Which template files a folder holds, and a digest of them: the layout NAME allows, read with os.scandir."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from composer.templates.caps import MAX_TEMPLATE_CHARS
from composer.templates.models import NAME, TemplateKind

MAX_FILE_BYTES = 4 * MAX_TEMPLATE_CHARS  # read no more than the longest template could take in UTF-8

# Where each kind's files sit (see NAME): llm/*.j2, messages/*/*.j2, strategies/*.toml.
FOLDERS = {
    TemplateKind.PROMPT: ("llm",),
    TemplateKind.MESSAGE: ("messages", "*"),
    TemplateKind.STRATEGY: ("strategies",),
}


def scan(root: Path | str | None, folders: Iterable[tuple[str, ...]], *, links: bool = False) -> set[str]:
    """The template names under `root`. Like rglob, it does not descend into linked folders unless `links`."""
    if root is None:
        return set()
    names: set[str] = set()
    for parts in folders:
        level = [(str(root), "")]
        for part in parts:
            level = [
                (entry.path, prefix + entry.name + "/")
                for path, prefix in level
                for entry in _entries(path)
                if (part == "*" or entry.name == part) and entry.is_dir(follow_symlinks=links)
            ]
        for path, prefix in level:
            names.update(
                prefix + entry.name
                for entry in _entries(path)
                if entry.is_file() and NAME.match(prefix + entry.name)
            )
    return names


def digest(roots: Iterable[str], overlay: Mapping[str, str]) -> str:
    """A digest of every template under `roots` (names and bytes, linked folders included) and `overlay`."""
    found = hashlib.blake2b(digest_size=16)
    for root in roots:
        found.update(f"{root}\0".encode())
        for name in sorted(scan(root, FOLDERS.values(), links=True)):
            data = _contents(os.path.join(root, name))
            size = len(data) if data is not None else "unreadable"
            found.update(f"{name}\0{size}\0".encode() + (data or b""))
    for name, text in sorted(overlay.items()):
        data = text.encode("utf-8", "surrogatepass")
        found.update(f"overlay\0{name}\0{len(data)}\0".encode() + data)
    return found.hexdigest()


def _contents(path: str) -> bytes | None:
    """The bytes of a template file, as many as a template can hold; None when it cannot be read."""
    try:
        return read_regular(path)
    except (OSError, LinkedFileError):
        return None


class LinkedFileError(Exception):
    """A template path that is a link, not a regular file, or outside its folder: never read."""


def read_regular(path: str, root: str | None = None) -> bytes:
    """The first bytes of the regular file `path` (as many as a template can hold), opened without
    following a link; with `root`, the file must also lie inside it (no linked folder on the way).
    Raises LinkedFileError for a link, a device or pipe, or a path outside `root`; OSError otherwise."""
    if root is not None:
        inside = os.path.realpath(root)
        folder = os.path.realpath(os.path.dirname(path))
        if folder != inside and not folder.startswith(inside + os.sep):
            raise LinkedFileError(f"{path} lies outside {root} (through a linked folder)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LinkedFileError(f"{path} is a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise LinkedFileError(f"{path} is not a regular file")
        return handle.read(MAX_FILE_BYTES + 1)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:  # no such folder (yet), or not a folder
        return []
