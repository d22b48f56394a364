"""The pure parts of the assistant: the command parser, the revision reader, the intent router."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.commands import CommandName, parse_command, usage
from assistant.errors import AssistantError
from assistant.instructions import language_code, read_changes
from assistant.intents import Intent, parse_intent, routing_instructions

STRATEGIES = ("rabt", "aida", "pas", "bab")


@pytest.mark.parametrize(
    ("text", "name", "argument"),
    [
        ("/help", CommandName.HELP, ""),
        ("  /HELP  ", CommandName.HELP, ""),
        ("/?", CommandName.HELP, ""),
        ("/draft", CommandName.DRAFT, ""),
        ("/draft pas", CommandName.DRAFT, "pas"),
        ("/strategy AIDA", CommandName.STRATEGY, "AIDA"),
        ("/language es", CommandName.LANGUAGE, "es"),
        ("/lang fr", CommandName.LANGUAGE, "fr"),
        ("/lead Maria Lopez", CommandName.LEAD, "Maria Lopez"),
        ('/lead\n{"first_name": "Ana"}', CommandName.LEAD, '{"first_name": "Ana"}'),
        ('/lead {"a": 1,\n "b": 2}', CommandName.LEAD, '{"a": 1,\n "b": 2}'),
        ("/shorter", CommandName.SHORTER, ""),
        ("/check", CommandName.CHECK, ""),
        ("/credits", CommandName.CREDITS, ""),
        ("/sent", CommandName.SENT, ""),
    ],
)
def test_commands_parse(text, name, argument):
    command = parse_command(text)
    assert command.name is name
    assert command.argument == argument


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("/drat", "did you mean /draft?"),
        ("/xyzzy", "type /help for the list"),
        ("/", "Type a command name after the slash"),
        ("/strategy", "/strategy NAME"),
        ("/language", "/language CODE"),
        ("/check now please", "/check takes nothing after it"),
        ("hello", "Commands start with a slash"),
    ],
)
def test_bad_commands_get_one_sentence(text, says):
    with pytest.raises(AssistantError) as caught:
        parse_command(text)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message


def test_usage_marks_optional_arguments():
    assert usage(CommandName.DRAFT) == "/draft [STRATEGY]"
    assert usage(CommandName.STRATEGY) == "/strategy NAME"
    assert usage(CommandName.CHECK) == "/check"


@settings(max_examples=200)
@given(st.text(max_size=60))
def test_parser_never_fails_with_anything_but_a_sentence(text):
    try:
        parse_command(text)
    except AssistantError as exc:
        message = str(exc)
        assert "\n" not in message
        assert message.endswith(".") or "did you mean" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shorter", {"shorter": True}),
        ("make it shorter and more formal", {"shorter": True, "mood": "professional"}),
        ("less formal please", {"mood": "friendly"}),
        ("in Spanish", {"language": "es"}),
        ("can you translate it to german", {"language": "de"}),
        ("Translate: français", {"language": "fr"}),
        ("use PAS", {"strategy": "pas"}),
        ("try bab instead", {"strategy": "bab"}),
        ("write it as a connection note", {"channel": "connection_note"}),
        ("a follow-up in French, friendlier", {"channel": "follow_up", "language": "fr", "mood": "friendly"}),
        ("write as a recruiter", {"persona": "recruiter"}),
        ("as a job seeker", {"persona": "job_seeker"}),
        ("looks good", {}),
        # Not a strategy: "pass" and "compass" only contain "pas".
        ("pass it on with a compass", {}),
        # A language named without asking for it is not a request to translate.
        ("she speaks German", {}),
        ("I want to polish the opening", {}),
        ("switch to german", {"language": "de"}),
        ("in Polish", {"language": "pl"}),
    ],
)
def test_read_changes(text, expected):
    changes = read_changes(text, strategies=STRATEGIES)
    got = changes.settings_changes() | ({"shorter": True} if changes.shorter else {})
    assert got == expected


@pytest.mark.parametrize(
    ("word", "code"),
    [("es", "es"), ("Spanish", "es"), ("auto", "auto"), ("pt-br", "pt-br"), ("klingon", None), ("1", None)],
)
def test_language_code(word, code):
    assert language_code(word) == code


@pytest.mark.parametrize(
    ("reply", "intent"),
    [
        ("draft", Intent.DRAFT),
        ("Revise.", Intent.REVISE),
        ("Intent: CHECK", Intent.CHECK),
        ("  credits\n", Intent.CREDITS),
        ("Answer: sent", Intent.SENT),
        ("**Draft**", Intent.DRAFT),
        # A closed-set word deep in a sentence is not an answer.
        ("I'd be happy to help you with that draft", None),
        ("chat", Intent.CHAT),
        ("I am not sure", None),
        ("", None),
    ],
)
def test_parse_intent(reply, intent):
    assert parse_intent(reply) is intent


def test_routing_prompt_lists_every_intent():
    prompt = routing_instructions()
    for intent in Intent:
        assert f"- {intent}:" in prompt
