"""Sent page: every send with channel, credits, date, subject, status and credit-back window; recording an
answer (once) brings a paid InMail's credit back, shown here and on the Limits page."""

from __future__ import annotations

from page_text import texts, unescape
from test_page_compose import NOW, _button, _generate, _plan, _ready

from limits import EventKind

PAGE = "ui/sent.py"


def _sent_one(open_page, account):
    _plan(account, balance=5)
    at = _generate(_ready(open_page("ui/compose.py")))
    subject = next(w.value for w in at.text_input if w.key and w.key.endswith(".subject"))
    _button(at, "Mark as sent").click().run()
    at.switch_page(PAGE).run()
    return at, subject


def test_without_a_plan_it_says_where_to_set_one(open_page):
    at = open_page(PAGE)
    assert "No LinkedIn plan is set yet" in unescape(texts(at))
    assert not at.exception


def test_nothing_sent_yet_says_how_to_send(open_page, account):
    _plan(account)
    at = open_page(PAGE)
    assert "Nothing sent yet" in unescape(texts(at))
    assert not at.exception


def test_a_send_is_listed_and_a_reply_brings_the_credit_back(open_page, account):
    at, subject = _sent_one(open_page, account)
    [table] = at.dataframe
    [row] = table.value.to_dict("records")
    assert row["Lead"] == "Maria Lopez"
    assert row["Channel"] == "InMail (paid)"
    assert row["Credits"] == 1
    assert row["Subject"] == subject
    assert row["Status"] == "Waiting"
    assert row["90-day credit-back window"] == "90 days left"
    assert {m.label: m.value for m in at.metric}["Credits left"] == "4"

    at.button(key=next(b.key for b in at.button if b.label == "Replied")).click().run()
    assert "Recorded: Maria Lopez replied. 1 InMail credit came back: balance now 5." in unescape(texts(at))
    [row] = at.dataframe[0].value.to_dict("records")
    assert (row["Status"], row["90-day credit-back window"]) == ("Replied", "credit back")
    assert not [b for b in at.button if b.label in ("Replied", "Declined")], "answered: no buttons left"
    responses = [e for e in account.events() if e.kind is EventKind.RESPONSE]
    assert len(responses) == 1

    at.switch_page("ui/dashboard.py").run()
    assert {m.label: m.value for m in at.metric}["Credits left"] == "5"
    assert not at.exception


def test_a_decline_is_an_answer_too_and_a_second_click_records_nothing(open_page, account):
    at, _ = _sent_one(open_page, account)
    [declined] = [b for b in at.button if b.label == "Declined"]
    item_key = declined.key
    declined.click().run()
    assert "Recorded: Maria Lopez declined. 1 InMail credit came back: balance now 5." in unescape(texts(at))
    assert item_key not in [b.key for b in at.button]
    assert len([e for e in account.events() if e.kind is EventKind.RESPONSE]) == 1
    assert not at.exception


def test_free_sends_say_why_no_credit_comes_back():
    from dataclasses import replace
    from datetime import timedelta

    from inmail.sent_list import ResponseOutcome, SendStatus, SentItem
    from limits import Action, CreditBack, ResponseKind
    from ui.sent import said

    sent = SentItem(event_id=1, key=None, lead_id="x", channel=Action.MESSAGE, credits=0, sent_at=NOW,
                    status=SendStatus.PENDING)  # fmt: skip
    outcome = ResponseOutcome(event_id=2, lead_id="x", kind=ResponseKind.REPLIED, first_time=True,
                              credit_back=False, balance=3, at=NOW + timedelta(days=1))  # fmt: skip
    assert said(outcome, sent, name="Jo") == (
        "Recorded: Jo replied. No credit comes back (only a paid InMail gives a credit back); balance 3."
    )
    late = replace(sent, channel=Action.INMAIL, credits=1, window_ends_at=NOW)
    assert "after the InMail's 90-day window" in said(outcome, late, name="Jo")
    pending = outcome.model_copy(update={"why": CreditBack.NOT_PENDING})
    assert "took no credit or was answered already" in said(pending, late, name="Jo")
    again = outcome.model_copy(update={"first_time": False})
    assert said(again, late, name="Jo") == "Jo's answer was already recorded (replied); nothing new."
