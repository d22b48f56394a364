"""The assistant core without the page: shortening, lead picking, replies and their bookkeeping."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant import Assistant, AssistantError, Conversation, Role, Services
from assistant.intents import Intent
from assistant.leads import mentioned_lead, pick_lead
from assistant.shorten import shorter_body
from assistant.turns import ignored_tools
from composer import SAMPLE_LEADS, Settings, compose
from inmail.workspace import Workspace
from limits import EventKind

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LEADS = [lead.model_dump(mode="json") for lead in SAMPLE_LEADS.values()]


@pytest.fixture
def workspace(data_dir):
    with Workspace.open(data_dir) as opened:
        opened.account.init_plan("premium_business", start=datetime(2026, 1, 10, tzinfo=UTC), at=NOW)
        yield opened


@pytest.fixture
def store(workspace):
    return workspace.store


@pytest.fixture
def bot(workspace):
    return Assistant(Services(workspace=workspace, now=lambda: NOW))


def ask(bot, conversation, text):
    out = "".join(bot.reply(conversation, text))
    return out, conversation.messages[-1]


@pytest.mark.parametrize("strategy", ["rabt", "aida", "pas"])
@pytest.mark.parametrize("name", sorted(SAMPLE_LEADS))
def test_shorter_keeps_greeting_ask_and_sign_off(store, strategy, name):
    from composer import SAMPLE_SENDER

    draft = compose(SAMPLE_LEADS[name], SAMPLE_SENDER, Settings(strategy=strategy), store=store)[0]
    body = draft.body
    lines = body.splitlines()
    try:
        short = shorter_body(body, keep=[SAMPLE_SENDER.company])
    except AssistantError:  # already down to what a message needs: a short draft
        assert len(body) < 600, body
        return
    assert len(short) < len(body)
    assert short.splitlines()[0] == lines[0]  # the greeting
    assert short.endswith(lines[-1])  # the sign-off
    asks = [s for s in body.replace("\n", " ").split("  ") if s.endswith("?")]
    for ask_ in asks:
        assert ask_ in short
    # Only whole sentences go: every line left is made of sentences of the original.
    for line in short.splitlines():
        for sentence in line.split(". "):
            assert sentence.strip().rstrip(".") in body.replace("\n", " ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefghij klmnop", min_size=5, max_size=60).map(
            lambda s: s.strip().capitalize() + "."
        ),
        min_size=2,
        max_size=8,
    )
)
def test_shorter_only_drops_sentences(sentences):
    body = "Hi Ana,\n\n" + " ".join(sentences) + "\n\nDo you have ten minutes?\n\nBest,\nSam"
    try:
        short = shorter_body(body)
    except AssistantError:
        return  # nothing optional was left: that is said, not faked
    assert len(short) < len(body)
    assert short.startswith("Hi Ana,\n\n")
    assert short.endswith("Do you have ten minutes?\n\nBest,\nSam")
    assert " ".join(sentences[0].split()) in short  # the hook stays (spaces tidied)


@pytest.mark.parametrize(
    ("greeting", "sentences", "ask", "sign_off"),
    [
        (
            "Hi Ana,",
            [
                'Your post "Peak season is won in August." stuck with me.',
                "We help depots, e.g. in Lyon and Madrid, plan every shift a week ahead with real volumes.",
                "Dr. Weber at Globex uses it every single morning before the first trucks leave the yard.",
                "It takes ten minutes to set up.",
            ],
            "Do you have ten minutes next week?",
            "Best,\nSam",
        ),
        (
            "Bonjour Ana,",
            [
                "Votre publication « Les retards. » m'a frappé.",
                "Nous aidons les dépôts, p.ex. à Lyon, à prévoir les volumes de chaque semaine à venir.",
                "M. Dupont chez Globex l'utilise chaque matin avant le départ des premiers camions.",
                "La mise en place prend dix minutes.",
            ],
            "Avez-vous 15 minutes ?",
            "Cordialement,\nSam",
        ),
    ],
)
def test_shorter_drops_whole_sentences_past_quotes_and_abbreviations(greeting, sentences, ask, sign_off):
    body = f"{greeting}\n\n{' '.join(sentences)}\n\n{ask}\n\n{sign_off}"
    short = shorter_body(body)
    head, kept, kept_ask, tail = short.split("\n\n")
    assert (head, kept_ask, tail) == (greeting, ask, sign_off)
    assert kept.startswith(sentences[0])  # the hook stays, closing quote and all
    left = kept
    for sentence in sentences:  # what is left is some of the sentences, each whole, in order
        if left.startswith(sentence):
            left = left[len(sentence) :].lstrip()
    assert left == ""
    assert len(kept) < len(" ".join(sentences))


def test_shorter_says_when_nothing_is_left_to_drop():
    with pytest.raises(AssistantError, match="already down to its greeting"):
        shorter_body("Hi Ana,\n\nI saw your post.\n\nCan we talk?\n\nBest,\nSam")


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("maria", "Maria Lopez"),
        ("MARÍA LÓPEZ", "Maria Lopez"),
        ("tom", "Tom O'Connor"),
        ("lucia", "Lucía Fernández"),
    ],
)
def test_pick_lead_by_name(name, found):
    assert pick_lead(name, LEADS).full_name == found


def test_pick_lead_ambiguous_and_unknown():
    twins = [*LEADS, {**LEADS[0], "id": "https://li/other-maria", "last_name": "Garcia"}]
    with pytest.raises(AssistantError, match="matches several leads"):
        pick_lead("maria", twins)
    with pytest.raises(AssistantError, match="No saved lead matches 'zed'"):
        pick_lead("zed", LEADS)


def test_mentioned_lead():
    assert mentioned_lead("write to Maria Lopez please", LEADS).first_name == "Maria"
    assert mentioned_lead("and Tom?", LEADS).first_name == "Tom"
    assert mentioned_lead("write something", LEADS) is None


@pytest.mark.parametrize(
    ("answer", "guess", "ignored"),
    [
        ("", None, True),
        ('{"name": "draft_message", "arguments": {}}', Intent.DRAFT, True),
        ("<tool_call>check_limits</tool_call>", None, True),
        ("Subject: Hello\n\nHi Maria", Intent.DRAFT, True),
        ("You have 12 credits left.", Intent.CREDITS, True),  # would be made up
        ("Which lead do you mean?", Intent.DRAFT, False),  # a fair question back
        ("PAS means Problem, Agitation, Solution.", None, False),
    ],
)
def test_a_reply_that_ignores_tools(answer, guess, ignored):
    assert ignored_tools(answer, guess) is ignored


def test_conversation_remembers_lead_draft_and_settings(bot):
    talk = Conversation()
    ask(bot, talk, "/lead maria")
    ask(bot, talk, "/strategy aida")
    assert talk.settings.strategy == "aida"
    assert talk.draft is None
    out, message = ask(bot, talk, "/draft")
    assert talk.draft.strategy == "aida"
    assert message.draft == talk.draft
    assert message.lead.id == talk.lead.id
    out, _ = ask(bot, talk, "/language fr")
    assert talk.draft.language == "fr"
    assert "language en → fr" in out
    out, _ = ask(bot, talk, "/lead tom")
    assert talk.draft is None  # a draft for Maria is never sent to Tom
    assert "The draft for the previous lead is set aside." in out


def test_sent_records_once_per_draft_through_the_workspace(bot, workspace):
    talk = Conversation()
    ask(bot, talk, "/lead maria")
    ask(bot, talk, "/draft")
    first, _ = ask(bot, talk, "/sent")
    again, _ = ask(bot, talk, "/sent")
    assert first.startswith("Noted your InMail (one credit) to Maria on Mon 02 Mar 2026 08:00 UTC.")
    assert again.startswith("Already recorded, nothing new: Noted")
    sends = [(e.key, e.lead_id) for e in workspace.account.events() if e.kind == EventKind.INMAIL]
    assert sends == [(talk.draft.id, talk.lead.id)]
    assert [e.sent_at for e in workspace.history(talk.lead)] == [NOW], "the history has the send too"


def test_an_inmail_to_a_lead_who_takes_none_is_refused_in_one_line_that_says_what_to_type(bot, workspace):
    talk = Conversation()
    opted_out = {**SAMPLE_LEADS["maria"].model_dump(mode="json"), "accepts_inmail": False}
    ask(bot, talk, f"/lead {json.dumps(opted_out)}")
    out, message = ask(bot, talk, "/draft")
    assert (
        message.error == 'Maria does not accept InMail: say "connection note" and I will write one instead.'
    )
    assert out == message.error
    assert talk.draft is None
    assert workspace.history(talk.lead) == []
    out, _ = ask(bot, talk, "connection note")  # what the line says to type
    assert talk.draft.channel == "connection_note"
    assert "Drafted a RABT connection note in English for Maria Lopez" in out


def test_a_draft_is_kept_in_the_leads_history(bot, workspace):
    talk = Conversation()
    ask(bot, talk, "/lead maria")
    ask(bot, talk, "/draft pas")
    assert [e.draft_id for e in workspace.history(talk.lead)] == [talk.draft.id]


def test_sent_and_check_need_a_lead_with_an_id(bot):
    talk = Conversation()
    _, message = ask(bot, talk, "/sent")
    assert message.error == "There is no draft yet: type /draft (or ask for one) first."
    ask(bot, talk, '/lead {"first_name": "Ana"}')
    _, message = ask(bot, talk, "/check")
    assert message.error.startswith("This lead has no id (profile URL)")


def test_credits_report_expiring_lots_and_caps(bot):
    out, _ = ask(bot, Conversation(), "/credits")
    assert out.startswith("Balance: 30 credits on Premium Business.")
    assert "Expiring: 15 on Fri 10 Apr 2026, 15 on Mon 11 May 2026." in out  # none within 30 days
    assert "Next renewal: Tue 10 Mar 2026." in out
    assert "Caps used:" in out


def test_user_message_is_stored_before_the_reply_runs(bot):
    talk = Conversation()
    stream = bot.reply(talk, "/help")
    next(stream)
    assert talk.messages[0].role is Role.USER
    stream.close()  # the page went away mid-reply
    assert talk.messages[-1].role is Role.ASSISTANT  # what streamed is kept


def test_retry_does_nothing_without_a_failed_reply(bot):
    talk = Conversation()
    ask(bot, talk, "/help")
    assert list(bot.retry(talk)) == []
    assert len(talk.messages) == 2
    assert list(bot.reply(talk, "   ")) == []
    assert len(talk.messages) == 2


def test_credits_flag_lots_expiring_within_30_days(workspace):
    late = datetime(2026, 3, 20, 8, 0, tzinfo=UTC)
    bot = Assistant(Services(workspace=workspace, now=lambda: late))
    out, _ = ask(bot, Conversation(), "/credits")
    assert "(15 within 30 days: use these first)" in out


def test_credits_say_how_to_reconcile_in_the_chats_words(data_dir):
    with Workspace.open(data_dir) as ws:
        ws.account.init_plan(
            "basic", start=datetime(2026, 2, 1, tzinfo=UTC), at=datetime(2026, 2, 1, tzinfo=UTC)
        )
        ws.account.record_inmail("https://www.linkedin.com/in/x", at=datetime(2026, 3, 1, tzinfo=UTC))
        out, _ = ask(Assistant(Services(workspace=ws, now=lambda: NOW)), Conversation(), "/credits")
    assert "Tell the app what LinkedIn shows (Limits page, Reconcile)" in out
    assert "inmail ledger" not in out
