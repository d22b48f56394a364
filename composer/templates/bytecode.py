"""Compiled templates: shared in memory by every store in the process, and cached on disk, each file signed.

In memory (`COMPILED`): the code a sandbox compiled, keyed by the sandbox's `code_key()`, the template's name
and the checksum of its text, so an edit, an override or another sandbox policy is a new entry, never a
stale one. Only code a sandbox compiled, or that a signed file held, goes in.

On disk: nothing unsigned is ever unpickled or run.

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
from collections.abc import Hashable
from pathlib import Path
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

from composer.templates.memo import LRU

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
        self.read(bucket)

    def read(self, bucket: Bucket) -> bytes | None:
        """Load the file of `bucket` into it when this install signed it; the payload loaded, else None."""
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read(MAX_CACHE_FILE + 1)
        except OSError:
            return None
        mac, payload = data[:32], data[32:]
        if len(data) > MAX_CACHE_FILE or not hmac.compare_digest(mac, self._sign(bucket.key, payload)):
            return None  # not written by this install: compile the template afresh (and overwrite the file)
        bucket.bytecode_from_string(payload)
        return payload if bucket.code is not None else None

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.write(bucket, bucket.bytecode_to_string())

    def keep(self, bucket: Bucket, payload: bytes) -> None:
        """Make sure the file of `bucket` holds `payload`, signed: rewrite it when it holds anything else."""
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                if handle.read(MAX_CACHE_FILE + 1) == self._sign(bucket.key, payload) + payload:
                    return
        except OSError:
            pass
        self.write(bucket, payload)

    def write(self, bucket: Bucket, payload: bytes) -> None:
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


Compiled = tuple[CodeType, bytes | None]  # the code, and its payload for a signed file once one was made
COMPILED: LRU[Compiled] = LRU(maxsize=256)  # the shipped templates are about 15; the rest is users' edits


class SharedBytecodeCache(BytecodeCache):
    """One store's cache: the process-wide `COMPILED` first, then the store's signed files (if any).

    A template found in memory still makes sure the store's signed file holds it, so the disk cache of
    every data directory stays what it would be without the memory layer.
    """

    def __init__(self, disk: SignedBytecodeCache | None = None, *, memory: LRU[Compiled] = COMPILED) -> None:
        self.disk = disk
        self.memory = memory

    @staticmethod
    def _key(bucket: Bucket) -> Hashable | None:
        """None for an environment that is not a TemplateSandbox: its code is not shared."""
        code_key = getattr(bucket.environment, "code_key", None)
        return (code_key(), bucket.key, bucket.checksum) if code_key is not None else None

    def load_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        found = self.memory.get(key) if key is not None else None
        if found is None:
            payload = self.disk.read(bucket) if self.disk is not None else None
            if key is not None and bucket.code is not None:
                self.memory.put(key, (bucket.code, payload))
            return
        bucket.code, payload = found
        if self.disk is not None:
            if payload is None:
                payload = bucket.bytecode_to_string()
                self.memory.put(key, (bucket.code, payload))
            self.disk.keep(bucket, payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        key, code = self._key(bucket), bucket.code
        payload = bucket.bytecode_to_string() if self.disk is not None else None
        if key is not None and code is not None:
            self.memory.put(key, (code, payload))
        if self.disk is not None and payload is not None:
            self.disk.write(bucket, payload)
