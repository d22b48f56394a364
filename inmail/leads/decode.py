"""Bytes to text for an imported file, in a clear order: a byte-order mark says UTF-8 or UTF-16; else
UTF-8; else Windows-1252 (what Excel writes on Western-European Windows). A NUL byte without a UTF-16
mark, or many control characters, means a binary file."""

from __future__ import annotations

import codecs

from inmail.leads.result import ImportProblem, LeadImportError

_SAMPLE = 8192
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, executables)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > len(sample) // 20


def decode_text(data: bytes, *, name: str = "") -> str:
    """The text of `data`; LeadImportError(BINARY | NOT_TEXT) when it is not text we can read."""
    if looks_binary(data):
        raise LeadImportError(ImportProblem.BINARY, name=name)
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LeadImportError(ImportProblem.NOT_TEXT, name=name)
