"""recheck: a changed draft goes through the same finishing steps and checks as a new one."""

from __future__ import annotations

import pytest

from composer import (
    SAMPLE_LEAD,
    SAMPLE_SENDER,
    DraftChannel,
    Engine,
    InputError,
    Settings,
    TemplateStore,
    compose,
    recheck,
)
from composer.channels import limits

STORE = TemplateStore()


def _draft(**options):
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(**options), store=STORE)
    return draft


def _check(draft, name):
    return next(check for check in draft.checks if check.name == name)


def test_an_unchanged_draft_comes_back_the_same():
    draft = _draft()
    again = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings())
    assert again == draft


def test_an_edited_body_gets_a_new_id_and_every_check_again():
    draft = _draft()
    body = draft.body.replace("Maria,", "Maria,\n\nAnna Schmidt at Globex told me about you.", 1)
    edited = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), body=body)
    assert edited.body == body
    assert edited.subject == draft.subject
    assert edited.id != draft.id
    assert [c.name for c in edited.checks] == [c.name for c in draft.checks]
    grounding = _check(edited, "grounding")
    assert not grounding.ok
    assert "Anna Schmidt" in grounding.message
    assert (edited.strategy, edited.channel, edited.engine, edited.language) == (
        draft.strategy,
        draft.channel,
        draft.engine,
        draft.language,
    )


def test_names_from_the_text_that_was_revised_count_as_known():
    draft = _draft()
    body = f"{draft.body}\n\nP.S. Anna Schmidt says hello."
    known = recheck(
        draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), body=body, known=[body]
    )
    assert _check(known, "grounding").ok


def test_a_draft_without_a_question_fails_the_call_to_action_check():
    draft = _draft()
    body = "Hi Maria,\n\nYour forecasting work at Acme Logistics stands out.\n\nBest,\nSam"
    edited = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), body=body)
    assert not _check(edited, "call_to_action").ok
    assert _check(edited, "lead_fact").ok


def test_links_the_sender_did_not_supply_are_removed_with_a_warning():
    draft = _draft()
    body = draft.body + "\n\nBook here: https://evil.example/x"
    edited = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), body=body)
    assert "evil.example" not in edited.body
    assert any("evil.example" in warning for warning in edited.warnings)


def test_a_connection_note_stays_a_note_within_its_limit():
    note = _draft(channel="connection_note")
    body = note.body + " " + "We also plan depots and routes every single week. " * 10
    edited = recheck(
        note, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), subject="Ignored", body=body
    )
    assert edited.channel is DraftChannel.CONNECTION_NOTE
    assert edited.subject is None
    figure = limits(DraftChannel.CONNECTION_NOTE).body  # no plan given: the free account's note length
    assert len(edited.body) <= figure
    assert any(f"{figure} characters" in warning for warning in edited.warnings)


def test_a_cleared_subject_fails_the_subject_check():
    draft = _draft()
    edited = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), subject="")
    assert edited.subject is None
    assert not _check(edited, "subject_length").ok


def test_a_model_revision_is_an_llm_draft_in_the_language_asked_for():
    draft = _draft()
    body = (
        "Hola Maria,\n\nTu publicación sobre las entregas tardías me hizo pensar en Acme Logistics.\n\n"
        "¿Tienes 15 minutos la semana que viene para una llamada?\n\nSaludos,\nSam"
    )
    revised = recheck(
        draft,
        lead=SAMPLE_LEAD,
        sender=SAMPLE_SENDER,
        settings=Settings(language="es"),
        body=body,
        model="fake-model",
    )
    assert (revised.engine, revised.model, revised.language) == (Engine.LLM, "fake-model", "es")
    assert _check(revised, "language").ok
    assert revised.strategy == draft.strategy


def test_a_hand_edit_in_another_language_fails_the_language_check():
    draft = _draft()
    body = "Hallo Maria,\n\nich habe Ihren Beitrag über die Daten gelesen und wir sind dabei.\n\nGrüße"
    edited = recheck(draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=Settings(), body=body)
    assert edited.language == "en"
    assert not _check(edited, "language").ok


def test_bad_lead_data_is_one_clear_error():
    draft = _draft()
    with pytest.raises(InputError, match="first_name"):
        recheck(draft, lead={"last_name": "Lopez"}, sender=SAMPLE_SENDER, settings=Settings())
