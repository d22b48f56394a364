"""One canonical id per LinkedIn profile, whatever the spelling; other ids kept as typed."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limits import canonical_lead_id

MARIA = "https://www.linkedin.com/in/maria-lopez-data"


@pytest.mark.parametrize(
    "spelling",
    [
        MARIA,
        "https://www.linkedin.com/in/maria-lopez-data/",
        "http://www.linkedin.com/in/maria-lopez-data",
        "https://linkedin.com/in/maria-lopez-data",
        "linkedin.com/in/maria-lopez-data",
        "www.linkedin.com/in/maria-lopez-data/",
        "https://es.linkedin.com/in/maria-lopez-data",
        "HTTPS://WWW.LINKEDIN.COM/IN/MARIA-LOPEZ-DATA",
        "https://www.linkedin.com/in/Maria-Lopez-Data?trk=public_profile",
        "https://www.linkedin.com/in/maria-lopez-data/?originalSubdomain=es#experience",
        "https://www.linkedin.com/in/maria%2Dlopez%2Ddata",
        "https://www.linkedin.com/in/maria-lopez-data/details/experience/",
        "  https://www.linkedin.com/in/maria-lopez-data  ",
    ],
)
def test_spellings_of_one_profile_give_one_id(spelling):
    assert canonical_lead_id(spelling) == MARIA


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  CRM-4711 ", "CRM-4711"),
        ("maria@example.com", "maria@example.com"),
        ("Maria Lopez", "Maria Lopez"),
        ("https://example.com/in/Maria/", "https://example.com/in/Maria/"),
        ("https://www.linkedin.com/", "https://www.linkedin.com/"),
        ("notlinkedin.com/in/maria", "notlinkedin.com/in/maria"),
        # Sales Navigator ids are case-sensitive: only the frame is normalised.
        ("linkedin.com/sales/lead/ACwAAB12,NAME?x=1", "https://www.linkedin.com/sales/lead/ACwAAB12,NAME"),
    ],
)
def test_other_ids_are_kept_as_typed(typed, kept):
    assert canonical_lead_id(typed) == kept


def test_non_ascii_slugs_decode_to_one_id():
    assert canonical_lead_id("https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller/") == (
        "https://www.linkedin.com/in/jürgen-müller"
    )
    assert canonical_lead_id("linkedin.com/in/jürgen-müller") == "https://www.linkedin.com/in/jürgen-müller"


SLUG = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-äéñ", min_size=1, max_size=30)


# Made once: a strategy made inside a draw is validated and labelled again on every call.
_SCHEME = st.sampled_from(["https://", "http://", "", "HTTPS://"])
_SUBDOMAIN = st.sampled_from(["www.", "", "de.", "es.", "WWW.", "uk."])
_DOMAIN = st.sampled_from(["linkedin.com", "LinkedIn.com", "LINKEDIN.COM"])
_TAIL = st.sampled_from(["", "/", "/?trk=abc", "?utm_source=x&y=2", "#top", "/details/skills/"])
_PAD = st.sampled_from(["", " ", "\t"])
_IN = st.sampled_from(["in", "IN", "In"])


@st.composite
def spellings(draw, slug: str) -> str:
    scheme = draw(_SCHEME)
    host = draw(_SUBDOMAIN) + draw(_DOMAIN)
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in slug)
    encoded = quote(cased, safe="") if draw(st.booleans()) else cased
    tail = draw(_TAIL)
    pad = draw(_PAD)
    return f"{pad}{scheme}{host}/{draw(_IN)}/{encoded}{tail}{pad}"


@given(st.data(), SLUG)
def test_equivalent_spellings_give_one_id(data, slug):
    one = data.draw(spellings(slug))
    other = data.draw(spellings(slug))
    assert canonical_lead_id(one) == canonical_lead_id(other) == f"https://www.linkedin.com/in/{slug}"


@given(st.text(max_size=60))
def test_canonical_ids_are_fixed_points(text):
    once = canonical_lead_id(text)
    assert canonical_lead_id(once) == once
