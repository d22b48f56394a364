"""Text from users, leads and models shown inside markdown (alerts, captions) as exactly what it is."""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all means no link,
# image, emphasis, HTML tag or Streamlit directive (:red[...], :material/...:) can come out of the text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def md_escape(text: str) -> str:
    """`text` as markdown that renders as the same text, on one line per line."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")
