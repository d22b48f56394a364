"""Which fact the plan hooks on, on leads of our own in the six languages: a strong post beats a job
title that merely shares a word with the offer, news beats an unrelated "open to" headline, a
recruiter hooks on quantified experience that the role needs and still knows the lead is open to work,
and the plan says when nothing relates."""

from __future__ import annotations

import pytest

from composer import DraftChannel, Lead, Persona, Sender, Settings, TemplateStore, compose
from composer.models import Experience
from composer.plan import PostKind, Source, build_plan

# language, the sender's offer, the lead's job title that shares a word with it, an unrelated news post,
# an unrelated stated problem, an unrelated result
TITLE_ONLY = [
    (
        "en",
        "We train marketing teams to read their own data.",
        "Digital marketing manager",
        "We just opened our second bakery in Leeds!",
        "Our ovens break down every winter and nobody can tell us why.",
        "Our weekend orders doubled since we added a sourdough box.",
    ),
    (
        "fr",
        "Nous formons les équipes marketing à lire leurs propres données.",
        "Responsable marketing digital",
        "Nous venons d'ouvrir notre deuxième boulangerie à Lille !",
        "Nos fours tombent en panne chaque hiver. Il doit y avoir mieux.",
        "Nos commandes du week-end ont doublé depuis la box au levain.",
    ),
    (
        "de",
        "Wir schulen Marketingteams darin, ihre eigenen Daten zu lesen.",
        "Leiterin Digitales Marketing",
        "Wir haben unsere zweite Bäckerei in Köln eröffnet!",
        "Unsere Öfen fallen jeden Winter aus, und niemand weiß warum.",
        "Unsere Wochenendbestellungen haben sich seit der Sauerteig-Box verdoppelt.",
    ),
    (
        "es",
        "Formamos a equipos de marketing para leer sus propios datos.",
        "Responsable de marketing digital",
        "¡Hemos abierto nuestra segunda panadería en Bilbao!",
        "Nuestros hornos fallan cada invierno. Tiene que haber una forma mejor.",
        "Nuestros pedidos de fin de semana se duplicaron con la caja de masa madre.",
    ),
    (
        "pt",
        "Formamos equipas de marketing para ler os seus próprios dados.",
        "Gestora de marketing digital",
        "Abrimos a nossa segunda padaria em Braga!",
        "Os nossos fornos avariam todos os invernos e ninguém sabe porquê.",
        "As nossas encomendas de fim de semana duplicaram com a caixa de fermento.",
    ),
    (
        "it",
        "Formiamo i team marketing a leggere i propri dati.",
        "Responsabile marketing digitale",
        "Abbiamo aperto la nostra seconda panetteria a Parma!",
        "I nostri forni si guastano ogni inverno. Deve esserci un modo migliore.",
        "I nostri ordini del weekend sono raddoppiati con la box di lievito madre.",
    ),
]


@pytest.mark.parametrize(("language", "offer", "title", "news", "problem", "result"), TITLE_ONLY)
@pytest.mark.parametrize("persona", [Persona.SALESPERSON, Persona.FOUNDER, Persona.MARKETER])
def test_a_strong_post_beats_a_title_that_only_shares_a_word_with_the_offer(
    language, offer, title, news, problem, result, persona
):
    sender = Sender(name="Ana Lee", company="Datalit", language=language, offer=offer)
    for post, kind in ((news, PostKind.NEWS), (problem, PostKind.PROBLEM), (result, PostKind.NEWS)):
        lead = Lead(first_name="Kim", language=language, title=title, company="Crumb", recent_post=post)
        plan = build_plan(lead, sender, Settings(persona=persona))
        assert plan.post_kind is kind, post
        assert plan.hook.source is Source(f"post_{kind.value}"), (post, plan.facts[:2])
        role = next(f for f in plan.facts if f.source is Source.ROLE)
        assert role.matches  # the title does share a word: it still ranks below the post
        assert plan.post_result is (post == result)


@pytest.mark.parametrize(("language", "offer", "title", "news", "problem", "result"), TITLE_ONLY)
def test_without_a_post_the_title_that_shares_a_word_is_the_hook_and_related(
    language, offer, title, news, problem, result
):
    sender = Sender(name="Ana Lee", company="Datalit", language=language, offer=offer)
    plan = build_plan(
        Lead(first_name="Kim", language=language, title=title, company="Crumb"), sender, Settings()
    )
    assert plan.hook.source is Source.ROLE
    assert plan.related


