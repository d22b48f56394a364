"""The draft coach: calibration on written samples, one table row per part, properties, the data file."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import SAMPLE_LEADS, SAMPLE_SENDER, Draft, DraftChannel, Settings, compose
from composer.coach import CoachReport, PartName, coach
from composer.coach_rules import CoachDataError, parse_rules, rules
from composer.templates import TemplateStore
from composer.wordlists import COMMON_WORDS

SAMPLES = tomllib.loads((Path(__file__).parent / "coach_samples.toml").read_text(encoding="utf-8"))["sample"]
MARGIN = 10


def _score(sample: dict, *, context: bool = True) -> CoachReport:
    extra = {"facts": sample.get("facts", []), "offer": sample.get("offer")} if context else {}
    return coach(
        sample["body"],
        subject=sample.get("subject"),
        channel=sample["channel"],
        language=sample["language"],
        **extra,
    )


@pytest.mark.parametrize("context", [True, False], ids=["with facts and offer", "text only"])
def test_messages_worth_sending_score_clearly_higher(context):
    send = {s["id"]: _score(s, context=context).score for s in SAMPLES if s["send"]}
    not_send = {s["id"]: _score(s, context=context).score for s in SAMPLES if not s["send"]}
    assert len(send) == len(not_send) == 10
    assert min(send.values()) >= max(not_send.values()) + MARGIN, (send, not_send)


def test_the_samples_cover_several_languages_and_every_bad_habit():
    assert {s["language"] for s in SAMPLES} >= {"en", "fr", "de", "es"}
    weak = {p.name for s in SAMPLES if not s["send"] for p in _score(s).parts if p.suggestion}
    assert weak >= {
        PartName.LENGTH,
        PartName.PERSONALISATION,
        PartName.YOU_FOCUS,
        PartName.ASK,
        PartName.SUBJECT,
        PartName.SPAM,
        PartName.LONG_SENTENCES,
    }


BASE_SUBJECT = "Your post on late deliveries"
BASE = """Hi Maria,

Your post on late deliveries being a data problem matched what we hear from depot planners. At Acme you \
already cut late deliveries by 18% with demand forecasts.

Tally Forecast adds weekly parcel volumes per depot, so your planners can staff shifts early.

Would a 15-minute call next Tuesday be useful?

