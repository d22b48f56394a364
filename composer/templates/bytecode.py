"""Compiled templates cached on disk, each file signed: nothing unsigned is ever unpickled or run.

Jinja's own file cache loads a pickle and marshalled code from predictable file names, so a file planted
in the cache folder would run outside the sandbox. Here every file starts with an HMAC-SHA256 of its
template key and contents under a per-install secret that lives outside the data directory (the user's
config folder, mode 0600); a file whose signature does not match is ignored and compiled afresh.
Any trouble with the secret or the folder only turns the cache off: drafting never fails because of it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache

KEY_BYTES = 32
MAX_CACHE_FILE = 4 * 1024 * 1024  # one compiled template is a few kB; anything far larger is not ours


def default_key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "inmail" / "template-cache.key"


def install_secret(path: Path) -> bytes | None:
    """The per-install secret at `path`, created (0600) on first use; None when it cannot be had."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            data = path.read_bytes()[: KEY_BYTES + 1]
            return data if len(data) == KEY_BYTES else None
        with os.fdopen(fd, "wb") as handle:
            key = secrets.token_bytes(KEY_BYTES)
            handle.write(key)
        return key
    except OSError:
        return None


class SignedBytecodeCache(FileSystemBytecodeCache):
    def __init__(self, directory: Path, secret: bytes) -> None:
        super().__init__(str(directory), "signed-%s.cache")
        self._secret = secret

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self._secret, key.encode() + b"\0" + payload, hashlib.sha256).digest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read(MAX_CACHE_FILE + 1)
        except OSError:
            return
        mac, payload = data[:32], data[32:]
        if len(data) > MAX_CACHE_FILE or not hmac.compare_digest(mac, self._sign(bucket.key, payload)):
            return  # not written by this install: compile the template afresh (and overwrite the file)
        bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        payload = bucket.bytecode_to_string()
        name = self._get_cache_filename(bucket)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(name), prefix=".tmp-", suffix=".cache")
            with os.fdopen(fd, "wb") as handle:
                handle.write(self._sign(bucket.key, payload) + payload)
            os.replace(tmp, name)
        except OSError:  # a read-only or full disk only costs the next run a compile
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def signed_cache(directory: Path, *, key_file: Path | None = None) -> SignedBytecodeCache | None:
    """A signed cache in `directory`, or None (no cache) when the folder or the secret is unavailable."""
    secret = install_secret(key_file or default_key_file())
    if secret is None:
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return SignedBytecodeCache(directory, secret)
