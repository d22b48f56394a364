"""Text from users, leads and models shown inside markdown (alerts, captions) as exactly what it is."""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all means no link,
# image, emphasis, HTML tag or Streamlit directive (:red[...], :material/...:) can come out of the text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")
# GFM turns bare URLs and e-mail addresses into links even when escaped; a word joiner (invisible) after
# the scheme, "www" or "@" stops that without changing what the reader sees.
_AUTOLINK = re.compile(r"(?i)(https?(?=:)|ftp(?=:)|mailto(?=:)|www(?=\.)|@)")
_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """`text` as markdown that renders as the same text, on one line per line."""
    unlinked = _AUTOLINK.sub(lambda match: match.group(1) + _JOINER, str(text))
    return _SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")
