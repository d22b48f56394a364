"""What the CLI writes to a terminal: control characters shown escaped, never obeyed.

Lead text reaches every command's output (a name in `draft`, `drafts`, `ledger sent`), and a terminal obeys
escape codes in it: OSC 52 writes the clipboard, CSI moves the cursor over earlier lines, bidi overrides
reverse what is read. `safe_output` wraps standard output and error for one command, so every print goes
through `shown`; a character the terminal's encoding lacks is written as an escape, not a traceback after
the draft was saved.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, TextIO

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI) and the bidi controls.
_ESCAPED = {code: f"\\u{code:04x}" for code in [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *_BIDI]}


def shown(text: str) -> str:
    """`text` as a terminal may show it: each control character written as \\uXXXX."""
    return text.translate(_ESCAPED)


class SafeStream:
    """A text stream that escapes control characters and the characters its encoding cannot write."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        text = shown(text)
        try:
            return self._stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "utf-8"
            return self._stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer: the stream's own
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and error escaped for the length of the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