Best,
Sam"""
BASE_FACTS = ("Why late deliveries are a data problem, not a driver problem.", "Cut late deliveries by 18%.")
BASE_OFFER = "Tally Forecast predicts weekly parcel volumes per depot, so planners staff the right shifts."
OFFER_SENTENCE = (
    "Tally Forecast adds weekly parcel volumes per depot, so your planners can staff shifts early."
)
PADDING = (
    " Depots in the north see the peak on Monday. Most teams plan shifts two weeks ahead. Late trucks cost"
    " more in winter. Planners often work from last year's numbers. Small errors add up across thirty sites."
    " Data from scanners arrives every hour. Weather moves volumes more than promotions do. Forecasts get"
    " better with each week of data. Holidays shift the peak by a day or two."
)


def _base(**changes) -> CoachReport:
    given = {"subject": BASE_SUBJECT, "facts": BASE_FACTS, "offer": BASE_OFFER} | changes
    body = given.pop("body", BASE)
    return coach(body, channel="inmail", language="en", **given)


def test_the_base_text_is_strong_on_every_part():
    report = _base()
    assert [p.name for p in report.parts] == list(PartName)
    assert all(p.suggestion is None for p in report.parts), report
    assert report.score >= 95


# Each row changes the base so that exactly one part drops below the suggestion line.
ROWS = [
    (PartName.LENGTH, {"body": BASE.replace("shifts early.", "shifts early." + PADDING)}, "Cut about"),
    (
        PartName.READING_EASE,
        {
            "body": BASE.replace(
                OFFER_SENTENCE,
                "Tally Forecast operationalises probabilistic volumetric anticipation for your organisation.",
            )
        },
        "shorter words",
    ),
    (PartName.PERSONALISATION, {"body": BASE.replace("Hi Maria,", "Hi {first_name},")}, "{first_name}"),
    (PartName.PERSONALISATION, {"facts": ("Speaks at logistics meetups",)}, "Tie your opener"),
    (
        PartName.YOU_FOCUS,
        {
            "body": BASE.replace(
                OFFER_SENTENCE,
                "We built Tally Forecast for our own depots, and we add weekly parcel volumes per depot.",
            )
        },
        "Write about them",
    ),
    (
        PartName.ASK,
        {"body": BASE.replace("Would a 15-minute call next Tuesday be useful?", "A short call could help.")},
        "End with one clear question",
    ),
    (
        PartName.ASK,
        {"body": BASE.replace("be useful?", "be useful? Or is Wednesday better? Shall I send slides?")},
        "Keep one ask",
    ),
    (PartName.SUBJECT, {"subject": "Quick question"}, "could go to anyone"),
    (PartName.SUBJECT, {"subject": ""}, "Add a subject line"),
    (PartName.SPAM, {"body": BASE.replace("Would a 15-minute", "Would a free 15-minute")}, '"free"'),
    (PartName.SPAM, {"body": BASE.replace("be useful?", "be useful?!!!")}, "exclamation mark"),
    (
        PartName.LONG_SENTENCES,
        {
            "body": BASE.replace(
                "planners. At Acme you already cut",
                "planners in every region, and at Acme you already cut",
            )
        },
        "Split the",
    ),
    (
        PartName.OPENERS,
        {"body": BASE.replace("At Acme you already cut", "Your team at Acme already cut")},
        "Vary how your sentences start",
    ),
]


@pytest.mark.parametrize(
    ("part", "change", "advice"), ROWS, ids=[f"{r[0].value}-{i}" for i, r in enumerate(ROWS)]
)
def test_each_weakness_lowers_exactly_its_part(part, change, advice):
    base, changed = _base(), _base(**change)
    before = {p.name: p.score for p in base.parts}
    after = {p.name: p.score for p in changed.parts}
    weak = changed.part(part)
    assert weak is not None
    assert weak.score < rules().suggest_below
    assert weak.suggestion is not None
    assert advice in weak.suggestion
    assert {name: score for name, score in after.items() if name != part} == {
        name: score for name, score in before.items() if name != part
    }
    assert changed.score < base.score


def test_the_length_suggestion_names_the_characters_to_cut():
    report = _base(body=BASE + PADDING + PADDING)
    advice = report.part(PartName.LENGTH).suggestion
    assert advice.startswith("Cut about ")
    assert "under 400 characters" in advice
    over = len((BASE + PADDING + PADDING).strip()) - 400
    assert int(advice.split()[2]) == pytest.approx(over, abs=5)


@pytest.mark.parametrize(
    ("text", "language", "ease"),
    [
        ("The cat sat on the mat.", "en", 116),  # 6 words, 6 syllables: 206.835 - 6.09 - 84.6
        ("Le chat dort.", "fr", 130),  # 3 words, 3 syllables: 207 - 3.045 - 73.6
        ("Der Hund schläft.", "de", 118),  # 180 - 3 - 58.5
        ("El perro come.", "es", 104),  # 3 words, 5 syllables: 206.84 - 3.06 - 100
    ],
)
def test_reading_ease_uses_the_language_formula(text, language, ease):
    part = coach(text, channel="inmail", language=language).part(PartName.READING_EASE)
    assert part.detail.startswith(f"{ease} ")


def test_a_language_without_word_lists_is_scored_on_the_other_parts():
    report = coach("こんにちは。ご都合はいかがですか？", subject="件名", channel="inmail", language="ja")
    names = {p.name for p in report.parts}
    assert PartName.READING_EASE not in names
    assert PartName.YOU_FOCUS not in names
    assert report.part(PartName.ASK).score == 100


def test_language_codes_are_normalised():
    assert coach(BASE, channel="inmail", language="EN-gb") == coach(BASE, channel="inmail", language="en")


def test_no_subject_given_leaves_the_subject_out_and_a_note_never_has_one():
    assert _base(subject=None).part(PartName.SUBJECT) is None
    note = coach(
        "Hi Chen, your comment was spot on. Happy to connect?",
        subject="Hi",
        channel="connection_note",
        language="en",
    )
    assert note.part(PartName.SUBJECT) is None


def test_an_unknown_channel_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="inmail, connection_note, follow_up"):
        coach("Hi", channel="postcard", language="en")


def test_the_score_is_the_weighted_mean_of_the_parts():
    report = _base(subject="Quick question", body=BASE + PADDING)
    mean = sum(p.score * p.weight for p in report.parts) / sum(p.weight for p in report.parts)
    assert report.score == round(mean)
    assert report.to_json()["score"] == report.score
    assert all(
        set(p) == {"name", "score", "weight", "detail", "suggestion"} for p in report.to_json()["parts"]
    )


@given(
    body=st.text(max_size=3000),
    subject=st.none() | st.text(max_size=300),
    channel=st.sampled_from([c.value for c in DraftChannel]),
    language=st.sampled_from(["en", "fr", "de", "es", "it", "pt", "ja", "xx"]),
    facts=st.lists(st.text(max_size=80), max_size=4),
    offer=st.none() | st.text(max_size=200),
)
@settings(max_examples=300, deadline=None)
def test_any_text_gets_a_bounded_deterministic_report(body, subject, channel, language, facts, offer):
    kwargs = {"subject": subject, "channel": channel, "language": language, "facts": facts, "offer": offer}
    report = coach(body, **kwargs)
    assert 0 <= report.score <= 100
    assert report.parts
    for part in report.parts:
        assert 0 <= part.score <= 100
        assert (part.suggestion is not None) == (part.score < rules().suggest_below), part
    assert coach(body, **kwargs) == report


@given(
    words=st.lists(
        st.sampled_from(["free", "your", "we", "Acme", "?", "!", "call", "the", "."]), max_size=200
    )
)
@settings(max_examples=200, deadline=None)
def test_word_salad_from_the_lists_is_bounded_too(words):
    report = coach(" ".join(words), subject=" ".join(words[:5]), channel="inmail", language="en")
    assert 0 <= report.score <= 100


def test_every_channel_and_detectable_language_has_rules():
    data = rules()
    assert set(data.length) == {c.value for c in DraftChannel}
    assert set(COMMON_WORDS) <= set(data.languages)
    assert set(data.weights) == set(PartName)


SHIPPED = resources.files("prompts").joinpath("coach.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("{over}", "{overr}"), "field 'length.inmail': too_long: unknown placeholder ['overr']"),
        (("ideal_min = 150", "ideal_min = 1500"), "zero_below < ideal_min <= ideal_max < zero_above"),
        (("long_sentences = 5 ", "sentences = 5 "), "weights"),
        (("suggest_below = 75", "suggest_below = [75"), "not valid TOML"),
        (('vowels = "aeiouy"', 'vowels = ""'), "field 'languages.en.vowels'"),
    ],
)
def test_a_broken_data_file_gets_a_one_line_error(change, message):
    old, new = change
    assert old in SHIPPED
    with pytest.raises(CoachDataError) as caught:
        parse_rules(SHIPPED.replace(old, new, 1))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_every_draft_carries_its_coach(tmp_path):
    store = TemplateStore(tmp_path)
    for lead in SAMPLE_LEADS.values():
        for channel in DraftChannel:
            draft = compose(lead, SAMPLE_SENDER, Settings(channel=channel), store=store)[0]
            assert 0 <= draft.coach.score <= 100
            assert draft.to_json()["coach"] == draft.coach.to_json()
            assert (draft.coach.part(PartName.SUBJECT) is None) == (channel is DraftChannel.CONNECTION_NOTE)


def test_a_stored_draft_without_a_coach_is_coached_from_its_fields(tmp_path):
    store = TemplateStore(tmp_path)
    draft = compose(SAMPLE_LEADS["maria"], SAMPLE_SENDER, Settings(), store=store)[0]
    stored = draft.model_dump(mode="json", exclude={"coach"})
    again = Draft.model_validate(stored)
    assert again.coach == coach(
        draft.body,
        subject=draft.subject,
        channel=draft.channel,
        language=draft.language,
        facts=draft.facts_used,
    )
    assert Draft.model_validate_json(draft.model_dump_json()).coach == draft.coach
