"""The Chat page without a model: the command flow end to end, through the real app."""

from __future__ import annotations

import re

from chat_helpers import MARIA, conversation, replies, say, shown

CAMILLE = "https://www.linkedin.com/in/camille-bernard-ops"


def test_offline_command_flow(chat, plan):
    from limits import Account, EventKind

    say(chat, "/help")
    assert "/draft [STRATEGY]" in replies(chat)[-1].text
    assert "connect a model" in replies(chat)[-1].text

    say(chat, "/lead camille")  # her draft quotes her profile: a sentence around the quote can go
    assert "Lead set to Camille Bernard" in replies(chat)[-1].text
    assert conversation(chat).lead.id == CAMILLE

    say(chat, "/draft")
    first = conversation(chat).draft
    assert first is not None
    assert first.body.startswith("Bonjour Camille,")
    assert "Drafted a RABT InMail in French for Camille Bernard" in replies(chat)[-1].text
    assert replies(chat)[-1].draft == first
    # The current draft's card beside the chat: editable, with its checks.
    body_box = chat.text_area(key=f"draft.chat-side.{first.id}.body")
    assert body_box.value == first.body
    assert any("checks pass" in e.label for e in chat.expander)

    say(chat, "/shorter")
    shorter = conversation(chat).draft
    assert len(shorter.body) < len(first.body)
    assert f"body {len(first.body):,} → {len(shorter.body):,} characters" in replies(chat)[-1].text

    say(chat, "/check")
    assert "Yes: Camille Bernard can get an InMail for 1 credit (balance 5)" in replies(chat)[-1].text

    say(chat, "/credits")
    assert "Balance: 5 credits on Premium Career" in replies(chat)[-1].text

    say(chat, "/sent")
    assert "You have 4 credits left" in replies(chat)[-1].text
    say(chat, "/sent")
    assert "Already recorded" in replies(chat)[-1].text
    with Account.open(plan) as account:
        inmails = [e for e in account.events() if e.kind == EventKind.INMAIL]
    assert [e.lead_id for e in inmails] == [CAMILLE]

    say(chat, "/credits")
    assert "Balance: 4 credits" in replies(chat)[-1].text
    assert not chat.chat_input(key="chat.input").disabled
    assert not chat.exception


def test_bad_input_gets_one_sentence_and_keeps_the_state(chat):
    say(chat, "/lead maria")
    say(chat, "/draft pas")
    draft = conversation(chat).draft
    for text, says in (
        ("/strategy nonsense", "Unknown strategy 'nonsense'"),
        ("/language 42", "'42' is not a language"),
        ("/lead {broken", "That lead is not valid JSON"),
        ("/lead Nobody Here", "No saved lead matches 'Nobody Here'"),
        ("/drat", "did you mean /draft?"),
    ):
        say(chat, text)
        last = replies(chat)[-1]
        assert says in last.error
        assert "\n" not in last.error
        assert says in shown(chat)
        assert conversation(chat).draft == draft  # nothing lost
        assert conversation(chat).lead.id == MARIA


def test_plain_requests_without_a_model_do_what_they_say(chat):
    say(chat, "write something nice to Camille")
    talk = conversation(chat)
    assert talk.lead.id == CAMILLE
    assert talk.draft is not None
    assert talk.draft.language == "fr"  # her profile's language
    assert "No model is connected, so I read plain requests" in replies(chat)[-1].text
    before = len(talk.draft.body)
    say(chat, "shorter")
    assert len(conversation(chat).draft.body) < before
    say(chat, "in English")
    assert conversation(chat).draft.language == "en"
    say(chat, "now the same in Spanish please")
    assert conversation(chat).draft.language == "es"
    assert "No model is connected" not in replies(chat)[-1].text  # said once is enough


def test_check_her_without_a_model_checks_the_current_lead(chat, plan):
    say(chat, "write to Maria")
    say(chat, "check her")
    assert replies(chat)[-1].text.startswith("Yes: Maria Lopez can get")


def test_free_text_it_cannot_read_says_what_works_and_how_to_connect(chat):
    say(chat, "what a lovely day")
    text = replies(chat)[-1].text
    assert "I did not catch that" in text
    assert '"write to Maria"' in text
    assert "OPENAI_BASE_URL" in text
    say(chat, "hmm")
    assert "OPENAI_BASE_URL" not in replies(chat)[-1].text  # said once is enough
    assert "/help" in replies(chat)[-1].text


def test_the_language_does_not_carry_over_to_the_next_lead(chat):
    say(chat, "write to Maria in French")
    assert conversation(chat).draft.language == "fr"
    say(chat, "/lead Priya")
    assert conversation(chat).settings.language == "auto"
    assert "language is back to auto" in replies(chat)[-1].text
    say(chat, "/draft")
    assert conversation(chat).draft.language == "en"


