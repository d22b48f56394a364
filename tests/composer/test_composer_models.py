"""Lead, Sender and Settings read user data with one-line errors; Draft.to_json is the CLI's JSON shape."""

from __future__ import annotations

import pytest

from composer import SAMPLE_LEAD, SAMPLE_SENDER, ComposerError, Lead, Sender, Settings
from composer.models import FactKind, normalize_language
from composer.samples import sample_json


def test_the_design_sample_lead_and_sender_load_as_given():
    assert Lead.from_data(sample_json("maria")) == SAMPLE_LEAD
    assert SAMPLE_LEAD.experiences[0].end is None
    assert SAMPLE_LEAD.full_name == "Maria Lopez"
    assert SAMPLE_SENDER.name == "Sam Rivera"
    assert SAMPLE_SENDER.offer_in("de").startswith("Tally Forecast sagt")
    assert SAMPLE_SENDER.offer_in("it") == SAMPLE_SENDER.offer


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({}, "field 'first_name': Field required"),
        ({"first_name": "  "}, "field 'first_name'"),
        ({"first_name": "A", "degree": 7}, "field 'degree'"),
        ({"first_name": "A", "skills": "Python"}, "field 'skills'"),
        ({"first_name": "A", "language": "Klingon!"}, "not a language code"),
        ({"first_name": "A", "experiences": [{"title": 3}]}, "field 'experiences.0.title'"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_bad_lead_data_gets_one_line_that_names_the_field(data, fragment):
    with pytest.raises(ComposerError) as caught:
        Lead.from_data(data)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message
    assert "lead" in message


def test_unknown_lead_fields_are_ignored_so_saved_leads_can_carry_notes():
    lead = Lead.from_data({"first_name": "Ana", "notes": "met at a fair"})
    assert lead.first_name == "Ana"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("fr-FR", "fr"),
        ("DE", "de"),
        ("French", "fr"),
        ("es_ES", "es"),
        ("", None),
        (None, None),
        ("pt", "pt"),
    ],
)
def test_language_codes_are_normalised(given, code):
    assert normalize_language(given) == code


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"temperature": 1.5}, "temperature"),
        ({"strategy": ""}, "strategy"),
        ({"variants": 0}, "variants"),
        ({"persona": "wizard"}, "persona"),
        ({"channel": "email"}, "channel"),
        ({"language": "12"}, "language"),
    ],
)
def test_bad_settings_are_refused(data, fragment):
    with pytest.raises(ComposerError, match=fragment):
        Settings.from_data(data)


def test_settings_defaults_allow_every_fact_and_auto_language():
    settings = Settings()
    assert settings.language == "auto"
    assert settings.facts == frozenset(FactKind)
    assert Settings(language="AUTO").language == "auto"
    assert Settings(language="fr-CA").language == "fr"


def test_sender_needs_a_name():
    with pytest.raises(ComposerError, match="sender: field 'name'"):
        Sender.from_data({"offer": "x"})
