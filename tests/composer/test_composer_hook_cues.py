"""What a post is (news, a result, a problem, hiring, a lesson) and which lines call the reader to act,
from each phrase file's `[words]` cue patterns, on posts of our own in the six languages."""

from __future__ import annotations

import pytest

from composer import Lead, Sender, Settings, TemplateStore, compose, languages, phrases
from composer.cues import cues, without
from composer.phrases import Phrases
from composer.plan import build_plan
from composer.post_kinds import PostKind, classify_post, reports_result
from composer.text import split_sentences


def table(language: str) -> Phrases:
    found = phrases.load(language)
    assert found is not None
    return found


NEWS = [
    ("en", "We have opened a second studio in Porto, and the team is now 45 people."),
    ("en", "Excited to welcome Dana Ruiz as our new Head of Finance!"),
    ("en", "Ten years ago today we shipped our first order from a garage."),
    ("fr", "Nous avons ouvert notre atelier de Nantes la semaine dernière."),
    ("fr", "Nous venons d'inaugurer notre deuxième entrepôt, près de Rennes."),
    ("fr", "Cette semaine, nous accueillons trois nouvelles ingénieures dans l'équipe."),
    ("de", "Wir haben letzte Woche unser zweites Lager in Leipzig eröffnet."),
    ("de", "Heute feiern wir zehn Jahre Kornfeld Logistik – danke an alle!"),
    ("es", "Hemos inaugurado nuestra planta de Zaragoza y ya somos 120 personas."),
    ("es", "Acabamos de abrir oficina en Sevilla: bienvenidos, andaluces."),
    ("pt", "Abrimos a nossa segunda loja no Porto este mês."),
    ("pt", "Celebramos hoje cinco anos de Ferrovia Verde."),
    ("it", "Abbiamo aperto la nostra sede di Bologna e ora siamo 60 persone."),
    ("it", "Diamo il benvenuto a Chiara, la nostra nuova responsabile acquisti."),
]
RESULTS = [
    ("en", "Our demo requests tripled in six months after we rewrote the pricing page."),
    ("en", "We cut invoice processing time by 60% this year."),
    ("en", "Our churn halved since we moved support in-house."),
    ("fr", "Notre trafic organique a doublé en un an, sans budget en plus."),
    ("fr", "Nous avons réduit le temps de préparation des commandes de 30 %."),
    ("de", "Unser organischer Traffic hat sich in einem Jahr verdoppelt."),
    ("de", "Wir haben die Durchlaufzeit um 35 % reduziert."),
    ("es", "Nuestro tráfico orgánico se duplicó en un año sin más presupuesto."),
    ("es", "Hemos reducido el tiempo de incorporación en un 40 %."),
    ("pt", "O nosso tráfego orgânico duplicou num ano sem mais orçamento."),
    ("pt", "Reduzimos o tempo de integração em 40% este trimestre."),
    ("it", "Il nostro traffico organico è raddoppiato in un anno."),
    ("it", "Abbiamo ridotto i tempi di consegna del 25% in sei mesi."),
]
PROBLEMS = [
    ("en", "Each quarter-end close takes us three weeks of copying numbers between spreadsheets."),
    ("en", "We waste a full day every week chasing signatures on paper contracts."),
    ("en", "Our customer returns doubled this year and nobody can tell us why."),
    ("en", "Supplier invoices still arrive as PDFs. There has to be a better way."),
    ("fr", "Chaque clôture nous coûte deux semaines à rapprocher des fichiers Excel à la main."),
    ("fr", "Nos plannings sont encore faits sur Excel. Il doit y avoir mieux."),
    ("de", "Jede Inventur kostet uns zwei Wochen, weil alles noch von Hand läuft."),
    ("de", "Unsere Retouren haben sich verdoppelt, und niemand weiß warum."),
    ("es", "Cada cierre mensual nos cuesta dos semanas cuadrando hojas de cálculo."),
    ("es", "Seguimos gestionando los turnos a mano. Tiene que haber una forma mejor."),
    ("pt", "Cada auditoria custa-nos duas semanas a juntar documentos espalhados."),
    ("pt", "Ainda fazemos as escalas manualmente, em Excel."),
    ("it", "Ogni chiusura mensile ci costa una settimana di fogli Excel compilati a mano."),
    ("it", "Deve esserci un modo migliore di gestire i resi dei clienti."),
]
OTHERS = [
    ("en", "We're hiring a payments engineer in Dublin.", PostKind.HIRING),
    ("de", "Wir suchen Verstärkung für unser Team in Graz.", PostKind.HIRING),
    ("en", "The best sales call I ever had was the one where I said almost nothing.", PostKind.LESSON),
    ("fr", "Un bon manager écoute plus qu'il ne parle.", PostKind.LESSON),
    ("de", "Ehrlich gesagt: Gute Führung ist vor allem Zuhören.", PostKind.LESSON),
    ("es", "La mejor reunión es la que se cancela a tiempo.", PostKind.LESSON),
    ("pt", "Liderar é sobretudo saber ouvir.", PostKind.LESSON),
    ("it", "Il miglior feedback è quello che arriva presto.", PostKind.LESSON),
]


