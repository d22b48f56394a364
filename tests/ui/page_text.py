"""What an AppTest page shows, as text (imported by the page tests)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest


def texts(at: AppTest) -> str:
    """Everything the page shows as text, one element a line (for 'is it on the page' checks)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "success", "warning",
                 "error", "metric"):  # fmt: skip
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            if kind == "metric":
                parts.append(f"{element.label}: {element.value}")
    parts.extend(bar.text for bar in at.progress)
    return "\n".join(parts)


def unescape(text: str) -> str:
    """Bold markers, backslash escapes and invisible word joiners removed: what the reader sees."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*\*", "", text)).replace("\u2060", "")
