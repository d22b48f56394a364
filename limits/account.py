"""The facade of docs/api.md: one user's book of credits, sends and replies, in data_dir/ledger.sqlite3."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from limits import caps
from limits.catalog import MAX_CREDITS, MAX_DAYS, Catalog, FigureValue, coerce, load_catalog
from limits.eligibility.check import CheckInput, check
from limits.eligibility.history import history_of
from limits.eligibility.verdict import Verdict
from limits.errors import (
    InvalidValueError,
    KeyReusedError,
    LedgerOpenError,
    NoSendError,
    NotInitialisedError,
    OutOfRangeError,
    PlanChangeNotConfirmed,
)
from limits.events import Action, CreditBack, Event, EventKind, ResponseKind, as_utc, from_us, iso, to_us
from limits.identity import canonical_lead_id
from limits.ledger import Ledger
from limits.plan_change import PlanChange, PlanChangeKind
from limits.recipient import Recipient
from limits.schedule import terms_for, validate_cycle_day
from limits.sent import Due, SentItem, due, refine, sent_items
from limits.snapshots import ledger_at, ledger_in, refresh
from limits.status import CapUse, LotView, Note, NoteKind, ScheduledPlan, Status
from limits.store import Store

DB_NAME = "ledger.sqlite3"


class Account:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.on_change = self._keep_snapshots

    def _keep_snapshots(self, db: sqlite3.Connection) -> None:
        """Inside each write: the snapshots follow the book, so reads never replay more than a tail. A
        write that leaves a book it cannot replay (an override the recorded plan contradicts) raises here,
        and its transaction rolls back: nothing a write leaves behind can make a read fail."""
        refresh(self.store, db, self.catalog())

    @classmethod
    def open(cls, data_dir: str | Path) -> Account:
        directory = Path(data_dir).expanduser()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LedgerOpenError(
                directory / DB_NAME, f"cannot create the folder {directory}: {exc.strerror}"
            ) from None
        return cls(Store(directory / DB_NAME))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Account:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- figures -----------------------------------------------------------------------------------------

    def catalog(self) -> Catalog:
        """The shipped figures with the user's overrides applied."""
        return load_catalog(self.store.overrides())

    def overrides(self) -> dict[str, Any]:
        return self.store.overrides()

    def set_override(self, key: str, value: Any) -> FigureValue:
        """Override one figure (what LinkedIn shows the user wins); returns the value as stored."""
        typed = coerce(load_catalog().figure(key), value)
        load_catalog({**self.store.overrides(), key: typed})  # the whole set must still hold together
        self.store.set_override(key, typed)
        return typed

    def clear_override(self, key: str) -> bool:
        load_catalog().figure(key)  # an unknown key is a typo worth reporting
        return self.store.clear_override(key)

    # -- recording ------------------------------------------------------------------------------------

    def plan_change(
        self,
        plan: str,
        *,
        start: datetime | None = None,
        cycle_day: int | None = None,
        balance: int | None = None,
        at: datetime | None = None,
    ) -> PlanChange:
        """What `init_plan` with these arguments would do, without doing it (the app's confirmation)."""
        with self.store.reading() as db:
            return self._plan_change(
                db, plan, start=start, cycle_day=cycle_day, balance=balance, at=_instant(at)
            )

    def init_plan(
        self,
        plan: str,
        *,
        start: datetime | None = None,
        cycle_day: int | None = None,
        balance: int | None = None,
        at: datetime | None = None,
        confirm: bool = False,
    ) -> PlanChange:
        """Set the plan, in force from `start` (default `at`; the plan in force's own start when it is the
        same plan). `balance` is what LinkedIn shows at `at`: a sync there. The same plan and start again
        records nothing (balance aside); another plan drops the old plan's credits and needs `confirm`."""
        at = _instant(at)
        with self.store.writing() as db:
            change = self._plan_change(db, plan, start=start, cycle_day=cycle_day, balance=balance, at=at)
            if change.needs_confirmation and not confirm:
                raise PlanChangeNotConfirmed(change)
            newest = self.store.newest_id(db)
            since = to_us(at)
            if change.kind is not PlanChangeKind.UNCHANGED:
                event = Event(
                    kind=EventKind.PLAN_SET,
                    at=change.start,
                    plan=plan,
                    start=change.start,
                    cycle_day=cycle_day,
                )
                self.store.insert(db, event)
                since = min(since, to_us(change.start))
            synced = False
            if balance is not None:
                anchor = max(at, change.start)
                current = None
                if change.kind is PlanChangeKind.UNCHANGED:
                    current = ledger_in(self.store, db, self.catalog(), to_us(anchor)).balance
                if current != balance:
                    self.store.insert(db, Event(kind=EventKind.SYNC, at=anchor, credits=balance))
                    synced = True
            if change.kind is not PlanChangeKind.UNCHANGED or synced:
                self.store.changed(db, newest, since)
        return change.model_copy(update={"synced": synced})

    def _plan_change(
        self,
        db: sqlite3.Connection,
        plan: str,
        *,
        start: datetime | None,
        cycle_day: int | None,
        balance: int | None,
        at: datetime,
    ) -> PlanChange:
        catalog = self.catalog()
        chosen = catalog.plan(plan)
        validate_cycle_day(cycle_day)
        if balance is not None:
            _credits("the starting balance", balance)
        current = self.store.latest_plan(db)
        if start is None:
            start = current.at if current is not None and current.plan == plan else at
        start = _instant(start)
        terms = terms_for(chosen, start=start, cycle_day=cycle_day)  # validates the cycle day and the rule
        fields: dict[str, Any] = {
            "plan": plan,
            "start": start,
            "cycle_day": terms.cycle_day,
            "balance": balance,
        }
        if current is None:
            return PlanChange(kind=PlanChangeKind.NEW, **fields)
        assert current.plan is not None
        before = terms_for(catalog.plan(current.plan), start=current.at, cycle_day=current.cycle_day)
        previous: dict[str, Any] = {"previous_plan": current.plan, "previous_start": current.at}
        if current.plan == plan and to_us(current.at) == to_us(start) and before.cycle_day == terms.cycle_day:
            return PlanChange(kind=PlanChangeKind.UNCHANGED, **fields, **previous)
        if to_us(start) <= to_us(current.at) and start.date() == current.at.date():
            # A plan set by mistake is corrected the same day: the new one takes over at the old one's start
            # (recorded after it at that instant, so the replay applies it last).
            fields["start"] = current.at
            dropped = ledger_in(self.store, db, catalog, to_us(current.at)).balance
            return PlanChange(kind=PlanChangeKind.REPLACE, credits_dropped=dropped, **fields, **previous)
        if to_us(start) <= to_us(current.at):
            raise InvalidValueError(
                f"a new plan must start after the plan in force ({current.plan} from {iso(current.at)}), "
                f"or replace it on that same day, not on {iso(start)}",
                field="start",
                value=start,
            )
        dropped = ledger_in(self.store, db, catalog, to_us(start)).balance
        return PlanChange(kind=PlanChangeKind.CHANGE, credits_dropped=dropped, **fields, **previous)

    def record_inmail(
        self, lead_id: str, *, open_profile: bool = False, at: datetime | None = None, key: str | None = None
    ) -> Recorded:
        return self._record(EventKind.INMAIL, lead_id, at, key, open_profile=bool(open_profile))

    def record_message(self, lead_id: str, *, at: datetime | None = None, key: str | None = None) -> Recorded:
        return self._record(EventKind.MESSAGE, lead_id, at, key)

    def record_invite(
        self, lead_id: str, *, note: bool = False, at: datetime | None = None, key: str | None = None
    ) -> Recorded:
        return self._record(EventKind.INVITE, lead_id, at, key, note=bool(note))

    def record_withdraw(
        self, lead_id: str, *, at: datetime | None = None, key: str | None = None
    ) -> Recorded:
        return self._record(EventKind.WITHDRAW, lead_id, at, key)

    def record_response(
        self,
        lead_id: str,
        *,
        kind: ResponseKind | str = ResponseKind.REPLIED,
        at: datetime | None = None,
        key: str | None = None,
    ) -> Recorded:
        """An answer from `lead_id`; `Recorded.credit_back` says whether an InMail's credit came back and
        why not. A response for someone nothing was sent to is refused (`NoSendError`); one for someone
        who got only messages or invitations is recorded with `CreditBack.NO_INMAIL`."""
        try:
            response = ResponseKind(kind)
        except ValueError:
            choices = ", ".join(k.value for k in ResponseKind)
            raise InvalidValueError(
                f"unknown response kind {kind!r}: use one of {choices}", field="kind", value=kind
            ) from None
        return self._record(EventKind.RESPONSE, lead_id, at, key, response=response)

    def sync(self, n: int, *, at: datetime | None = None, key: str | None = None) -> Recorded:
        """ "LinkedIn shows n credits": the balance becomes n (an adjustment, up or down)."""
        return self._record(EventKind.SYNC, None, at, key, credits=_credits("the credits LinkedIn shows", n))

    def purchase(self, n: int, *, at: datetime | None = None, key: str | None = None) -> Recorded:
        return self._record(
            EventKind.PURCHASE, None, at, key, credits=_credits("purchased credits", n, low=1)
        )

    def _record(
        self, kind: EventKind, lead_id: str | None, at: datetime | None, key: str | None, **fields: Any
    ) -> Recorded:
        when = _instant(at)  # taken again inside the write lock when `at` is now
        if lead_id is not None:
            if not isinstance(lead_id, str) or not lead_id.strip():
                raise InvalidValueError(
                    "the lead id is empty: give the profile URL or another id", field="lead_id"
                )
            lead_id = canonical_lead_id(lead_id)
        if key is not None and (not isinstance(key, str) or not key.strip()):
            raise InvalidValueError("the idempotency key is empty", field="key")
        catalog = self.catalog()
        with self.store.writing() as db:
            if at is None:  # a writer that waited for the lock sends after the one that held it
                when = _instant(None)
            event = Event(kind=kind, at=when, lead_id=lead_id, key=key, **fields)
            first = self.store.first_plan_us(db)
            if first is None:
                raise NotInitialisedError()
            if key is not None and (found := self.store.by_key(db, key)) is not None:
                if not _same(found, event):
                    raise KeyReusedError(key, found)
                ledger = ledger_in(self.store, db, catalog, to_us(found.at))
                return Recorded(event=found, new=False, balance=ledger.balance)
            if to_us(when) < first:
                raise NotInitialisedError(when, from_us(first))
            history = self.store.lead_rows(db, lead_id, to_us(when)) if lead_id else []
            if kind is EventKind.RESPONSE and not any(row.action for row in history):
                raise NoSendError(lead_id or "", when)
            ledger = ledger_in(self.store, db, catalog, to_us(when))
            funded = ledger.balance >= 1 and self._left_at_end(db, catalog, to_us(when)) >= 1
            newest = self.store.newest_id(db)
            stored = self.store.insert(db, event)
            ledger.answers = {}
            assert stored.id is not None
            ledger.apply(stored.row(stored.id))
            self.store.changed(db, newest, to_us(when))
        credit_back = None
        if kind is EventKind.RESPONSE:
            outcome = ledger.answers[stored.id].outcome
            window = catalog.days("credits.refund_window_days")
            credit_back = refine(outcome, [(*row[:5], None, None) for row in history], when, window)
        return Recorded(
            event=stored,
            new=True,
            balance=ledger.balance,
            credit_back=credit_back,
            unfunded=stored.action is Action.INMAIL and not funded,
        )

    def _left_at_end(self, db: Any, catalog: Any, when_us: int) -> int:
        """The balance after the book's last event, when one lies after `when_us` (a send recorded out of
        order takes a credit a later send was counted on); else a large number."""
        last = self.store.last_at_us(db)
        return ledger_in(self.store, db, catalog, last).balance if last > when_us else 1 << 30

    def events(self) -> list[Event]:
        return self.store.events()

    # -- reading ---------------------------------------------------------------------------------------

    def ledger(self, *, at: datetime | None = None) -> Ledger:
        """The replayed ledger at `at` (lots, balance, pending InMails); raises if no plan is set by then."""
        at = _instant(at)
        ledger = ledger_at(self.store, self.catalog(), to_us(at))
        if ledger.terms is None:
            with self.store.reading() as db:
                first = self.store.first_plan_us(db)
            raise NotInitialisedError(
                None if first is None else at, None if first is None else from_us(first)
            )
        return ledger

    def status(self, *, at: datetime | None = None) -> Status:
        at = _instant(at)
        catalog = self.catalog()
        ledger = self.ledger(at=at)
        assert ledger.terms is not None
        plan = catalog.plan(ledger.terms.plan_id)
        with self.store.reading() as db:
            readings = caps.readings(self.store, db, catalog, plan.id, at=at)
            ahead = self.store.plans_after(db, to_us(at))
        scheduled = [
            ScheduledPlan(plan=e.plan, plan_name=catalog.plan(e.plan).name, start=e.start or e.at)
            for e in ahead
            if e.plan is not None
        ]
        lots = sorted(ledger.lots.items, key=lambda lot: lot.spend_order())
        notes = []
        if ledger.unfunded:
            notes.append(
                Note(
                    kind=NoteKind.UNFUNDED,
                    text=f"{ledger.unfunded} InMail(s) recorded with no credit in the book",
                    count=ledger.unfunded,
                )
            )
        if plan.monthly == 0 and plan.paid and not plan.credits_per_month.overridden:
            notes.append(
                Note(
                    kind=NoteKind.SEAT_ALLOTMENT,
                    text=f"{plan.name} allotments are set per seat",
                    figure=f"plans.{plan.id}.credits_per_month",
                )
            )
        return Status(
            plan=plan.id,
            balance=ledger.balance,
            lots=[
                LotView(
                    credits=lot.credits,
                    granted_at=from_us(lot.granted_us),
                    expires_at=from_us(lot.expires_us) if lot.expires_us is not None else None,
                    kind=lot.kind,
                )
                for lot in lots
            ],
            next_renewal_at=from_us(ledger.next_renewal_us) if ledger.next_renewal_us is not None else None,
            caps={
                name: CapUse(used=r.used, limit=r.limit, window=r.window, title=r.title, source=r.source)
                for name, r in readings.items()
            },
            at=at,
            plan_name=plan.name,
            bank_cap=plan.bank_cap,
            notes=notes,
            unfunded=ledger.unfunded,
            since=from_us(ledger.terms.start_us),
            scheduled=scheduled,
        )

    def event_by_key(self, key: str) -> Event | None:
        """The event recorded under the idempotency key `key`, if any (a front end's earlier click)."""
        with self.store.reading() as db:
            return self.store.by_key(db, key)

    def sent(self, *, at: datetime | None = None) -> list[SentItem]:
        """Every send up to `at`, newest first: channel, credits, status, credit-back window and outcome."""
        at = _instant(at)
        catalog = self.catalog()
        ledger = Ledger(catalog, explain=True)
        with self.store.reading() as db:
            for credit_row in self.store.credit_rows(db, -(2**62), to_us(at)):
                ledger.apply(credit_row)
            rows = self.store.lead_events(db, to_us(at))
        assert ledger.answers is not None
        assert ledger.unfunded_ids is not None
        window = catalog.days("credits.refund_window_days")
        items = sent_items(rows, ledger.answers, ledger.unfunded_ids, at=at, window=window)
        by_lead: dict[str, list[tuple]] = {}
        for row in rows:
            by_lead.setdefault(row[3], []).append(row)
        refined = []
        for item in items:
            if item.credit_back_reason is CreditBack.NOT_PENDING and item.answered_at is not None:
                why = refine(CreditBack.NOT_PENDING, by_lead[item.lead_id], item.answered_at, window)
                item = dataclasses.replace(item, credit_back_reason=why)
            refined.append(item)
        return refined

    def due(self, *, at: datetime | None = None, follow_up_days: int = 7, closing_days: int = 14) -> Due:
        """Follow-ups due (unanswered for `follow_up_days`) and credit-back windows closing within
        `closing_days` (answer or follow up before then, or the credit stays spent)."""
        at = _instant(at)
        _days("follow_up_days", follow_up_days)
        _days("closing_days", closing_days)
        return due(self.sent(at=at), at=at, follow_up_days=follow_up_days, closing_days=closing_days)

    def check(self, recipient: Recipient, *, at: datetime | None = None) -> Verdict:
        at = _instant(at)
        catalog = self.catalog()
        ledger = self.ledger(at=at)
        assert ledger.terms is not None
        plan = catalog.plan(ledger.terms.plan_id)
        with self.store.reading() as db:
            history = history_of(self.store.lead_rows(db, recipient.id, to_us(at)))
            readings = caps.readings(self.store, db, catalog, plan.id, at=at, lead_id=recipient.id)
        renewal = from_us(ledger.next_renewal_us) if ledger.next_renewal_us is not None else None
        return check(
            CheckInput(
                at=at,
                recipient=recipient,
                catalog=catalog,
                plan=plan,
                balance=ledger.balance,
                next_renewal_at=renewal,
                history=history,
                caps=readings,
                unfunded=ledger.unfunded,
            )
        )

    def balance_forecast(self, *, at: datetime | None = None, days: int = 90) -> list[tuple[datetime, int]]:
        """(instant, balance) at `at`, at each renewal and expiry ahead, at each scheduled change of plan
        (its grants and the old plan's credits dropped), and at the horizon."""
        at = _instant(at)
        _days("days", days)
        horizon = to_us(at + timedelta(days=days))
        with self.store.reading() as db:
            ahead = [
                row for row in self.store.credit_rows(db, to_us(at), horizon) if row[1] == EventKind.PLAN_SET
            ]
        return [(from_us(t), balance) for t, balance in self.ledger(at=at).forecast(horizon, scheduled=ahead)]


