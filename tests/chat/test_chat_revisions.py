"""Issue 18, item 6, in the chat without a model: "shorter" keeps the proof point and the hook, a redraft
("in French") keeps "shorter" (revisions accumulate), /help lists every language the engine writes, and a
message it does not understand gets the closest command or the next step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant import Assistant, Conversation, Services
from composer import SAMPLE_SENDER
from inmail.workspace import Workspace

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PROOF = "Cut overtime by 18% at a 40-depot carrier in six months."


@pytest.fixture
def bot(data_dir):
    with Workspace.open(data_dir) as workspace:
        sender = SAMPLE_SENDER.model_copy(  # no problem stated: a PAS redraft has nothing to spare
            update={
                "proof": PROOF,
                "proofs": {"fr": "Moins 18 % d'heures sup."},
                "problem": None,
                "problems": {},
            }
        )
        workspace.save_sender(sender.model_dump(mode="json"))
        yield Assistant(Services(workspace=workspace, now=lambda: NOW))


def say(bot, conversation, text) -> str:
    return "".join(str(event) for event in bot.reply(conversation, text))


QUOTE = "Built the weekly demand planning process."  # Priya's profile, which her draft quotes


def _drafted(bot) -> Conversation:
    talk = Conversation()
    say(bot, talk, "/lead priya")  # her RABT draft has a sentence to spare in English and in French
    say(bot, talk, "/draft")
    return talk


def test_shorter_keeps_the_proof_point(bot):
    talk = _drafted(bot)
    before = talk.draft.body
    assert "overtime by 18%" in before
    assert QUOTE in before
    say(bot, talk, "shorter")
    assert len(talk.draft.body) < len(before)
    assert "overtime by 18%" in talk.draft.body
    assert QUOTE in talk.draft.body, "and the hook: the lead's words, wherever the message set them"


@pytest.mark.parametrize("redraft", ["in French", "/language fr"])
def test_a_redraft_keeps_shorter(bot, redraft):
    talk = _drafted(bot)
    say(bot, talk, "shorter")
    said = say(bot, talk, redraft)
    assert "Redrafted as a RABT InMail in French" in said
    assert "Shortened a RABT InMail in French" in said, "the redraft is made shorter again"
    assert talk.shortened == 1
    redrafted = talk.draft.body
    assert "18 %" in redrafted, "and keeps the proof point"
    say(bot, talk, "/draft")  # a fresh draft in the same settings starts with no revisions
    assert talk.shortened == 0
    assert len(talk.draft.body) > len(redrafted)


def test_a_redraft_that_cannot_be_made_shorter_says_so(bot):
    talk = _drafted(bot)
    say(bot, talk, "shorter")
    said = say(bot, talk, "use PAS")
    assert "Redrafted as a PAS InMail" in said
    assert "already down to its greeting, hook, ask and sign-off" in said


def test_help_lists_all_six_languages(bot):
    text = say(bot, Conversation(), "/help")
    assert "de, en, es, fr, it, pt or auto" in text


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("shortr", "Did you mean /shorter?"),
        ("credts please", "Did you mean /credits?"),
        ("hmm whatever", "Try /lead Maria"),
    ],
)
def test_an_unrecognised_message_gets_a_suggestion(bot, typed, suggested):
    text = say(bot, Conversation(), typed)
    assert "I did not catch that" in text
    assert suggested in text
