"""Topics as a person would write them (composer.topics), per language, on sentences of our own."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import languages, phrases
from composer.text import fold
from composer.topics import MAX_WORDS, QUOTE_MAX, TopicQuality, after, noun_phrases, topic_of


def _stop(language: str) -> frozenset[str]:
    table = phrases.load(language)
    assert table is not None
    return table.words("stop")


def _wanted(words: str, language: str) -> set[str]:
    return {languages.stem(word, language) for word in fold(words).split()}


def topic(text: str, language: str, wanted: str = "", *, draft: str | None = None):
    return topic_of(
        text,
        language=language,
        draft_language=draft or language,
        wanted=_wanted(wanted, language),
        stop=_stop(language),
    )


# language, sentence, what the sender cares about, topic, topic with its determiner, verdict
TOPICS = [
    (
        "en",
        "Our drivers lose an hour every morning because the loading dock schedule is still on paper.",
        "loading dock",
        "loading dock schedule",
        "the loading dock schedule",
    ),
    (
        "en",
        "Proud to announce that we opened our second cold storage hub in Leeds!",
        "storage",
        "second cold storage hub",
        "your second cold storage hub",
    ),
    (
        "en",
        "Open to conversations about fleet electrification",
        "fleet",
        "fleet electrification",
        "fleet electrification",
    ),
    (
        "en",
        "We are hiring a senior route planner for our Bristol depot.",
        "route planner",
        "route planner",
        "a route planner",
    ),
    (
        "fr",
        "Nous avons réduit les retours clients de nos magasins grâce à un meilleur tri.",
        "retours",
        "retours clients",
        "les retours clients",
    ),
    (
        "fr",
        "Je pilote la logistique inverse pour 40 entrepôts.",
        "logistique",
        "logistique inverse",
        "la logistique inverse",
    ),
    (
        "fr",
        "Fière d'avoir lancé notre atelier d'emballage à Nantes.",
        "emballage",
        "atelier d'emballage",
        "votre atelier d'emballage",
    ),
    (
        "de",
        "Unsere Disponenten planen die Tourenpläne jeden Morgen neu, weil die Bestellmengen schwanken.",
        "bestellmengen",
        "Bestellmengen",
        "Bestellmengen",
    ),
    (
        "de",
        "Wir optimieren die städtische Paketzustellung.",
        "paketzustellung",
        "städtische Paketzustellung",
        "städtische Paketzustellung",
    ),
    (
        "es",
        "Dirijo la planificación de rutas de reparto para toda Andalucía.",
        "rutas",
        "planificación de rutas de reparto",
        "la planificación de rutas de reparto",
    ),
    (
        "es",
        "Este año hemos reducido las devoluciones con un nuevo sistema de etiquetado.",
        "etiquetado",
        "sistema de etiquetado",
        "un sistema de etiquetado",
    ),
    (
        "pt",
        "Coordeno a gestão de stocks para 25 lojas no Porto.",
        "stocks",
        "gestão de stocks",
        "a gestão de stocks",
    ),
    (
        "pt",
        "Melhorámos a nossa taxa de entregas no prazo.",
        "entregas",
        "taxa de entregas",
        "a sua taxa de entregas",
    ),
    (
        "it",
        "Gestisco la catena del freddo per il nostro gruppo alimentare.",
        "freddo",
        "catena del freddo",
        "la catena del freddo",
    ),
    (
        "it",
        "Abbiamo aperto il nostro nuovo magazzino automatizzato a Verona.",
        "magazzino",
        "magazzino automatizzato",
        "il tuo magazzino automatizzato",
    ),
    (
        "it",
        "Seguo l'ottimizzazione dei percorsi per 80 furgoni.",
        "percorsi",
        "ottimizzazione dei percorsi",
        "l'ottimizzazione dei percorsi",
    ),
]


@pytest.mark.parametrize(("language", "text", "wanted", "bare", "det"), TOPICS)
def test_the_topic_is_a_noun_phrase_with_the_determiner_the_draft_needs(language, text, wanted, bare, det):
    found = topic(text, language, wanted)
    assert (found.bare, found.det, found.quality) == (bare, det, TopicQuality.GOOD)
    assert found.hits >= 1


# Sentences whose only nouns are single words, times or amounts: no topic to slot in.
WEAK = [
    ("en", "Every Tuesday I spend hours on spreadsheets."),
    ("en", "Thrilled about Warehouse Fleet Routing Planning Software Vendor Selection Workshops."),
    ("fr", "Chaque lundi, nous perdons trois heures."),
    ("fr", "Fiers de notre entrepôt !"),
    ("de", "Wir digitalisieren gerade die Lieferscheine."),
    ("de", "Das kostet uns jeden Montag Stunden."),
    ("es", "Coordino un almacén de 120 personas."),
    ("pt", "Trabalho com armazéns."),
    ("it", "Lavoro in magazzino da dieci anni."),
]


@pytest.mark.parametrize(("language", "text"), WEAK)
def test_a_single_noun_or_a_time_is_a_weak_topic_and_never_slotted(language, text):
    found = topic(text, language)
    assert found.quality in (TopicQuality.WEAK, TopicQuality.NONE)
    assert found.bare == found.det == ""


@pytest.mark.parametrize(
    ("language", "text", "draft", "quote"),
    [
        (
            "de",
            "Unsere Schichtleiter bauen die Pläne neu, weil die Auftragsmengen schwanken.",
            "en",
            "die Auftragsmengen schwanken",
        ),
        ("es", "Coordino un equipo de 40 personas con turnos rotativos.", "en", "turnos rotativos"),
        ("fr", "Nous réduisons les déchets d'emballage de nos boutiques.", "en", "les déchets d'emballage"),
        (
            "en",
            "Our pickers walk too far because the slotting plan is old.",
            "fr",
            "the slotting plan is old",
        ),
    ],
)
def test_a_fact_in_another_language_gives_only_a_quote(language, text, draft, quote):
    found = topic(text, language, "turnos schwanken slotting emballage", draft=draft)
    assert found.quality is TopicQuality.FOREIGN
    assert found.bare == found.det == ""
    assert found.quote == quote


def test_the_quote_is_the_clause_about_the_offer_without_its_conjunction():
    text = "Every Monday our supervisors rebuild the plan from scratch because order volumes swing so much."
    assert topic(text, "en", "order volumes").quote == "order volumes swing so much"
    assert topic("Proud of the team.", "en").quote == "Proud of the team"


def test_noun_phrases_split_elisions_and_keep_joiners_inside():
    found = [" ".join(p.words) for p in noun_phrases("Je réduis les déchets d'emballage.", "fr", _stop("fr"))]
    assert found == ["déchets d' emballage"]
    assert topic("Je réduis les déchets d'emballage.", "fr").bare == "déchets d'emballage"


def test_links_emails_and_line_breaks_never_reach_a_topic():
    text = "See https://example.com/fleet-electrification\nor write to ops@parcel.example on fleet routing"
    found = topic(text, "en", "fleet")
    assert found.bare == "fleet routing"
    assert "example" not in found.quote
    assert "http" not in found.quote


LANGUAGES = ("en", "fr", "de", "es", "pt", "it")
_VOCABULARY = {
    language: sorted(
        {w for case in TOPICS + WEAK if case[0] == language for w in re.findall(r"\S+", case[1])}
        | {"https://x.io/a", "a@b.co", "\n", ",", "—", "123", "l'", "d'"}
    )
    for language in LANGUAGES
}


@st.composite
def sentences(draw):
    language = draw(st.sampled_from(LANGUAGES))
    words = draw(st.lists(st.sampled_from(_VOCABULARY[language]) | st.text(max_size=12), max_size=30))
    return language, " ".join(words), draw(st.sampled_from(LANGUAGES))


def _text_stems(text: str, language: str) -> set[str]:
    return {languages.stem(word, language) for word in fold(text).split()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=sentences(), wanted=st.sampled_from(["", "fleet", "entrepôt magazzino", "turnos stocks"]))
def test_topic_properties(case, wanted):
    language, text, draft = case
    found = topic(text, language, wanted, draft=draft)
    if found.quality is TopicQuality.GOOD:
        assert found.bare.strip() and found.det.strip() if language != "fr" else found.bare.strip()
        assert language == draft
    else:
        assert found.bare == found.det == ""
    for value in (found.bare, found.det, found.quote):
        assert "\n" not in value
        assert "\r" not in value
        assert not re.search(r"https?:|www\.|://|@", value)
    assert len(found.bare.split()) <= MAX_WORDS
    assert len(found.quote.split()) <= QUOTE_MAX
    stems = _text_stems(text, language)
    assert _text_stems(found.bare, language) <= stems  # the topic is the lead's words, nothing added
    assert _text_stems(found.quote, language) <= stems


@pytest.mark.parametrize(
    ("preposition", "phrase", "language", "expected"),
    [
        ("su", "la tua rete di depositi", "it", "sulla tua rete di depositi"),
        ("a", "l'ottimizzazione dei percorsi", "it", "all'ottimizzazione dei percorsi"),
        ("di", "i turni", "it", "dei turni"),
        ("in", "gli ordini", "it", "negli ordini"),
        ("di", "turni rotativi", "it", "di turni rotativi"),
        ("de", "le stock", "fr", "du stock"),
        ("à", "les entrepôts", "fr", "aux entrepôts"),
        ("de", "la logistique inverse", "fr", "de la logistique inverse"),
        ("de", "entrepôts", "fr", "d'entrepôts"),
        ("de", "el almacén", "es", "del almacén"),
        ("a", "la planta", "es", "a la planta"),
        ("em", "a gestão de stocks", "pt", "na gestão de stocks"),
        ("de", "os armazéns", "pt", "dos armazéns"),
        ("sobre", "los turnos rotativos", "es", "sobre los turnos rotativos"),
        ("on", "the loading dock", "en", "on the loading dock"),
    ],
)
def test_a_preposition_fuses_with_the_article_that_follows(preposition, phrase, language, expected):
    assert after(preposition, phrase, language) == expected