OPEN_TALKS = [
    (
        "en",
        "Bakery owner | Open to conversations about sourdough",
        "We just opened our third bakery in York!",
    ),
    (
        "fr",
        "Boulangère | Ouverte à échanger sur le levain",
        "Nous avons ouvert notre troisième boulangerie à Metz !",
    ),
    (
        "de",
        "Bäckermeisterin | Offen für Gespräche über Sauerteig",
        "Wir haben unsere dritte Filiale in Ulm eröffnet!",
    ),
    ("es", "Panadera | Abierta a hablar de masa madre", "¡Hemos abierto nuestra tercera panadería en León!"),
    ("pt", "Padeira | Aberta a conversas sobre fermento", "Abrimos a nossa terceira padaria em Faro!"),
    (
        "it",
        "Panettiera | Aperta a parlare di lievito madre",
        "Abbiamo aperto la nostra terza panetteria a Lecce!",
    ),
]


@pytest.mark.parametrize(("language", "headline", "news"), OPEN_TALKS)
def test_news_beats_an_open_to_headline_unrelated_to_the_offer(language, headline, news):
    offer = TITLE_ONLY[[row[0] for row in TITLE_ONLY].index(language)][1]
    sender = Sender(name="Ana Lee", company="Datalit", language=language, offer=offer)
    lead = Lead(first_name="Kim", language=language, headline=headline, company="Crumb", recent_post=news)
    plan = build_plan(lead, sender, Settings())
    assert any(f.source is Source.OPEN_TO for f in plan.facts)
    assert plan.hook.source is Source.POST_NEWS
    assert not plan.related  # nothing on the profile touches the offer, and the plan says so
    assert plan.relation.startswith("Not related to the offer")


# language, the recruiter's offer, the lead's open-to-work headline, a quantified experience the role needs
RECRUITING = [
    (
        "en",
        "We're hiring a data engineer to run our Airflow pipelines.",
        "Data engineer | Open to new opportunities",
        "Moved 250 nightly jobs from cron to Airflow.",
    ),
    (
        "fr",
        "Nous recrutons un ingénieur data pour piloter nos pipelines Airflow.",
        "Ingénieur data | Ouvert à de nouvelles opportunités",
        "Migration de 250 pipelines de cron vers Airflow.",
    ),
    (
        "de",
        "Wir suchen einen Data Engineer für unsere Airflow-Pipelines.",
        "Data Engineer | Offen für neue Herausforderungen",
        "250 Pipelines von Cron nach Airflow migriert.",
    ),
    (
        "es",
        "Buscamos un ingeniero de datos para nuestros pipelines de Airflow.",
        "Ingeniero de datos | Abierto a nuevas oportunidades",
        "Migré 250 pipelines de cron a Airflow.",
    ),
    (
        "pt",
        "Procuramos um engenheiro de dados para os nossos pipelines Airflow.",
        "Engenheiro de dados | Aberto a novas oportunidades",
        "Migrei 250 pipelines de cron para Airflow.",
    ),
    (
        "it",
        "Cerchiamo un data engineer per i nostri pipeline Airflow.",
        "Data engineer | Aperto a nuove opportunità",
        "Ho migrato 250 pipeline da cron ad Airflow.",
    ),
]


def _candidate(language: str, headline: str, description: str | None) -> Lead:
    job = Experience(title="Data engineer", company="Brightline", description=description)
    return Lead(
        first_name="Kim", language=language, headline=headline, company="Brightline", experiences=[job]
    )


@pytest.mark.parametrize(("language", "offer", "headline", "description"), RECRUITING)
def test_a_recruiter_hooks_on_quantified_experience_the_role_needs_and_keeps_the_open_to_work_signal(
    language, offer, headline, description
):
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    settings = Settings(persona=Persona.RECRUITER)
    plan = build_plan(_candidate(language, headline, description), sender, settings)
    assert plan.hook.source is Source.EXPERIENCE, plan.facts[:3]
    assert plan.hook.text.startswith(description[:10])
    assert not plan.hook.open_to_work
    assert plan.open_to_work  # on the plan itself, whatever the hook
    assert plan.placeholders()["open_to_work"] == "yes"
    assert "open to a new role" in plan.guidance()
    assert plan.related


