"""Follow-ups and notes say what fits the sender: the offer recalled in a whole clause, a topic talked
about only when it relates to the offer, and a recruiter's note about the role (leads of our own)."""

from __future__ import annotations

import re

import pytest

from composer import DraftChannel, Lead, Persona, Sender, Settings, TemplateStore, compose

STORE = TemplateStore()


def _draft(lead: Lead, sender: Sender, **options: object):
    return compose(lead, sender, Settings(**options), store=STORE)[0]


# language, an offer whose first comma cuts a clause off its object, the whole clause a recall may keep
OFFERS = [
    (
        "en",
        "Tally watches your suppliers' lead times and flags the ones, that slip, weeks ahead.",
        "lead times",
    ),
    (
        "de",
        "Supplylens beobachtet die Lieferzeiten Ihrer Zulieferer und meldet die, die sich verschlechtern.",
        "Lieferzeiten Ihrer Zulieferer",
    ),
    (
        "fr",
        "Tally suit les délais de vos fournisseurs et signale les, qui dérapent, des semaines avant.",
        "délais de vos fournisseurs",
    ),
]


@pytest.mark.parametrize(("language", "offer", "kept"), OFFERS)
def test_a_follow_up_recalls_the_offer_in_a_whole_clause_never_ending_on_a_function_word(
    language, offer, kept
):
    sender = Sender(name="Hannah Price", company="Supplylens", language=language, offer=offer)
    lead = Lead(first_name="Kim", language=language, company="Brightline", title="Buyer")
    body = _draft(lead, sender, channel=DraftChannel.FOLLOW_UP).body
    assert kept in body, body
    assert not re.search(r"\b(?:die|the|les|and|und|et)\.", body), body


def test_the_leads_topic_is_proposed_for_a_call_only_when_it_relates_to_the_offer():
    sender = Sender(name="Hannah Price", company="Supplylens", offer="Supplylens tracks supplier lead times.")
    unrelated = Lead(first_name="Kim", company="Brightline", recent_post="We cut our kickoff calls in half.")
    related = Lead(
        first_name="Kim", company="Brightline", recent_post="Supplier lead times doubled this year."
    )
    assert "to talk about" not in _draft(unrelated, sender, channel=DraftChannel.FOLLOW_UP).body
    assert "lead times" in _draft(related, sender, channel=DraftChannel.FOLLOW_UP).body


def test_a_job_seekers_follow_up_asks_about_the_team_not_the_roles_they_hire_for():
    sender = Sender(name="Ines Duarte", offer="I'm a backend engineer with five years in payments.")
    lead = Lead(first_name="Kim", company="Kestrel", recent_post="We're hiring two backend engineers.")
    body = _draft(lead, sender, persona=Persona.JOB_SEEKER, channel=DraftChannel.FOLLOW_UP).body
    assert "talk about backend engineers" not in body, body


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "pt", "it"])
def test_a_recruiters_note_ties_a_related_fact_to_the_role_not_to_their_own_work(language):
    offer = {
        "en": "We're hiring a data engineer to run our Airflow pipelines.",
        "fr": "Nous recrutons un ingénieur data pour nos pipelines Airflow.",
        "de": "Wir suchen einen Data Engineer für unsere Airflow-Pipelines.",
        "es": "Buscamos un ingeniero de datos para nuestros pipelines de Airflow.",
        "pt": "Procuramos um engenheiro de dados para os nossos pipelines Airflow.",
        "it": "Cerchiamo un data engineer per i nostri pipeline Airflow.",
    }[language]
    sender = Sender(name="Ana Lee", company="Flowco", language=language, offer=offer)
    lead = Lead(first_name="Kim", language=language, company="Brightline", skills=["Airflow"])
    note = _draft(lead, sender, persona=Persona.RECRUITER, channel=DraftChannel.CONNECTION_NOTE)
    assert all(check.ok for check in note.checks), [c.message for c in note.checks if not c.ok]
    for own_work in (
        "close to what I work on",
        "mon sujet",
        "mein Thema",
        "mi tema",
        "meu tema",
        "il mio tema",
    ):
        assert own_work not in note.body, note.body


@pytest.mark.parametrize("company", ["FUE:0", "FUE\r0", "Fue\t2"])
def test_a_company_name_holding_a_spanish_word_does_not_make_an_english_draft_foreign(company):
    """The language check leaves out the lead's names as the draft shows them, longest first: "0" as a
    first name must not leave "FUE" ("was" in Spanish) of the company behind."""
    sender = Sender(
        name="Sam Rivera", company="Tally Forecast", offer="Tally Forecast predicts parcel volumes."
    )
    draft = _draft(Lead(first_name="0", company=company), sender)
    language = next(c for c in draft.checks if c.name == "language")
    assert language.ok, language.message


HIRING_POSTS = {
    "en": "We're hiring! Looking for a demand forecasting analyst to join our planning team.",
    "fr": "Nous recrutons un analyste prévisionniste pour rejoindre notre équipe planification.",
    "de": "Wir stellen ein: Wir suchen einen Analysten für Bedarfsprognosen in unserem Planungsteam.",
    "es": "¡Estamos contratando! Buscamos un analista de previsión de demanda para nuestro equipo.",
    "pt": "Estamos a contratar um analista de previsão de procura para a nossa equipa de planeamento.",
    "it": "Stiamo assumendo un analista delle previsioni di domanda per il nostro team di pianificazione.",
}


@pytest.mark.parametrize("language", list(HIRING_POSTS))
@pytest.mark.parametrize(
    ("persona", "channel"),
    [
        (Persona.SALESPERSON, DraftChannel.INMAIL),
        (Persona.FOUNDER, DraftChannel.INMAIL),
        (Persona.RECRUITER, DraftChannel.FOLLOW_UP),
        (Persona.SALESPERSON, DraftChannel.FOLLOW_UP),
    ],
)
def test_the_role_a_hiring_post_hires_for_is_never_what_the_ask_or_the_tease_is_about(
    language, persona, channel
):
    """A hiring post's topic is a role: "your post about hiring for X" reads, "a note on X", "how you
    handle X today" or "your work on X" do not."""
    sender = Sender(
        name="Owen Clarke",
        company="Shiftboard",
        language=language,
        offer="Shiftboard plans warehouse shifts.",
    )
    lead = Lead(first_name="Li", language=language, company="Harbor", recent_post=HIRING_POSTS[language])
    draft = _draft(lead, sender, persona=persona, channel=channel)
    asking = next(p for p in draft.body.split("\n\n")[1:] if "?" in p)  # the ask, and the tease after it
    assert "analys" not in asking.lower(), draft.body
