"""Lead ids: the one place they are made, so the book of leads, the ledger and the history agree.

`lead_id` folds every spelling of a LinkedIn profile URL into one id (`limits.identity`); a lead given
without a profile URL gets one made from its name and company (`local:maria-lopez-acme-logistics`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from composer import Lead

LeadData = Mapping[str, Any]


def lead_id(lead: LeadData | Lead) -> str:
    """The id the ledger and the history know a lead by: one per LinkedIn profile ("" when it has none)."""
    from limits.identity import canonical_lead_id

    raw = lead.id if isinstance(lead, BaseModel) else lead.get("id")
    text = str(raw or "").strip()
    if not text or _WORDS.search(text):  # words with spaces name nobody: the lead has no id yet
        return ""
    return canonical_lead_id(text)


_WORDS = re.compile(r"\s")
_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]*://|^[^/@\s]+\.[a-z]{2,}(?:/|$)", re.IGNORECASE)


def lead_id_problem(lead: LeadData | Lead) -> str | None:
    """One line when the profile URL field holds something other than a LinkedIn profile URL: plain words
    (not used as an id) or another site's address (kept as the user's own id, as typed)."""
    from limits.identity import canonical_lead_id

    raw = lead.id if isinstance(lead, BaseModel) else lead.get("id")
    text = str(raw or "").strip()
    if not text or text.startswith(GENERATED_PREFIX):
        return None
    if _WORDS.search(text):
        return (
            f"{text[:60]!r} is not a profile URL: it is not used as the lead's id. Paste the lead's LinkedIn "
            "URL (linkedin.com/in/...)."
        )
    if canonical_lead_id(text).startswith("https://www.linkedin.com/"):
        return None
    if _URL_LIKE.search(text):
        return (
            f"{text[:60]!r} is not a LinkedIn profile URL: it is kept as your own id for this lead, as "
            "typed. Paste the linkedin.com/in/... URL to track them under LinkedIn's."
        )
    return None  # a CRM id or an e-mail address: the user's own id, as they mean it


def lead_key(lead: LeadData | Lead) -> str:
    """The history's key: the lead id, else its name (a lead without an id can still be drafted for)."""
    if found := lead_id(lead):
        return found
    data = lead_data(lead)
    name = " ".join(str(data.get(field) or "") for field in ("first_name", "last_name"))
    return "name:" + name.strip().lower()


GENERATED_PREFIX = "local:"  # ids the program made up, for leads given without a profile URL


def generated_lead_id(lead: LeadData | Lead) -> str:
    """An id made from the lead's name and company ("local:maria-lopez-acme-logistics"), for a lead
    without a profile URL, so its drafts and sends can still be tracked; "" when it has no name."""
    data = lead_data(lead)
    words = " ".join(str(data.get(f) or "") for f in ("first_name", "last_name", "company"))
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")[:80].strip("-")
    return GENERATED_PREFIX + slug if slug else ""


def with_lead_id(lead: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The lead with an id: its own, else one made from name and company. True when it was made up."""
    data = dict(lead)
    if lead_id(data) or not (made := generated_lead_id(data)):
        return data, False
    return {**data, "id": made}, True


def lead_data(lead: LeadData | BaseModel) -> dict[str, Any]:
    if isinstance(lead, BaseModel):
        return lead.model_dump(mode="json")
    return dict(lead)
