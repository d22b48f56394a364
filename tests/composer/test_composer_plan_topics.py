"""The message plan on leads of our own: foreign facts are never slotted, weak topics stay out of the
draft, and the plan says honestly whether the hook relates to the offer (for the phrases and the LLM)."""

from __future__ import annotations

import re

import pytest

from composer import Lead, Persona, Sender, Settings, TemplateStore, compose
from composer.plan import Source, build_plan
from composer.topics import TopicQuality

SHIFTS = Sender(
    name="Mia Lane",
    title="Account Executive",
    company="Rotaplan",
    language="en",
    offer="Rotaplan builds warehouse shift rotas from the order forecast.",
    problem="Supervisors lose hours every week rebuilding shift rotas by hand.",
)
CRATES = Sender(
    name="Jon Vik",
    title="Founder",
    company="Cratecycle",
    language="en",
    offer="Cratecycle rents reusable shipping crates, so retailers stop buying cardboard.",
    problem="Cardboard costs and packaging waste grow with every shipment.",
)
JOBS = Sender(
    name="Sam Roy",
    title="Planner",
    language="en",
    offer="I am a planner with five years of demand forecasting in retail.",
)
GERMAN_POST = Lead(
    first_name="Jonas",
    last_name="Keller",
    language="de",
    company="Paketwerk",
    recent_post="Unsere Teamleiter planen die Rotas jede Woche neu, weil die Auftragsmengen schwanken.",
)
SPANISH_ABOUT = Lead(
    first_name="Lucía",
    language="es",
    company="Almacenes Norte",
    about="Dirijo un equipo de 80 personas con turnos rotativos en dos almacenes.",
)
ENGLISH_POST = Lead(
    first_name="Ruth",
    company="Fresh Lane",
    recent_post="Our supervisors rebuild the shift rotas every Monday because order volumes swing so much.",
)
HIRING = Lead(
    first_name="Omar",
    company="Dockside",
    recent_post="We're hiring! Looking for a demand forecasting analyst for our Leeds team.",
)


@pytest.mark.parametrize(("lead", "language"), [(GERMAN_POST, "de"), (SPANISH_ABOUT, "es")])
def test_a_fact_in_another_language_than_the_draft_is_marked_and_never_slotted(lead, language):
    plan = build_plan(lead, SHIFTS, Settings())
    assert plan.language == "en"  # the sender has only English texts
    fact = next(f for f in plan.facts if f.language == language and f.source is not Source.ROLE)
    assert fact.foreign
    assert fact.quality is TopicQuality.FOREIGN
    assert fact.topic == fact.topic_det == fact.shared == ""
    assert fact.placeholders()["foreign"] == "yes"
    body = compose(lead, SHIFTS, Settings(), store=TemplateStore())[0].body
    unquoted = re.sub(r'"[^"]*"|“[^”]*”|«[^»]*»', "", body)  # shown at most inside quotation marks
    for word in ("Auftragsmengen", "schwanken", "turnos", "rotativos"):
        assert word not in unquoted


def test_a_relevant_foreign_fact_is_the_hook_and_the_guidance_says_its_language():
    plan = build_plan(GERMAN_POST, SHIFTS, Settings())
    assert plan.hook.foreign
    assert plan.hook.relevance > 0
    assert "written in German" in plan.guidance()
    assert plan.hook.quote in plan.prompt_plan()["hook"]


def test_with_nothing_relevant_a_fact_the_draft_can_word_goes_before_a_foreign_one():
    plan = build_plan(SPANISH_ABOUT, SHIFTS, Settings())
    assert not plan.hook.foreign
    assert plan.hook.source is Source.ROLE
    note = compose(SPANISH_ABOUT, SHIFTS, Settings(channel="connection_note"), store=TemplateStore())[0]
    assert all(check.ok for check in note.checks if check.name == "lead_fact"), note.body


def test_a_good_topic_in_the_draft_language_comes_with_its_determiner():
    plan = build_plan(ENGLISH_POST, SHIFTS, Settings())
    assert plan.hook.source is Source.POST_LESSON
    assert plan.hook.quality is TopicQuality.GOOD
    assert plan.hook.topic == "shift rotas"
    assert plan.hook.topic_det == "the shift rotas"
    assert plan.hook.shared == "shift rotas"
    assert plan.hook.placeholders() == {
        "topic": "shift rotas",
        "topic_cap": "Shift rotas",
        "topic_det": "the shift rotas",
        "topic_good": "yes",
        "quote": plan.hook.quote,
        "foreign": "",
    }
    assert plan.hook.quote
    assert len(plan.hook.quote.split()) <= 6


