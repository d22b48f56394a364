"""A book of credits you can trust: backfill, atomic commands, keys bound to their event, plan re-sets,
one id per person, and what each response brought back."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from limits_testkit import at, play

from limits import (
    Action,
    CreditBack,
    KeyReusedError,
    LimitsError,
    NoSendError,
    NotInitialisedError,
    PlanChangeKind,
    PlanChangeNotConfirmed,
    Recipient,
    SendStatus,
)

MARIA = "https://www.linkedin.com/in/maria-lopez"


def book(account) -> dict[str, list[tuple]]:
    """Every table the ledger keeps, row by row: what "left no trace" compares."""
    with account.store.reading() as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("events", "overrides", "snapshots")
        }


# -- backfill -------------------------------------------------------------------------------------------


def done_means(account):
    """Init today (Nov 20) for a plan that started on June 1 with the 12 credits LinkedIn shows, then
    backfill October's InMails, then record their replies."""
    change = account.init_plan("premium_career", start=at("2026-06-01"), balance=12, at=at("2026-11-20"))
    assert (change.kind, change.synced) == (PlanChangeKind.NEW, True)
    account.record_inmail(MARIA, at=at("2026-10-20"))
    account.record_inmail("https://www.linkedin.com/in/bob", at=at("2026-10-22"))
    return account


def test_a_plan_started_months_ago_takes_backfilled_sends_and_their_replies(account):
    done_means(account)
    assert account.status(at=at("2026-10-21")).balance == 14  # the October InMail took a credit then
    assert account.status(at=at("2026-11-20")).balance == 12  # what LinkedIn showed when recorded
    reply = account.record_response(MARIA + "/?trk=inbox", at=at("2026-11-21"))
    assert (reply.new, reply.credit_back, reply.balance) == (True, CreditBack.RETURNED, 13)
    bob = account.record_response("linkedin.com/in/Bob", kind="declined", at=at("2026-11-22"))
    assert (bob.credit_back, bob.balance) == (CreditBack.RETURNED, 14)
    status = account.status(at=at("2026-11-22"))
    assert [(lot.credits, lot.kind.value, f"{lot.expires_at:%Y-%m-%d}") for lot in status.lots] == [
        (2, "monthly", "2026-11-30"),  # September's lot, less the 3 the sync took
        (5, "monthly", "2026-12-30"),
        (5, "monthly", "2027-01-30"),
        (1, "refund", "2027-02-19"),
        (1, "refund", "2027-02-20"),
    ]
    assert account.status(at=at("2026-11-30")).balance == 12  # September's lot expired


@pytest.mark.parametrize(
    ("when", "ok"),
    [("2026-05-31T23:59", False), ("2026-06-01T00:00", True), ("2026-08-15", True), ("2027-01-01", True)],
)
def test_a_record_before_the_plan_start_is_refused_naming_the_start(account, when, ok):
    account.init_plan("premium_career", start=at("2026-06-01"), at=at("2026-11-20"))
    if ok:
        account.record_message("ann", at=at(when))
        return
    with pytest.raises(NotInitialisedError, match=r"before the plan's start \(2026-06-01 00:00 UTC\)") as e:
        account.record_message("ann", at=at(when))
    assert e.value.start == at("2026-06-01")


def test_backfilled_sends_count_toward_the_caps_of_their_time(account):
    account.set_override("caps.inmails_per_month.limit", 2)
    account.init_plan("sales_navigator", start=at("2026-06-01"), at=at("2026-11-20"))
    account.record_inmail("a", at=at("2026-10-01"))
    account.record_inmail("b", at=at("2026-10-02"))
    verdict = account.check(Recipient("c", 2), at=at("2026-10-03"))
    assert (verdict.allowed, verdict.next_allowed_at) == (False, at("2026-10-31"))
    assert account.check(Recipient("c", 2), at=at("2026-11-20")).allowed


# -- failed commands leave no trace ---------------------------------------------------------------------


def _disk_full(account):
    insert = account.store.insert

    def failing(db, event):
        insert(db, event)  # the row is in the transaction, then the disk fills up
        raise sqlite3.OperationalError("database or disk is full")

    account.store.insert = failing
    try:
        account.record_inmail("ann", at=at("2026-01-25"))
    finally:
        del account.store.insert


