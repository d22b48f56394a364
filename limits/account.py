"""The facade of docs/api.md: one user's book of credits, sends and replies, in data_dir/ledger.sqlite3."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from limits import caps
from limits.catalog import Catalog, FigureValue, coerce, load_catalog
from limits.eligibility.check import CheckInput, check
from limits.eligibility.history import history_of
from limits.eligibility.verdict import Verdict
from limits.errors import InvalidValueError, LimitsError, NotInitialisedError
from limits.events import Event, EventKind, ResponseKind, as_utc, from_us, iso, to_us
from limits.ledger import Ledger
from limits.recipient import Recipient
from limits.schedule import validate_cycle_day
from limits.snapshots import ledger_at, refresh
from limits.status import CapUse, LotView, Status
from limits.store import Store

DB_NAME = "ledger.sqlite3"


class Account:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.on_change = self._keep_snapshots

    def _keep_snapshots(self, db: sqlite3.Connection) -> None:
        """Inside each write: the snapshots follow the book, so reads never replay more than a tail."""
        # A book that cannot be replayed (an override the recorded plan contradicts) still records; the
        # read then says what is wrong, as it always did.
        with contextlib.suppress(LimitsError):
            refresh(self.store, db, self.catalog())

    @classmethod
    def open(cls, data_dir: str | Path) -> Account:
        directory = Path(data_dir).expanduser()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LimitsError(
                f"cannot create the data directory {directory} ({exc.strerror}): pick another --data-dir"
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

    def init_plan(
        self,
        plan: str,
        *,
        start: datetime | None = None,
        cycle_day: int | None = None,
        balance: int | None = None,
        at: datetime | None = None,
    ) -> Event:
        """Set the plan from `start` (default `at`); a later call changes plan and drops the old credits."""
        at = _instant(at)
        self.catalog().plan(plan)
        validate_cycle_day(cycle_day)
        if balance is not None:
            _count("the starting balance", balance)
        event = Event(
            kind=EventKind.PLAN_SET,
            at=at,
            plan=plan,
            start=_instant(start or at),
            cycle_day=cycle_day,
            credits=balance,
        )
        Ledger(self.catalog()).apply(event.row(0))  # validates the terms (cycle day vs. renewal rule)
        return self.store.append(event)

    def record_inmail(
        self, lead_id: str, *, open_profile: bool = False, at: datetime | None = None, key: str | None = None
    ) -> Event:
        return self._record(EventKind.INMAIL, lead_id, at, key, open_profile=bool(open_profile))

    def record_message(self, lead_id: str, *, at: datetime | None = None, key: str | None = None) -> Event:
        return self._record(EventKind.MESSAGE, lead_id, at, key)

    def record_invite(
        self, lead_id: str, *, note: bool = False, at: datetime | None = None, key: str | None = None
    ) -> Event:
        return self._record(EventKind.INVITE, lead_id, at, key, note=bool(note))

    def record_withdraw(self, lead_id: str, *, at: datetime | None = None, key: str | None = None) -> Event:
        return self._record(EventKind.WITHDRAW, lead_id, at, key)

    def record_response(
        self,
        lead_id: str,
        *,
        kind: ResponseKind | str = ResponseKind.REPLIED,
        at: datetime | None = None,
        key: str | None = None,
    ) -> Event:
        try:
            response = ResponseKind(kind)
        except ValueError:
            choices = ", ".join(k.value for k in ResponseKind)
            raise InvalidValueError(f"unknown response kind {kind!r}: use one of {choices}") from None
        return self._record(EventKind.RESPONSE, lead_id, at, key, response=response)

    def sync(self, n: int, *, at: datetime | None = None, key: str | None = None) -> Event:
        """ "LinkedIn shows n credits": the balance becomes n (an adjustment, up or down)."""
        return self._record(EventKind.SYNC, None, at, key, credits=_count("the credits LinkedIn shows", n))

    def purchase(self, n: int, *, at: datetime | None = None, key: str | None = None) -> Event:
        if _count("purchased credits", n) == 0:
            raise InvalidValueError("purchased credits must be 1 or more")
        return self._record(EventKind.PURCHASE, None, at, key, credits=n)

    def _record(
        self, kind: EventKind, lead_id: str | None, at: datetime | None, key: str | None, **fields: Any
    ) -> Event:
        if not self.store.has_plan():
            raise NotInitialisedError()
        if lead_id is not None and (not isinstance(lead_id, str) or not lead_id.strip()):
            raise InvalidValueError("the lead id is empty: give the profile URL or another id")
        event = Event(
            kind=kind, at=_instant(at), lead_id=lead_id.strip() if lead_id else None, key=key, **fields
        )
        return self.store.append(event)

    def events(self) -> list[Event]:
        return self.store.events()

    # -- reading ---------------------------------------------------------------------------------------

    def ledger(self, *, at: datetime | None = None) -> Ledger:
        """The replayed ledger at `at` (lots, balance, pending InMails); raises if no plan is set by then."""
        at = _instant(at)
        ledger = ledger_at(self.store, self.catalog(), to_us(at))
        if ledger.terms is None:
            raise NotInitialisedError(None if not self.store.has_plan() else iso(at))
        return ledger

    def status(self, *, at: datetime | None = None) -> Status:
        at = _instant(at)
        catalog = self.catalog()
        ledger = self.ledger(at=at)
        assert ledger.terms is not None
        plan = catalog.plan(ledger.terms.plan_id)
        with self.store.reading() as db:
            readings = caps.readings(self.store, db, catalog, plan.id, at=at)
        lots = sorted(ledger.lots.items, key=lambda lot: lot.spend_order())
        notes = []
        if ledger.unfunded:
            notes.append(
                f"{ledger.unfunded} InMail(s) recorded with no credit in the book: "
                "run `inmail ledger sync N`."
            )
        if plan.monthly == 0 and plan.paid and not plan.credits_per_month.overridden:
            notes.append(
                f"{plan.name} allotments are set per seat: run "
                f"`inmail ledger override plans.{plan.id}.credits_per_month N` with yours."
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
        )

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
        """(instant, balance) at `at`, at each renewal and expiry ahead, and at the horizon."""
        at = _instant(at)
        if _count("days", days) > 3650:
            raise InvalidValueError(f"a forecast looks at most 3650 days ahead, not {days}")
        horizon = to_us(at + timedelta(days=days))
        return [(from_us(t), balance) for t, balance in self.ledger(at=at).forecast(horizon)]


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


def _count(what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"{what} must be a whole number, not {value!r}")
    if value < 0:
        raise InvalidValueError(f"{what} cannot be negative ({value}): give 0 or more")
    return value
