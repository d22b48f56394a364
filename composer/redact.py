"""One redaction step for every text the program shows or stores: model errors, warnings, drafts.

It removes the configured keys wherever they appear and anything shaped like a bearer token (`sk-...`,
`Bearer ...`, `Authorization: ...`), since a server may echo a key in a 401 or 500 body and a model may
repeat whatever reached it. Invisible characters (zero-width spaces, joiners, bidi marks) go first: a key
echoed with one inside must not slip past. Pure string work.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MASK = "[redacted]"
_MIN_SECRET = 6  # shorter "keys" (such as "x" for a local server) would mask ordinary words
_VALUE = r"[A-Za-z0-9._~+/=-]"
_TOKEN = re.compile(
    rf"(?i)(?P<label>\bbearer\s+)(?=(?:{_VALUE})*\d)(?:{_VALUE}){{12,}}"
    rf"|(?P<field>\b(?:x-)?(?:api[_-]?key|access[_-]?token|token|authorization)[\"']?\s*[:=]\s*[\"']?"
    rf"(?:bearer\s+)?)(?:{_VALUE}){{8,}}"
    r"|\b(?:sk|rk|pk)-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}"  # a digit: "sk-learning" is a word
    r"|\bgh[pousr]_[A-Za-z0-9]{16,}"
    r"|\bxox[abposr]-[A-Za-z0-9-]{10,}"
    r"|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
)


def redact(text: str, *, secrets: Iterable[str | None] = ()) -> str:
    """`text` without the given secrets and without bearer-token-shaped text."""
    if not text:
        return text
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    for secret in sorted({s for s in secrets if s and len(s) >= _MIN_SECRET}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return _TOKEN.sub(_mask_token, text)


def _mask_token(match: re.Match[str]) -> str:
    """Keep the label ("Bearer ", "api_key=") so the message still says what was there."""
    return (match.group("label") or match.group("field") or "") + MASK


def redact_all(texts: Iterable[str], *, secrets: Iterable[str | None] = ()) -> list[str]:
    kept = tuple(secrets)
    return [redact(text, secrets=kept) for text in texts]


HOLD = 100  # characters held back while streaming: a token split across chunks is never shown in part


class StreamRedactor:
    """Redacts a text that arrives in chunks. Each `feed` returns what is safe to show: the redacted text
    less a tail long enough to hold a secret or token still arriving; `close` returns the rest."""

    def __init__(self, *, secrets: Iterable[str | None] = ()) -> None:
        self._secrets = tuple(secrets)
        self._hold = max([HOLD, *(len(s) for s in self._secrets if s)])
        self._raw = ""
        self._shown = 0

    def feed(self, chunk: str) -> str:
        self._raw += chunk
        clean = redact(self._raw, secrets=self._secrets)
        safe = max(self._shown, len(clean) - self._hold)
        out, self._shown = clean[self._shown : safe], safe
        return out

    def close(self) -> str:
        clean = redact(self._raw, secrets=self._secrets)
        out, self._shown = clean[self._shown :], len(clean)
        return out
