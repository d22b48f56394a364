"""A topic is a noun phrase that reads inside "your post on {topic}", or nothing: never a verb, an
infinitive or a gerund; quotes are whole short clauses, never a fragment that needs its sentence; and
relevance matches plural and singular, and German compounds, by stems (sentences of our own)."""

from __future__ import annotations

import pytest

from composer import Lead, Sender, Settings, phrases
from composer.plan import build_plan
from composer.relevance import stems
from composer.topics import quote_of, topic_of


def topic(text: str, language: str):
    table = phrases.load(language)
    assert table is not None
    return topic_of(text, language=language, draft_language=language, wanted=set(), stop=table.words("stop"))


# language, sentence, the topic ("" when the sentence has no noun phrase worth slotting)
TOPICS = [
    ("en", "Our signups doubled after we simplified the checkout flow.", "checkout flow"),
    ("en", "Our organic reach doubled in a year.", "organic reach"),
    ("en", "Spent three hours fixing broken supplier lead times again.", "broken supplier lead times"),
    ("en", "Every payroll cycle takes us two days reconciling timesheets by hand.", "payroll cycle"),
    ("en", "Four weeks of chasing purchase orders, every single quarter.", "purchase orders"),
    (
        "fr",
        "Nous passons des heures pour rassembler les bons de livraison dispersés.",
        "bons de livraison dispersés",
    ),
    ("fr", "Le suivi des délais fournisseurs reste un casse-tête.", "suivi des délais fournisseurs"),
    ("fr", "Il faut une semaine pour réconcilier factures et commandes.", ""),
    ("de", "Die Lieferzeiten unserer Zulieferer schwanken stark.", "Lieferzeiten"),
    ("de", "Wir brauchen jede Woche Stunden, um Lieferscheine zusammenzusuchen.", ""),
    ("es", "Perdemos horas para conciliar facturas de proveedores cada mes.", ""),
    ("es", "Los plazos de entrega de los proveedores nos vuelven locos.", "plazos de entrega"),
    ("pt", "Perdemos horas para reconciliar faturas de fornecedores todos os meses.", ""),
    ("pt", "Cada fecho custa-nos uma semana a juntar recibos espalhados.", ""),
    ("pt", "Os prazos de entrega dos fornecedores são imprevisíveis.", "prazos de entrega dos fornecedores"),
    ("it", "Serve tempo per raccogliere documenti sparsi tra email e cartelle.", ""),
    ("it", "I tempi di consegna dei fornitori sono imprevedibili.", "tempi di consegna dei fornitori"),
    ("it", "Perdiamo ore per riconciliare le fatture dei fornitori ogni mese.", "fatture dei fornitori"),
]


@pytest.mark.parametrize(("language", "text", "expected"), TOPICS)
def test_a_topic_is_a_noun_phrase_or_nothing(language, text, expected):
    found = topic(text, language)
    assert found.bare == expected
    assert found.good is bool(expected)


# Verbs a topic must never hold: infinitives after a preposition, gerunds after a time, participles
# that end the phrase, and the result and cost verbs of a post.
@pytest.mark.parametrize(
    ("language", "text", "verb"),
    [
        ("en", "We lose a week gathering invoices scattered across inboxes.", "gathering"),
        ("en", "Our weekly active users tripled after the redesign.", "tripled"),
        ("en", "Quarterly planning takes us ten days.", "takes"),
        ("fr", "Il nous faut deux jours pour rassembler les justificatifs.", "rassembler"),
        ("es", "Tardamos una semana para reunir los justificantes de gasto.", "reunir"),
        ("pt", "Leva uma semana para reunir os comprovativos de despesa.", "reunir"),
        ("pt", "O nosso volume de encomendas duplicou este ano.", "duplicou"),
        ("it", "Ci vuole una settimana per raccogliere le note spese.", "raccogliere"),
        ("it", "La gestione dei resi costa due giorni a settimana.", "costa"),
    ],
)
def test_a_topic_never_holds_a_verb(language, text, verb):
    found = topic(text, language)
    assert verb not in found.bare.split()
    assert verb not in found.det.split()


@pytest.mark.parametrize(
    ("language", "post", "fragment"),
    [
        ("en", "Our signups doubled after we simplified the checkout flow.", "Our signups"),
        (
            "es",
            "Nuestro volumen de pedidos se duplicó este año sin más personal.",
            "Nuestro volumen de pedidos",
        ),
        ("pt", "O nosso volume de encomendas duplicou este ano sem mais pessoas.", "O nosso volume"),
        ("it", "Il nostro fatturato estero è raddoppiato in diciotto mesi.", "Il nostro fatturato"),
        ("de", "Wir brauchen jede Woche Stunden, um Lieferscheine zusammenzusuchen.", "um Lieferscheine"),
        (
            "es",
            "Cada cierre nos cuesta dos semanas. Tiene que haber una manera mejor.",
            "haber una manera mejor",
        ),
        ("de", "Wir haben unser drittes Lager in Kassel eröffnet und sind jetzt 90 Leute.", "sind jetzt"),
        ("en", "We opened a depot in Hull last month and are now 70 people.", "are now"),
        ("it", "Quest'anno abbiamo raddoppiato le vendite all'estero senza nuovi agenti.", "le vendite"),
        ("de", "Wir haben unser drittes Lager in Kassel eröffnet. Danke an alle Fahrer!", "Danke an alle"),
        ("es", "Perdemos horas persiguiendo albaranes de proveedores por correo.", "persiguiendo"),
        ("pt", "Passamos horas perseguindo faturas de fornecedores por e-mail.", "perseguindo"),
    ],
)
def test_a_quote_is_never_a_fragment_that_needs_its_sentence(language, post, fragment):
    found = topic(post, language)
    assert not found.quote.startswith(fragment), found.quote
    assert len(found.quote.split()) <= 6