FAILING = [
    ("before the start", lambda a: a.record_inmail("ann", at=at("2026-01-01")), "before the plan's start"),
    ("key of another event", lambda a: a.record_response("ann", key="k1", at=at("2026-01-22")), "key 'k1'"),
    ("same key, other person", lambda a: a.record_inmail("bob", key="k1", at=at("2026-01-20")), "key"),
    ("response to nobody", lambda a: a.record_response("zoe", at=at("2026-01-22")), "nothing was sent"),
    ("empty lead", lambda a: a.record_message(" ", at=at("2026-01-22")), "lead id is empty"),
    ("sync out of range", lambda a: a.sync(2**63, at=at("2026-01-22")), "0 to 10,000"),
    ("negative sync", lambda a: a.sync(-1, at=at("2026-01-22")), "0 to 10,000"),
    ("purchase of none", lambda a: a.purchase(0, at=at("2026-01-22")), "1 to 10,000"),
    ("bad response kind", lambda a: a.record_response("ann", kind="ghosted"), "unknown response kind"),
    ("unknown plan", lambda a: a.init_plan("gold", at=at("2026-02-01")), "unknown plan"),
    (
        "unconfirmed plan change",
        lambda a: a.init_plan("premium_business", start=at("2026-02-01"), at=at("2026-02-01")),
        "drops 4 credit",
    ),
    (
        "plan change before the plan in force",
        lambda a: a.init_plan("sales_navigator", start=at("2026-01-01"), confirm=True),
        "must start after",
    ),
    ("cycle day 0", lambda a: a.init_plan("premium_business", cycle_day=0, confirm=True), "1 to 31"),
    ("huge balance", lambda a: a.init_plan("premium_career", balance=10**20), "0 to 10,000"),
    ("huge window", lambda a: a.set_override("credits.refund_window_days", 10**12), "1 to 3,650"),
    ("huge expiry", lambda a: a.set_override("credits.expiry_days", 100_000_000), "1 to 3,650"),
    (
        "override the recorded plan contradicts",
        lambda a: a.set_override("plans.premium_career.renewal", "first_of_month"),
        "1st of the month",
    ),
    ("disk full during the write", _disk_full, "disk is full"),
]


@pytest.mark.parametrize(("call", "words"), [case[1:] for case in FAILING], ids=[c[0] for c in FAILING])
def test_a_failed_command_leaves_the_book_exactly_as_it_was(account, call, words):
    account.init_plan("premium_career", start=at("2026-01-15"), cycle_day=15, at=at("2026-01-15"))
    account.record_inmail("ann", key="k1", at=at("2026-01-20"))
    account.status(at=at("2026-01-21"))
    before = book(account)
    with pytest.raises(LimitsError, match=words):
        call(account)
    assert book(account) == before
    assert account.status(at=at("2026-01-21")).balance == 4  # and the book still reads


# -- idempotency keys -----------------------------------------------------------------------------------


