"""The offline engine: the situation first, then a whole message; the lead's own words whole; nothing
invented; one ask; the language policy; refusals that say what to do."""

from __future__ import annotations

import re

import pytest

from composer import ChannelRefused, ComposerError, Sender, Settings, compose
from composer.offline import pack as packs
from composer.offline.situation import Situation
from composer.templates import TemplateStore

SENDER = Sender.model_validate(
    {
        "name": "Sam Rivera",
        "title": "Founder",
        "company": "Tally Forecast",
        "language": "en",
        "offer": (
            "Tally Forecast predicts weekly parcel volumes per depot, so planners staff the right shifts."
        ),
        "problem": "Depots staff shifts on last year's volumes and miss the peaks.",
        "proof": "At Nordpak, overtime hours fell by a quarter in the first quarter of use.",
        "footer": "Sam Rivera, Founder, Tally Forecast",
        "offers": {
            "fr": "Tally Forecast prévoit les volumes de colis de chaque agence, semaine par semaine."
        },
    }
)
BASE = {"id": "https://www.linkedin.com/in/x", "first_name": "Maria", "last_name": "Lopez", "language": "en"}
ROLE = {"title": "Head of Operations", "company": "Acme Logistics"}
LEADS = {
    "problem": {
        **ROLE,
        "recent_post": "Our depots still staff shifts on last year's parcel volumes, and we miss every peak.",
    },
    "solved": {
        **ROLE,
        "experiences": [
            {
                "title": "Head of Operations",
                "company": "Acme Logistics",
                "description": "Cut overtime at our depots by 30% with weekly volume planning.",
            }
        ],
    },
    "news": {**ROLE, "recent_post": "Thrilled to share that we just opened our new depot in Valencia!"},
    "opinion": {
        **ROLE,
        "recent_post": "Good planners know their parcel volumes before the week starts.",
    },
    "hiring": {**ROLE, "recent_post": "We're hiring two shift planners for our Madrid depot. Apply here."},
    "wrong_function": {
        "title": "Head of Marketing",
        "company": "Acme Logistics",
        "about": "I lead brand and content for a logistics company that loves its customers.",
    },
    "sparse": {**ROLE},
}
SALES_OFFER_FOR_MARKETING_TEST = SENDER.model_copy(
    update={"offer": "Tally Forecast helps operations and planning teams staff the right shifts."}
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return TemplateStore(tmp_path_factory.mktemp("data"))


def draft(store, lead: dict, sender: Sender = SENDER, **settings):
    return compose({**BASE, **lead}, sender, Settings.model_validate(settings), store=store)[0]


def lead_words(lead: dict) -> str:
    return " ".join(str(v) for v in lead.values()) + " ".join(
        e.get("description", "") for e in lead.get("experiences", [])
    )


@pytest.mark.parametrize(
    ("name", "situation"),
    [
        ("problem", Situation.PROBLEM),
        ("solved", Situation.SOLVED),
        ("news", Situation.NEWS),
        ("opinion", Situation.OPINION),
        ("hiring", Situation.HIRING),
        ("wrong_function", Situation.WRONG_FUNCTION),
        ("sparse", Situation.SPARSE),
    ],
)
def test_each_situation_gets_its_own_message(store, name, situation):
    sender = SALES_OFFER_FOR_MARKETING_TEST if name == "wrong_function" else SENDER
    made = draft(store, LEADS[name], sender)
    expected_subjects = packs.load("en").subjects(situation.value)
    assert any(
        s.replace("{company}", "Acme Logistics").replace("{first_name}", "Maria") == made.subject
        for s in expected_subjects
    ), made.subject
    assert made.ok, [c for c in made.checks if not c.ok]


@pytest.mark.parametrize("name", ["problem", "news", "opinion", "solved"])
def test_the_leads_words_enter_whole_in_quotation_marks(store, name):
    made = draft(store, LEADS[name])
    quoted = re.findall(r"“([^”]+)”", made.body)
    assert quoted, made.body
    for text in quoted:
        assert text.rstrip(".!") in lead_words(LEADS[name]), text


@pytest.mark.parametrize("strategy", ["rabt", "aida", "pas"])
@pytest.mark.parametrize("name", list(LEADS))
def test_one_ask_the_offer_once_and_the_sender_as_given(store, strategy, name):
    made = draft(store, LEADS[name], strategy=strategy)
    assert made.body.count("?") == 1, made.body
    assert made.body.count(SENDER.offer) <= 1
    assert "Founder at Tally Forecast" in made.body  # the title exactly as given, never the persona's
    assert 250 <= len(made.body) <= 900


def test_good_news_is_congratulated_never_framed_as_a_problem(store):
    for strategy in ("rabt", "aida", "pas"):
        made = draft(store, LEADS["news"], strategy=strategy)
        assert "Congratulations" in made.body
        assert "problem" not in made.body.lower().split("congratulations")[0]


def test_an_ask_typed_as_a_phrase_is_set_in_a_question_and_passes_the_check(store):
    sender = SENDER.model_copy(update={"ask": "A 20-minute call next week."})
    for strategy in ("rabt", "aida", "pas"):
        made = draft(store, LEADS["problem"], sender, strategy=strategy)
        assert "Would you be open to a 20-minute call next week?" in made.body
        assert made.ok
    typed = draft(store, LEADS["problem"], cta_text="a 20-minute call next week")
    assert "a 20-minute call next week?" in typed.body
    assert typed.ok


def test_an_asset_is_offered_only_when_the_sender_declared_it(store):
    plain = draft(store, LEADS["problem"])
    assert "send you" not in plain.body
    sender = SENDER.model_copy(update={"assets": ["a one-page case study on the Nordpak rollout"]})
    offered = draft(store, LEADS["problem"], sender)
    assert "a one-page case study on the Nordpak rollout" in offered.body
    assert offered.body.count("?") == 1


def test_three_strategies_give_three_different_connection_notes(store):
    notes = {
        draft(store, LEADS["problem"], strategy=s, channel="connection_note").body
        for s in ("rabt", "aida", "pas")
    }
    assert len(notes) == 3
    assert all(len(n) <= 300 and "Sam" in n for n in notes)


def test_a_follow_up_uses_a_fact_the_first_message_did_not(store):
    lead = {**LEADS["problem"], "about": "I run twelve depots across Spain and Portugal for Acme Logistics."}
    first = draft(store, lead)
    follow = draft(store, lead, channel="follow_up")
    assert len(follow.body) < len(first.body)
    assert "twelve depots" in follow.body or "Nordpak" in follow.body


def test_auto_language_falls_back_with_a_warning_that_says_what_to_add(store):
    german = {**LEADS["problem"], "language": "de"}
    made = draft(store, german)
    assert made.language == "en"
    assert made.ok
    assert any("German" in w and "offer" in w for w in made.warnings)


def test_an_explicit_language_without_sender_text_is_refused_in_one_line(store):
    with pytest.raises(ComposerError, match=r"no German version: add one in You") as refused:
        draft(store, LEADS["problem"], language="de")
    assert "\n" not in str(refused.value)
    assert "--keep-failing" not in str(refused.value)


def test_a_connection_note_is_written_in_the_leads_language_without_sender_text(store):
    made = draft(store, {**LEADS["opinion"], "language": "de"}, channel="connection_note")
    assert made.language == "de"


def test_an_inmail_to_a_lead_who_accepts_none_is_refused_before_any_engine(store):
    with pytest.raises(ChannelRefused, match="connection note") as refused:
        draft(store, {**LEADS["problem"], "accepts_inmail": False})
    assert refused.value.instead == "connection_note"
    note = draft(store, {**LEADS["problem"], "accepts_inmail": False}, channel="connection_note")
    assert note.ok


def test_drafts_are_deterministic(store):
    assert draft(store, LEADS["problem"]).body == draft(store, LEADS["problem"]).body


def test_a_follow_up_may_bring_the_senders_proof_as_its_new_thing(store):
    sparse_follow_up = draft(store, LEADS["sparse"], channel="follow_up", strategy="pas")
    assert sparse_follow_up.ok, [c for c in sparse_follow_up.checks if not c.ok]


def test_each_persona_asks_in_its_own_way(store):
    asks = {
        persona: draft(store, LEADS["problem"], persona=persona).body.split("\n\n")[-2]
        for persona in ("salesperson", "founder", "marketer", "content_creator")
    }
    assert len(set(asks.values())) == 4, asks


@pytest.mark.parametrize(
    "post",
    [
        "Unsere Energiekosten haben sich in zwei Jahren fast verdoppelt.",
        "Our shipping costs doubled this year.",
        "Nos coûts d'énergie ont doublé en deux ans.",
    ],
)
def test_costs_that_rose_are_never_congratulated(store, post):
    for language in ("en", "de"):
        made = draft(store, {**LEADS["sparse"], "recent_post": post, "language": language})
        assert "Congratulations" not in made.body
        assert "Glückwunsch" not in made.body


def test_a_follow_up_to_a_lead_who_accepts_no_inmail_is_refused_too(store):
    with pytest.raises(ChannelRefused, match="connection note"):
        draft(store, {**LEADS["problem"], "accepts_inmail": False}, channel="follow_up")


def test_news_the_draft_cannot_name_is_not_congratulated(store):
    french_news = {
        **ROLE,
        "language": "fr",
        "recent_post": "Nous venons d'ouvrir notre nouveau dépôt à Valence !",
    }
    english_only = SENDER.model_copy(update={"offers": {}})  # so the draft is in English, the post in French
    made = draft(store, french_news, english_only)
    assert made.language == "en"
    assert "Congratulations" not in made.body