@pytest.mark.parametrize(("language", "offer", "headline", "description"), RECRUITING)
def test_without_such_experience_the_open_to_work_headline_stays_the_recruiters_hook(
    language, offer, headline, description
):
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    plan = build_plan(_candidate(language, headline, None), sender, Settings(persona=Persona.RECRUITER))
    assert plan.hook.source is Source.OPEN_TO
    assert plan.hook.open_to_work
    assert plan.open_to_work


@pytest.mark.parametrize(("language", "offer", "headline", "description"), RECRUITING)
def test_a_seller_sees_the_open_to_work_signal_but_does_not_hook_on_it(
    language, offer, headline, description
):
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    plan = build_plan(_candidate(language, headline, description), sender, Settings())
    assert plan.open_to_work
    assert plan.hook.source is not Source.OPEN_TO


def test_a_recruiter_draft_with_an_experience_hook_still_offers_the_role():
    language, offer, headline, description = RECRUITING[0]
    sender = Sender(name="Ana Lee", title="Talent partner", company="Flowco", language=language, offer=offer)
    settings = Settings(persona=Persona.RECRUITER)
    draft = compose(_candidate(language, headline, description), sender, settings, store=TemplateStore())[0]
    assert "Airflow" in draft.body
    assert all(check.ok for check in draft.checks), [c for c in draft.checks if not c.ok]


@pytest.mark.parametrize(("language", "offer", "headline", "description"), RECRUITING)
def test_a_recruiter_inmail_to_a_lead_open_to_a_new_role_uses_their_own_words_about_it(
    language, offer, headline, description
):
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    lead = _candidate(language, headline, description)
    draft = compose(lead, sender, Settings(persona=Persona.RECRUITER), store=TemplateStore())[0]
    open_part = headline.split("|")[-1].strip()
    assert open_part in draft.body, draft.body  # quoted whole, never restated as a claim of ours
    assert all(check.ok for check in draft.checks), [c for c in draft.checks if not c.ok]
    without = compose(
        lead.model_copy(update={"headline": "Data engineer"}),
        sender,
        Settings(persona=Persona.RECRUITER),
        store=TemplateStore(),
    )[0]
    assert open_part not in without.body  # never claimed without the signal


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        (
            "en",
            Lead(
                first_name="Kim", title="Head chef", company="Olive", recent_post="Lunch menus change Friday."
            ),
        ),
        (
            "de",
            Lead(first_name="Kim", language="de", title="Küchenchefin", about="Ich koche seit zwölf Jahren."),
        ),
        ("it", Lead(first_name="Kim", language="it", headline="Chef | Aperta a parlare di cucina di mare")),
    ],
)
def test_when_nothing_relates_the_plan_says_so(language, lead):
    offer = TITLE_ONLY[[row[0] for row in TITLE_ONLY].index(language)][1]
    sender = Sender(name="Ana Lee", company="Datalit", language=language, offer=offer)
    plan = build_plan(lead, sender, Settings())
    assert plan.hook.text
    assert not plan.related
    assert plan.placeholders()["unrelated"] == "yes"
    assert "do not claim a link to the offer" in plan.guidance()


def test_a_headline_is_the_leads_own_not_at_their_employer():
    language, offer, headline, description = RECRUITING[0]
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    lead = _candidate(language, headline, description)
    follow_up = compose(
        lead,
        sender,
        Settings(persona=Persona.RECRUITER, channel=DraftChannel.FOLLOW_UP),
        store=TemplateStore(),
    )[0]
    assert "new role at Brightline" not in follow_up.body
    assert all(check.ok for check in follow_up.checks), [c for c in follow_up.checks if not c.ok]
    # a headline with nothing to say still names where the lead works, the one fact a note then has
    bare = Lead(first_name="Kim", headline="COO", company="Brightline")
    note = compose(bare, sender, Settings(channel=DraftChannel.CONNECTION_NOTE), store=TemplateStore())[0]
    assert all(check.ok for check in note.checks), [c.message for c in note.checks if not c.ok]