def test_a_weak_german_topic_is_left_out_of_a_german_draft():
    sender = SHIFTS.model_copy(
        update={
            "offers": {"de": "Rotaplan plant Lagerschichten aus der Auftragsprognose."},
            "problems": {"de": "Teamleiter verlieren jede Woche Stunden mit Dienstplänen."},
        }
    )
    lead = GERMAN_POST.model_copy(update={"recent_post": "Unsere Teamleiter planen jede Woche neu."})
    plan = build_plan(lead, sender, Settings())
    assert plan.language == "de"
    assert not plan.hook.foreign
    assert plan.hook.quality in (TopicQuality.WEAK, TopicQuality.NONE)
    assert plan.hook.topic == ""
    d = compose(lead, sender, Settings(), store=TemplateStore())[0]
    assert "„Teamleiter“" not in d.body
    assert "„Teamleiter“" not in (d.subject or "")


def test_the_plan_says_when_the_hook_does_not_relate_to_the_offer():
    plan = build_plan(ENGLISH_POST, CRATES, Settings(persona=Persona.FOUNDER))
    assert plan.hook.text
    assert plan.hook.matches == 0
    assert not plan.related
    assert plan.placeholders() == {
        "related": "",
        "open_to_work": "",
        "post_result": "",
        "unrelated": "yes",
        "offer_topic": "",
        "offer_topic_det": "",
    }
    assert plan.relation.startswith("Not related to the offer")
    assert "do not claim a link to the offer" in plan.guidance()
    assert plan.prompt_plan()["why"] == ""  # the LLM prompt says "it matters because ..." only when it does
    assert plan.prompt_plan()["hook"] == "their post lesson (the shift rotas)"


def test_the_plan_says_how_a_related_hook_relates():
    plan = build_plan(ENGLISH_POST, SHIFTS, Settings())
    assert plan.related
    assert plan.placeholders()["related"] == "yes"
    assert "shift rotas" in plan.why
    assert plan.relation.startswith("Related to the offer")
    assert plan.relation in plan.guidance()
    assert plan.prompt_plan()["why"] == plan.why
    # what the sender works on that the hook touches, in the sender's own words
    assert plan.placeholders()["offer_topic_det"] == "warehouse shift rotas"


def test_the_offer_topic_keeps_the_senders_own_our():
    sender = Sender(
        name="Lia",
        company="Farmalink",
        language="it",
        offer="Cerchiamo chi guidi la nostra distribuzione farmaceutica in cinque paesi.",
    )
    about = "Gestisco la distribuzione farmaceutica in Lombardia."
    lead = Lead(first_name="Gino", language="it", about=about)
    plan = build_plan(lead, sender, Settings(persona=Persona.RECRUITER))
    assert plan.hook.topic_det == "la distribuzione farmaceutica"
    assert plan.offer_topic.det == "la nostra distribuzione farmaceutica"
    fields = plan.hook.placeholders()
    assert fields["topic_su"] == "sulla distribuzione farmaceutica"
    assert fields["topic_a"] == "alla distribuzione farmaceutica"
    assert fields["topic_di"] == "della distribuzione farmaceutica"


def test_a_job_seeker_writing_to_someone_hiring_is_related_by_the_persona_rule():
    plan = build_plan(HIRING, JOBS, Settings(persona=Persona.JOB_SEEKER))
    assert plan.hook.source is Source.POST_HIRING
    assert plan.related
    assert plan.hook.topic_det == "a demand forecasting analyst"


def test_no_fact_is_not_related_and_says_so():
    plan = build_plan(Lead(first_name="Kim"), CRATES, Settings())
    assert not plan.hook.text
    assert not plan.related
    assert "no fact" in plan.why


RECRUITER = Sender(
    name="Priya Nair",
    company="Loomdata",
    offer="We're hiring a senior analytics engineer to own our dbt models, fully remote.",
    offers={"de": "Wir suchen einen Senior Analytics Engineer für unsere dbt-Modelle, komplett remote."},
)


@pytest.mark.parametrize(
    ("headline", "language", "expected"),
    [
        ("Analytics Engineer | dbt | Open to new opportunities", "en", "Open to new opportunities"),
        (
            "Analytics Engineer | dbt | Offen für neue Herausforderungen",
            "de",
            "Offen für neue Herausforderungen",
        ),
    ],
)
def test_a_recruiter_hooks_on_an_open_to_headline_over_shared_skills(headline, language, expected):
    lead = Lead(first_name="Sam", language=language, headline=headline, company="Brightline")
    plan = build_plan(lead, RECRUITER, Settings(persona=Persona.RECRUITER))
    assert plan.hook.source is Source.OPEN_TO
    assert plan.related
    assert "open to a new role" in plan.guidance()
    body = compose(lead, RECRUITER, Settings(persona=Persona.RECRUITER), store=TemplateStore())[0].body
    assert expected in body  # their own words, quoted whole


def test_open_to_talks_on_a_topic_is_not_open_to_a_role():
    headline = "Analytics Engineer | Open to talks about dbt testing"
    lead = Lead(first_name="Sam", headline=headline, company="Brightline")
    plan = build_plan(lead, RECRUITER, Settings(persona=Persona.RECRUITER))
    assert not any(fact.open_to_work for fact in plan.facts)
    body = compose(lead, RECRUITER, Settings(persona=Persona.RECRUITER), store=TemplateStore())[0].body
    assert "could be your next one" not in body
