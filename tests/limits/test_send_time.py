"""Send-time advice: the next weekday 9-11 am window in the recipient's time zone (seed article)."""

from __future__ import annotations

import pytest
from limits_testkit import at

from limits import LimitsError, Recipient, next_send_window
from limits.send_time import zone_for

WINDOWS = [
    # id, now (UTC), timezone, location, local start, zone
    (
        "Monday before the window",
        "2026-11-23T06:00",
        "Europe/Madrid",
        None,
        "2026-11-23 09:00",
        "Europe/Madrid",
    ),
    (
        "inside the window: now",
        "2026-11-23T08:30",
        "Europe/Madrid",
        None,
        "2026-11-23 09:30",
        "Europe/Madrid",
    ),
    (
        "after the window: next day",
        "2026-11-23T10:00",
        "Europe/Madrid",
        None,
        "2026-11-24 09:00",
        "Europe/Madrid",
    ),
    (
        "Friday after the window: Monday",
        "2026-11-27T12:00",
        "Europe/Madrid",
        None,
        "2026-11-30 09:00",
        "Europe/Madrid",
    ),
    (
        "Saturday: Monday",
        "2026-11-28T09:00",
        None,
        "San Francisco Bay Area",
        "2026-11-30 09:00",
        "America/Los_Angeles",
    ),
    ("zone from the city", "2026-11-23T06:00", None, "Madrid, Spain", "2026-11-23 09:00", "Europe/Madrid"),
    ("Tokyo is ahead", "2026-11-23T01:00", None, "Tokyo, Japan", "2026-11-23 10:00", "Asia/Tokyo"),
    (
        "summer time in New York",
        "2026-07-06T12:00",
        None,
        "New York, United States",
        "2026-07-06 09:00",
        "America/New_York",
    ),
    ("unknown place: UTC", "2026-11-23T06:00", None, "Atlantis", "2026-11-23 09:00", "UTC"),
    ("nothing known: UTC", "2026-11-23T06:00", None, None, "2026-11-23 09:00", "UTC"),
]


@pytest.mark.parametrize(
    ("now", "zone", "location", "start", "expected_zone"),
    [c[1:] for c in WINDOWS],
    ids=[c[0] for c in WINDOWS],
)
def test_next_window(now, zone, location, start, expected_zone):
    advice = next_send_window(at=at(now), timezone=zone, location=location)
    local_start, local_end = advice.local()
    assert (f"{local_start:%Y-%m-%d %H:%M}", advice.timezone) == (start, expected_zone)
    assert f"{local_end:%H:%M}" == "11:00"
    assert advice.start.utcoffset().total_seconds() == 0
    assert advice.source == "seed article (reported)"


@pytest.mark.parametrize(
    ("now", "words"),
    [("2026-11-23T06:00", "Monday has the best"), ("2026-11-27T06:00", "Friday is 4% below average")],
)
def test_the_reason_says_how_the_day_compares(now, words):
    assert words in next_send_window(at=at(now), timezone="Europe/London").reason


def test_a_guessed_or_defaulted_zone_is_said():
    assert "times are in UTC" in next_send_window(at=at("2026-11-23T06:00"), location="Atlantis").reason
    assert (
        "taken from the location"
        in next_send_window(at=at("2026-11-23T06:00"), location="Paris, France").reason
    )


@pytest.mark.parametrize(
    ("location", "zone"),
    [
        ("Portland, Oregon, United States", "America/Los_Angeles"),
        ("Greater London, England, United Kingdom", "Europe/London"),
        ("Bengaluru, Karnataka, India", "Asia/Kolkata"),
        ("Perth, Western Australia, Australia", "Australia/Perth"),
        ("São Paulo", "America/Sao_Paulo"),
    ],
)
def test_zone_from_location(location, zone):
    assert zone_for(location=location)[0] == zone


def test_a_bad_time_zone_is_refused():
    with pytest.raises(LimitsError, match="IANA"):
        next_send_window(at=at("2026-11-23T06:00"), timezone="Mars/Olympus")
    with pytest.raises(LimitsError, match="IANA"):
        Recipient.from_lead({"id": "x", "timezone": "Mars/Olympus"})