def test_a_repeated_key_with_the_same_event_is_a_no_op_that_says_so(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    first = account.record_inmail("ann", key="draft-1", at=at("2026-01-20"))
    before = book(account)
    again = account.record_inmail(" ann ", key="draft-1", at=at("2026-01-20"))
    assert (first.new, again.new, again.id, again.balance) == (True, False, first.id, 4)
    assert book(account) == before


def test_a_key_bound_to_an_inmail_refuses_a_reply_with_one_line(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    account.record_inmail("ann", key="draft-1", at=at("2026-01-20"))
    with pytest.raises(KeyReusedError) as raised:
        account.record_response("ann", key="draft-1", at=at("2026-01-22"))
    assert raised.value.first.kind.value == "inmail"
    assert "\n" not in str(raised.value)
    assert len(account.events()) == 2


# -- plans ----------------------------------------------------------------------------------------------


def test_the_same_plan_and_start_again_changes_nothing_and_says_so(account):
    play(account, [("init", "premium_career", "2026-01-15"), ("inmail", "ann", "2026-01-20")])
    before = book(account)
    for start in (at("2026-01-15"), None):  # the stored start, or none given: the same plan
        change = account.init_plan("premium_career", start=start, at=at("2026-03-01"))
        assert (change.kind, change.synced, change.start) == (
            PlanChangeKind.UNCHANGED,
            False,
            at("2026-01-15"),
        )
    assert book(account) == before
    assert account.status(at=at("2026-03-01")).balance == 4 + 5  # no spent credit came back


def test_the_same_plan_with_a_balance_records_only_a_sync(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    change = account.init_plan("premium_career", balance=3, at=at("2026-01-20"))
    assert (change.kind, change.synced) == (PlanChangeKind.UNCHANGED, True)
    assert [e.kind.value for e in account.events()] == ["plan_set", "sync"]
    assert account.init_plan("premium_career", balance=3, at=at("2026-01-20")).synced is False


def test_a_real_change_of_plan_needs_confirmation_and_drops_the_old_credits(account):
    play(account, [("init", "premium_career", "2026-01-15"), ("inmail", "ann", "2026-01-20")])
    preview = account.plan_change("sales_navigator", start=at("2026-02-01"), at=at("2026-02-01"))
    assert (preview.kind, preview.needs_confirmation, preview.credits_dropped) == (
        PlanChangeKind.CHANGE,
        True,
        4,
    )
    with pytest.raises(PlanChangeNotConfirmed) as raised:
        account.init_plan("sales_navigator", start=at("2026-02-01"), at=at("2026-02-01"))
    assert raised.value.change == preview
    change = account.init_plan("sales_navigator", start=at("2026-02-01"), at=at("2026-02-01"), confirm=True)
    assert (change.kind, change.previous_plan) == (PlanChangeKind.CHANGE, "premium_career")
    assert account.status(at=at("2026-02-01")).balance == 50  # Premium's 4 are gone, Sales Navigator's 50


# -- responses and the sent list ------------------------------------------------------------------------

NAV = ("init", "sales_navigator", "2026-01-01")
RESPONSES = [
    # id, steps before the reply, the reply's instant, what came back
    ("within 90 days", [NAV, ("inmail", "ann", "2026-01-02")], "2026-03-01", CreditBack.RETURNED),
    ("after 90 days", [NAV, ("inmail", "ann", "2026-01-02")], "2026-04-15", CreditBack.OUTSIDE_WINDOW),
    (
        "at the bank cap: given all the same (a412114)",
        [NAV, ("inmail", "ann", "2026-01-02"), ("sync", 150, "2026-01-03")],
        "2026-01-04",
        CreditBack.RETURNED,
    ),
    (
        "Open Profile was free",
        [NAV, ("open_profile", "ann", "2026-01-02")],
        "2026-01-04",
        CreditBack.OPEN_PROFILE,
    ),
    ("no InMail, a message", [NAV, ("message", "ann", "2026-01-02")], "2026-01-04", CreditBack.NO_INMAIL),
    (
        "already answered",
        [NAV, ("inmail", "ann", "2026-01-02"), ("replied", "ann", "2026-01-03")],
        "2026-01-04",
        CreditBack.NOT_PENDING,
    ),
    (
        "sent with no credit in the book",
        [NAV, ("sync", 0, "2026-01-02"), ("inmail", "ann", "2026-01-03")],
        "2026-01-04",
        CreditBack.NOT_PENDING,
    ),
]


@pytest.mark.parametrize(
    ("steps", "when", "outcome"), [c[1:] for c in RESPONSES], ids=[c[0] for c in RESPONSES]
)
def test_the_response_says_whether_a_credit_came_back_and_why_not(account, steps, when, outcome):
    play(account, steps)
    before = account.status(at=at(when)).balance
    reply = account.record_response("ann", at=at(when))
    assert reply.credit_back is outcome
    assert reply.balance == before + (outcome is CreditBack.RETURNED)
    sent = [item for item in account.sent(at=at(when)) if item.lead_id == "ann"]
    if outcome is CreditBack.RETURNED:
        assert sent[0].credit_back


def test_a_response_for_someone_never_sent_anything_is_refused(account):
    play(account, [NAV, ("inmail", "https://www.linkedin.com/in/ann", "2026-01-02")])
    with pytest.raises(NoSendError, match="nothing was sent to ann"):
        account.record_response("ann", at=at("2026-01-03"))  # another id than the one InMailed
    assert (
        account.record_response("LinkedIn.com/in/Ann/", at=at("2026-01-03")).credit_back
        is CreditBack.RETURNED
    )


def test_the_sent_list_shows_every_send_with_its_status_and_window(account):
    play(
        account,
        [
            NAV,
            ("inmail", "ann", "2026-01-02"),
            ("open_profile", "bob", "2026-01-03"),
            ("invite_note", "cy", "2026-01-04"),
            ("message", "dee", "2026-01-05"),
            ("inmail", "eve", "2026-01-06"),
            ("accepted", "ann", "2026-01-10"),
            ("declined", "cy", "2026-01-11"),
        ],
    )
    account.record_inmail("fay", key="draft-9", at=at("2026-01-07"))
    items = {item.lead_id: item for item in account.sent(at=at("2026-03-01"))}
    assert [i.lead_id for i in account.sent(at=at("2026-03-01"))] == ["fay", "eve", "dee", "cy", "bob", "ann"]
    ann, bob, cy, eve, fay = (items[k] for k in ("ann", "bob", "cy", "eve", "fay"))
    assert (ann.channel, ann.credits, ann.status, ann.credit_back, ann.days_left) == (
        Action.INMAIL,
        1,
        SendStatus.ACCEPTED,
        True,
        None,
    )
    assert (bob.channel, bob.credits, bob.status, bob.window_ends_at) == (
        Action.OPEN_PROFILE,
        0,
        SendStatus.PENDING,
        None,
    )
    assert (cy.channel, cy.status) == (Action.INVITE_NOTE, SendStatus.DECLINED)
    assert (eve.status, eve.window_ends_at, eve.days_left) == (SendStatus.PENDING, at("2026-04-06"), 36)
    assert (fay.key, fay.days_left) == ("draft-9", 37)
    assert items["dee"].to_json()["channel"] == "message"


def test_due_lists_follow_ups_and_closing_credit_back_windows(account):
    play(
        account,
        [
            NAV,
            ("inmail", "ann", "2026-01-02"),
            ("inmail", "bob", "2026-03-20"),
            ("message", "cy", "2026-03-25"),
            ("inmail", "dee", "2026-03-30"),
            ("replied", "dee", "2026-03-31"),
        ],
    )
    due = account.due(at=at("2026-03-27"))
    assert [i.lead_id for i in due.follow_ups] == ["ann", "bob"]  # a week or more without an answer
    assert [(i.lead_id, i.days_left) for i in due.closing] == [("ann", 6)]  # closes 2026-04-02
    assert account.due(at=at("2026-04-03")).closing == []  # closed: nothing left to save
    with pytest.raises(LimitsError, match="1 to 3,650"):
        account.due(at=at("2026-03-27"), closing_days=0)


def test_check_and_history_use_one_id_per_person(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    account.set_override("plans.premium_career.second_inmail", "blocked_until_response")
    account.record_inmail(MARIA, at=at("2026-01-20"))
    for spelling in (
        MARIA + "/",
        "https://de.linkedin.com/in/Maria-Lopez?trk=x",
        "linkedin.com/in/maria-lopez#a",
    ):
        verdict = account.check(Recipient(spelling, 2), at=at("2026-01-21"))
        assert not verdict.allowed
        assert "second_inmail" in {r.rule for r in verdict.reasons}
    reply = account.record_response(MARIA.upper().replace("HTTPS://", "https://"), at=at("2026-01-22"))
    assert reply.credit_back is CreditBack.RETURNED


def test_recorded_events_carry_the_canonical_id(account):
    play(account, [("init", "premium_career", "2026-01-15")])
    recorded = account.record_invite(" https://www.LinkedIn.com/in/Ann/?trk=x ", at=at("2026-01-20"))
    assert recorded.lead_id == "https://www.linkedin.com/in/ann"
    assert account.events()[-1].lead_id == "https://www.linkedin.com/in/ann"
    assert recorded.at - at("2026-01-20") == timedelta(0)