_EARLIEST, _LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _instant(value: datetime | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    if not isinstance(value, datetime):
        raise InvalidValueError(f"an instant must be a datetime, not {value!r}")
    value = as_utc(value)
    if not _EARLIEST <= value < _LATEST:  # keeps month arithmetic far from datetime's limits
        raise InvalidValueError(f"{iso(value)} is out of range: use a date between 2000 and 2199")
    return value


def _whole(what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"{what} must be a whole number, not {value!r}", field=what, value=value)
    return value


def _credits(what: str, value: Any, *, low: int = 0) -> int:
    if not low <= _whole(what, value) <= MAX_CREDITS:
        raise OutOfRangeError(what, value, low, MAX_CREDITS)
    return value


def _days(what: str, value: Any) -> int:
    if not 1 <= _whole(what, value) <= MAX_DAYS:
        raise OutOfRangeError(what, value, 1, MAX_DAYS)
    return value


def _same(first: Event, again: Event) -> bool:
    """The event a key recorded, asked for again? The same kind, person and fields: a retried "Mark as
    sent" a moment later is the same send, whatever instant it carries."""
    drop = {"key", "at"}
    one, other = first.detail(), again.detail()
    return {k: v for k, v in one.items() if k not in drop} == {
        k: v for k, v in other.items() if k not in drop
    }


class Recorded(BaseModel):
    """What a record call did: the event (the first one, for a repeated key), and what it changed."""

    model_config = ConfigDict(frozen=True)

    event: Event
    new: bool  # False: the key had recorded this very event already, and nothing was written
    balance: int  # the balance right after the event, at its instant
    credit_back: CreditBack | None = None  # responses: whether an InMail's credit came back, or why not
    unfunded: bool = False  # a paid InMail recorded when the book showed no credit

    @property
    def id(self) -> int | None:
        return self.event.id

    @property
    def at(self) -> datetime:
        return self.event.at

    @property
    def lead_id(self) -> str | None:
        return self.event.lead_id

    @property
    def kind(self) -> EventKind:
        return self.event.kind

    @property
    def key(self) -> str | None:
        return self.event.key