@pytest.mark.parametrize(("language", "post"), NEWS)
def test_news_in_its_common_phrasings_is_news(language, post):
    assert classify_post(post, table(language)) is PostKind.NEWS


@pytest.mark.parametrize(("language", "post"), RESULTS)
def test_a_result_is_good_news_never_a_problem(language, post):
    assert classify_post(post, table(language)) is PostKind.NEWS
    assert reports_result(post, table(language))


@pytest.mark.parametrize(("language", "post"), PROBLEMS)
def test_a_stated_problem_is_a_problem_even_with_a_number_that_grew(language, post):
    assert classify_post(post, table(language)) is PostKind.PROBLEM
    assert not reports_result(post, table(language))


@pytest.mark.parametrize(("language", "post", "kind"), OTHERS)
def test_hiring_and_lessons_keep_their_kind(language, post, kind):
    assert classify_post(post, table(language)) is kind


CALLS = [
    ("en", "We're hiring in Dublin. DM me if you want to build payments infrastructure.", "We're hiring"),
    ("en", "Three seats left for Thursday. Reach out if your team wants one.", "Three seats left"),
    ("fr", "Nous recrutons à Lyon. Écrivez-moi si vous voulez construire des paiements.", "Nous recrutons"),
    ("de", "Wir suchen Verstärkung. Schreiben Sie mir, wenn Sie Zahlungssysteme bauen wollen.", "Wir suchen"),
    ("es", "Buscamos ingenieras en Málaga. Escríbeme si quieres construir pagos.", "Buscamos"),
    ("pt", "Procuramos engenheiros em Braga. Fale comigo se quiser construir pagamentos.", "Procuramos"),
    ("it", "Cerchiamo ingegneri a Torino. Scrivimi se vuoi costruire pagamenti.", "Cerchiamo"),
]


@pytest.mark.parametrize(("language", "post", "kept"), CALLS)
def test_a_line_addressed_to_the_reader_is_dropped_before_topics_and_quotes(language, post, kept):
    rest = without(post, table(language))
    assert rest.startswith(kept)
    assert len(split_sentences(rest)) == 1
    sender = Sender(name="Ana Lee", company="Paylane", language=language, offer=post)
    lead = Lead(first_name="Kim", language=language, recent_post=post)
    plan = build_plan(lead, sender, Settings())
    call = post[len(rest) :].strip()
    for field in (plan.hook.topic, plan.hook.quote):
        assert not field or field.lower() not in call.lower(), (field, call)


def test_a_post_that_is_only_a_call_to_action_gives_no_topic_and_no_quote():
    post = "DM me if you want to build payments infrastructure with us."
    sender = Sender(name="Ana Lee", company="Paylane", offer="We build payments infrastructure for banks.")
    plan = build_plan(Lead(first_name="Kim", recent_post=post), sender, Settings())
    assert plan.hook.text == post
    assert (plan.hook.topic, plan.hook.quote) == ("", "")
    body = compose(Lead(first_name="Kim", recent_post=post), sender, Settings(), store=TemplateStore())[
        0
    ].body
    assert "to build payments infrastructure" not in body


