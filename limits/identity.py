"""One id per person: every spelling of a LinkedIn profile URL gives the same canonical lead id.

`https://de.LinkedIn.com/in/Maria-Lopez/?trk=x#top`, `linkedin.com/in/maria%2Dlopez` and
`https://www.linkedin.com/in/maria-lopez` are one profile; the ledger, the history and the check key on
`https://www.linkedin.com/in/maria-lopez`. Ids that are not LinkedIn URLs are kept as typed (trimmed):
a CRM id or an e-mail address means what the user says it means.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

_HOST = "www.linkedin.com"
_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com(?:[/?#:]|$)", re.IGNORECASE)


def canonical_lead_id(text: str) -> str:
    """The canonical id of a lead: one per LinkedIn profile; anything else trimmed and kept as typed."""
    typed = text.strip()
    if not _LINKEDIN.match(typed):
        return typed
    url = urlsplit(typed if "://" in typed else f"https://{typed}")
    parts = [unquote(part) for part in url.path.split("/") if part]
    if len(parts) >= 2 and parts[0].lower() == "in":
        # The public profile slug: LinkedIn matches it case-insensitively; sub-pages name the same person.
        slug = unicodedata.normalize("NFC", parts[1]).lower()
        return f"https://{_HOST}/in/{slug}"
    if not parts:
        return typed  # the bare site is nobody's profile: keep it as typed
    # Other profile URLs (Sales Navigator, Recruiter) carry case-sensitive ids: only the frame is normalised.
    return f"https://{_HOST}/" + "/".join(parts)