# Relevance by stems: plural and singular, and German compounds, match; nothing else is needed.
@pytest.mark.parametrize(
    ("language", "offer", "fact"),
    [
        ("en", "We forecast supplier delivery delays.", "Our supplier delay is the worst part of the month."),
        (
            "fr",
            "Nous suivons les délais de chaque fournisseur.",
            "Nos fournisseurs ne tiennent jamais leurs délais.",
        ),
        ("de", "Wir machen Lieferzeiten planbar.", "Unsere Lieferzeit schwankt jede Woche um Tage."),
        ("de", "Wir machen jede Lieferzeit planbar.", "Die Lieferzeitenprognose stimmt selten."),
        ("de", "Software für die Lagerverwaltung.", "Ich leite die Verwaltung von drei Standorten."),
        (
            "es",
            "Ayudamos a negociar con cada proveedor.",
            "Nuestros proveedores cambian los precios cada mes.",
        ),
        (
            "pt",
            "Ajudamos a negociar com cada fornecedor.",
            "Os nossos fornecedores mudam os preços todos os meses.",
        ),
        ("it", "Aiutiamo a negoziare con ogni fornitore.", "I nostri fornitori cambiano i prezzi ogni mese."),
    ],
)
def test_plural_singular_and_compound_forms_share_a_stem(language, offer, fact):
    sender = Sender(name="Ana Lee", company="Lieferfix", language=language, offer=offer)
    lead = Lead(first_name="Kim", language=language, about=fact)
    plan = build_plan(lead, sender, Settings())
    about = next(f for f in plan.facts if f.text.startswith(fact[:12]))
    assert about.matches >= 1
    assert plan.related


def test_unrelated_words_do_not_match_by_accident():
    sender = Sender(
        name="Ana Lee", company="Lieferfix", language="de", offer="Wir machen Lieferzeiten planbar."
    )
    lead = Lead(first_name="Kim", language="de", about="Ich liebe lange Spaziergänge am Rhein.")
    plan = build_plan(lead, sender, Settings())
    assert plan.hook.matches == 0
    assert not plan.related


@pytest.mark.parametrize(
    ("language", "text", "quote"),
    [
        ("en", "It took us nine long years of work and we are now 70 people.", "we are now 70 people"),
        ("en", "It took us nine long years of work and are now 70 people.", ""),
        ("de", "Es hat neun lange Jahre gedauert und wir sind jetzt 70 Leute.", "wir sind jetzt 70 Leute"),
        ("de", "Es hat neun lange Jahre gedauert und sind jetzt 70 Leute.", ""),
    ],
)
def test_a_clause_after_and_is_quoted_only_with_its_own_subject(language, text, quote):
    assert quote_of(text, language, set()) == quote


def test_the_senders_company_name_is_not_an_offer_word():
    sender = Sender(
        name="Ana Lee", company="Route Planner", language="en", offer="Route Planner cuts fuel bills."
    )
    lead = Lead(first_name="Kim", title="Senior planner", about="I run the planner team for our two depots.")
    plan = build_plan(lead, sender, Settings())
    assert all(fact.matches == 0 for fact in plan.facts)
    assert not plan.related


# A product the offer names is a topic on its own, even as one word; the same word unwanted is not.
@pytest.mark.parametrize(
    ("language", "text", "wanted_text", "expected"),
    [
        (
            "en",
            "Moved 120 reports from spreadsheets to Looker last spring.",
            "We build Looker dashboards.",
            "Looker",
        ),
        ("fr", "J'ai migré 40 flux de cron vers Airflow.", "Nous cherchons une experte Airflow.", "Airflow"),
        ("es", "Migré 40 flujos de cron a Airflow.", "Buscamos a una experta en Airflow.", "Airflow"),
        ("de", "Wir haben 40 Abläufe nach HubSpot migriert.", "Wir betreuen HubSpot-Portale.", "HubSpot"),
    ],
)
def test_a_product_named_by_the_offer_is_the_topic(language, text, wanted_text, expected):
    table = phrases.load(language)
    assert table is not None
    stop = table.words("stop")
    wanted = stems(wanted_text, language, stop)
    found = topic_of(text, language=language, draft_language=language, wanted=wanted, stop=stop)
    assert (found.bare, found.good) == (expected, True)
    assert topic(text, language).bare != expected  # without the offer, one capitalised word is no topic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open to talks about packaging waste", "packaging waste"),
        ("Food waste is our biggest cost.", "food waste"),
        ("We waste a week on invoices every month.", ""),  # the verb still ends a phrase
    ],
)
def test_a_noun_that_is_also_a_verb_ends_a_compound(text, expected):
    assert topic(text, "en").bare == expected