def _cues(words: dict[str, str], kind: str):
    return cues(Phrases(language="xx", table={"words": words}, source=""), kind)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("inaugur*", "Hemos inaugurado la planta.", True),
        ("inaugur*", "Inaugural lecture notes.", True),
        ("inaugur*", "A reinauguration.", False),  # whole words: the stem starts a word
        ("takes us # weeks", "It takes us 3 weeks.", True),
        ("takes us # weeks", "It takes us two weeks.", True),
        ("takes us # weeks", "It takes us many weeks.", False),
        ("cut ... by #", "We cut the time it takes to onboard by 40%.", True),
        ("cut ... by #", "We cut a lot of corners by hand.", False),
        ("wir haben ... eröffnet", "Wir haben in Köln ein Lager eröffnet.", True),
        ("wir haben ... eröffnet", "Wir haben nichts.", False),
        ("n'hésitez pas", "N’hésitez pas à me contacter.", True),
    ],
)
def test_cue_patterns_match_stems_numbers_and_gaps(pattern, text, matches):
    found = _cues({"k": pattern, "numbers": "one two three"}, "k")
    assert found.any(text) is matches


def test_a_gap_spans_at_most_eight_words_of_one_sentence():
    found = _cues({"k": "cut ... by #"}, "k")
    assert found.any("cut one two three four five six seven eight by 9")
    assert not found.any("cut one two three four five six seven eight nine by 9")
    assert not found.any("We cut corners. Sales grew by 9")


def test_an_empty_or_missing_list_matches_nothing():
    assert not _cues({}, "news").any("We just opened our new office.")
    assert not _cues({"news": " , ... ,"}, "news").any("anything at all")


@pytest.mark.parametrize("language", languages.SUPPORTED)
def test_every_language_has_every_cue_list(language):
    words = table(language).table["words"]
    for kind in ("hiring", "news", "result_up", "result_down", "problem", "cta", "numbers"):
        assert str(words.get(kind, "")).strip(), f"{language}.toml [words] has no {kind}"


CONGRATULATIONS = {
    "en": ("Congratulations", "Congrats"),
    "fr": ("Félicitations", "Bravo"),
    "de": ("Glückwunsch", "Gratulation"),
    "es": ("Enhorabuena", "Felicidades", "Felicitaciones"),
    "pt": ("Parabéns",),
    "it": ("Complimenti", "Congratulazioni"),
}
STOCK = {
    "en": ("We help retail teams plan stock.", "Stock plans live in spreadsheets."),
    "fr": ("Nous aidons les équipes à planifier le stock.", "Les plans de stock vivent dans des tableurs."),
    "de": ("Wir helfen Teams, Bestände zu planen.", "Bestandspläne stecken in Tabellen."),
    "es": ("Ayudamos a los equipos a planificar el stock.", "Los planes de stock viven en hojas de cálculo."),
    "pt": ("Ajudamos as equipas a planear o stock.", "Os planos de stock vivem em folhas de cálculo."),
    "it": ("Aiutiamo i team a pianificare le scorte.", "I piani delle scorte vivono nei fogli di calcolo."),
}


@pytest.mark.parametrize("strategy", ["rabt", "aida", "pas"])
@pytest.mark.parametrize(("language", "post"), RESULTS)
def test_a_result_post_is_congratulated_first_in_every_strategy(language, post, strategy):
    offer, problem = STOCK[language]
    sender = Sender(name="Ana Lee", company="Stockwise", language=language, offer=offer, problem=problem)
    lead = Lead(first_name="Kim", language=language, company="Crumb", recent_post=post)
    plan = build_plan(lead, sender, Settings(strategy=strategy))
    assert plan.post_result
    assert plan.placeholders()["post_result"] == "yes"
    assert "reports a result" in plan.guidance()
    body = compose(lead, sender, Settings(strategy=strategy), store=TemplateStore())[0].body
    hook_paragraph = body.split("\n\n")[1]
    assert any(word.lower() in hook_paragraph.lower() for word in CONGRATULATIONS[language]), hook_paragraph
