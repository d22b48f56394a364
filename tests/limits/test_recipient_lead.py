"""Recipient.from_lead: the rule-relevant fields of a lead JSON object, with one-line errors."""

from __future__ import annotations

import pytest

from limits import LimitsError, Recipient

SAMPLE = {
    "id": "https://www.linkedin.com/in/maria-lopez-data",
    "first_name": "Maria",
    "location": "Madrid, Spain",
    "skills": ["Forecasting"],
    "degree": 2,
    "open_profile": False,
    "accepts_inmail": True,
}


def test_the_design_sample_lead():
    recipient = Recipient.from_lead(SAMPLE)
    assert recipient == Recipient(
        "https://www.linkedin.com/in/maria-lopez-data", 2, False, True, "Madrid, Spain"
    )


@pytest.mark.parametrize(
    ("degree", "expected"),
    [(1, 1), (3, 3), (None, None), ("2nd", 2), ("3+", 3), ("out_of_network", None), ("1", 1)],
)
def test_degrees(degree, expected):
    assert Recipient.from_lead({**SAMPLE, "degree": degree}).degree == expected


def test_defaults_when_flags_are_missing_or_null():
    recipient = Recipient.from_lead({"id": "x", "open_profile": None})
    assert (recipient.degree, recipient.open_profile, recipient.accepts_inmail) == (None, False, True)


@pytest.mark.parametrize(
    ("lead", "message"),
    [
        ([1, 2], "must be a JSON object"),
        ({"first_name": "Ann"}, 'no "id"'),
        ({"id": "  "}, 'no "id"'),
        ({**SAMPLE, "degree": 4}, "lead field degree: degree must be 1, 2, 3 or null"),
        ({**SAMPLE, "degree": True}, "degree must be 1, 2, 3 or null"),
        ({**SAMPLE, "open_profile": "perhaps"}, "lead field open_profile"),
    ],
)
def test_bad_leads(lead, message):
    with pytest.raises(LimitsError, match=message):
        Recipient.from_lead(lead)
