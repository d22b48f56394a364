"""Issue 18, item 5, on Compose: the cost for the channel chosen, a follow-up needs a first message, a
profile URL field that holds no LinkedIn URL is said, a changed URL keeps the earlier drafts in view, and a
long About is taken with a note of what is used."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from page_text import texts, unescape

PAGE = "ui/compose.py"
MARIA = "Sample: Maria Lopez, Acme Logistics"
NOW = datetime.now(UTC)


def _ready(at, channel="inmail"):
    at.selectbox(key="pick.lead").select(MARIA).run()
    at.button(key="btn.sample_sender").click().run()
    at.session_state["opts.channel"] = channel
    return at.run()


def _generate(at):
    next(b for b in at.button if b.label == "Generate draft").click().run()
    return at


def _bodies(at):
    return [a for a in at.text_area if a.key and a.key.startswith("draft.") and a.key.endswith(".body")]


def _career(account):
    account.init_plan("premium_career", start=NOW - timedelta(days=10), at=NOW - timedelta(days=10))


def test_a_connection_note_costs_no_credit_before_you_write(open_page, account):
    _career(account)
    at = _ready(open_page(PAGE), "connection_note")
    page = unescape(texts(at))
    assert "Send as a connection request with a note: no credit." in page
    assert "Send as an InMail" not in page
    inmail = _ready(open_page(PAGE), "inmail")
    assert "Send as an InMail: costs 1 credit." in unescape(texts(inmail))
    assert not at.exception


def test_a_follow_up_to_a_lead_never_contacted_is_warned_and_refused(open_page, account):
    _career(account)
    at = _generate(_ready(open_page(PAGE), "follow_up"))
    page = unescape(texts(at))
    assert "No first message to Maria Lopez is recorded: send the first message" in page
    assert any("before drafting a follow-up" in unescape(e.value) for e in at.error)
    assert not _bodies(at), "no follow-up that claims a note never sent"
    account.record_inmail("https://www.linkedin.com/in/maria-lopez-data", at=NOW - timedelta(days=8))
    again = _generate(_ready(open_page(PAGE), "follow_up"))
    assert "No first message to Maria Lopez" not in unescape(texts(again))
    assert _bodies(again)
    assert "Follow up as an InMail: costs 1 credit." in unescape(texts(again))
    assert not again.exception


def test_plain_words_or_another_site_in_the_url_field_are_said_in_one_line(open_page):
    at = _ready(open_page(PAGE))
    at.text_input(key="lead.id").input("maria from the conference").run()
    words = [w.value for w in at.warning if "is not a profile URL" in unescape(w.value)]
    assert len(words) == 1
    assert "local:maria-lopez-acme-logistics" in unescape(texts(at)), "words are not taken as the id"
    at.text_input(key="lead.id").input("https://acme.example/people/maria").run()
    assert any(
        "is not a LinkedIn profile URL: it is kept as your own id" in unescape(w.value) for w in at.warning
    )
    assert not at.exception


def test_a_changed_url_keeps_the_earlier_drafts_in_view(open_page, account):
    at = _generate(_ready(open_page(PAGE)))
    assert _bodies(at)
    at.text_input(key="lead.id").input("https://www.linkedin.com/in/maria-lopez-2").run()
    history = [e for e in at.expander if e.label.startswith("Earlier drafts for this lead")]
    assert len(history) == 1
    assert "made under the earlier id https://www.linkedin.com/in/maria-lopez-data" in unescape(texts(at))
    assert not at.exception


def test_a_20000_character_about_is_taken_with_a_note_of_what_is_used(open_page):
    at = _ready(open_page(PAGE))
    at.text_area(key="lead.about").input("I build data teams. " * 1000).run()
    assert "About is 20,000 characters: drafts draw on its first 600 only" in unescape(texts(at))
    _generate(at)
    assert _bodies(at)
    assert not at.exception