def test_commands_without_a_plan_say_where_to_set_it(chat):
    say(chat, "/lead maria")
    say(chat, "/credits")
    assert replies(chat)[-1].error.startswith("I do not know your LinkedIn plan yet: set it on the Settings")


def test_a_pasted_lead_becomes_the_current_lead(chat):
    say(chat, '{"id": "https://li/ana", "first_name": "Ana", "last_name": "Ruiz", "degree": 1}')
    assert conversation(chat).lead.full_name == "Ana Ruiz"
    assert "from the pasted JSON" in replies(chat)[-1].text
    say(chat, "/draft aida")
    assert "Ana," in conversation(chat).draft.body.splitlines()[0]


def test_edits_in_the_draft_card_are_what_the_chat_works_on(chat, plan):
    from composer import Draft

    say(chat, "/lead maria")
    say(chat, "/draft pas")
    draft = conversation(chat).draft
    edited = draft.body.replace("Hello Maria,", "Dear Maria,")
    assert edited != draft.body
    chat.text_area(key=f"draft.chat-side.{draft.id}.body").input(edited)
    say(chat, "/sent")
    now = conversation(chat).draft
    assert now.body == edited
    assert now.id == Draft.make_id(MARIA, "inmail", draft.subject, edited)
    assert [c.name for c in now.checks] == [c.name for c in draft.checks]  # checked again
    assert "You have 4 credits left" in replies(chat)[-1].text


def test_the_page_uses_plain_text_for_everything_written():
    from ui.chat import plain

    hostile = "![x](http://evil.test/b.png) <img src=x> **b** [l](http://evil.test) :red[x] $x$"
    escaped = "".join(plain(iter([hostile[:9], hostile[9:]])))
    for raw in (r"!\[", r"\]\(", "<img", r"\*\*", r":red\[", r"\$x\$"):
        assert not re.search(r"(?<!\\)" + raw, escaped), raw  # every mark is backslash-escaped
    # What the reader sees is the text itself (word joiners only break autolinks).
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == hostile


def test_sent_after_the_card_was_marked_records_nothing_new(chat, plan):
    from limits import Account, EventKind

    say(chat, "/lead maria")
    say(chat, "/draft")
    draft = conversation(chat).draft
    chat.button(key=f"btn.sent.chat-side.{draft.id}").click().run()
    assert "Balance now 4" in shown(chat)
    say(chat, "/sent")
    assert replies(chat)[-1].text.startswith("That draft was already in your book since ")
    with Account.open(plan) as account:
        assert len([e for e in account.events() if e.kind == EventKind.INMAIL]) == 1


def test_the_conversation_survives_a_reload_and_clear_forgets_it(chat, data_dir):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]

    say(chat, "write to Maria")
    draft = conversation(chat).draft

    def reopened() -> AppTest:
        again = AppTest.from_file(str(root / "app.py"), default_timeout=60)
        again.run()
        again.switch_page("ui/chat.py").run()
        assert not again.exception
        return again

    again = reopened()  # a new browser session over the same data directory
    assert conversation(again).draft == draft
    assert conversation(again).lead.id == MARIA
    assert "Drafted a RABT InMail" in shown(again)
    again.button(key="btn.chat.clear").click().run()
    assert conversation(again).messages == []
    assert conversation(reopened()).messages == [], "cleared in the data directory too"


def test_each_lead_keeps_its_own_conversation(chat):
    say(chat, "write to Maria")
    maria = conversation(chat).draft
    say(chat, "/lead Priya")
    say(chat, "/draft")
    chat.selectbox(key="pick.chat").select("Maria Lopez").run()
    assert conversation(chat).lead.id == MARIA
    assert conversation(chat).draft == maria
    chat.selectbox(key="pick.chat").select("Priya Shah").run()
    assert conversation(chat).lead.full_name == "Priya Shah"
    assert not chat.exception


def test_write_to_a_lead_imported_on_the_outreach_page(chat, data_dir):
    from inmail.workspace import Workspace
    from tests.leads.pasted_profiles import ENGLISH

    with Workspace(data_dir) as ws:
        ws.import_leads(ENGLISH.encode(), name="pasted", format="text")
    say(chat, "write to Elena")
    assert conversation(chat).lead.full_name == "Elena Rossi"
    draft = conversation(chat).draft
    assert draft.body.startswith("Hello Elena,")
    assert conversation(chat).lead.recent_post.startswith("We finally moved our supplier onboarding")
    assert "Head of Operations at Korvo Logistics" in draft.body, "her role as the pasted page gives it"
