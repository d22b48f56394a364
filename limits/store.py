"""The SQLite book: append-only events, the user's overrides, and snapshots of derived ledger state.

WAL journal, one IMMEDIATE transaction per write, an idempotency key with a UNIQUE constraint, and a busy
timeout, so two processes writing at once both land and a write cut half way leaves nothing behind.
Every write that changes the book also calls `on_change` inside its transaction (the account keeps its
snapshots current there and refuses a book it cannot replay), so derived state and events commit together
or not at all. An existing file passes `PRAGMA quick_check`, read-only, before anything writes to it.
"""

# ruff: noqa: S608 - queries are built from constant fragments; every value is bound with "?"

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from limits.errors import LedgerCorruptError, LedgerOpenError, LedgerWriteError, LimitsError
from limits.events import Event, EventKind, Row, to_us
from limits.identity import canonical_lead_id

SCHEMA_VERSION = 3
# What a book of the version before needs; the events are the source of truth, so a derived table that
# changed shape is dropped and rebuilt from them. 2: snapshots count the credit events (seq).
# 3: a plan is dated at its start (backfill), a starting balance is a sync at the time it was recorded,
# lead ids are canonical (see _upgrade_to_3).
_MIGRATIONS = {2: "DROP TABLE IF EXISTS snapshots", 3: "DROP TABLE IF EXISTS snapshots"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT UNIQUE,
    kind TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    lead_id TEXT,
    action TEXT,
    amount INTEGER,
    detail TEXT NOT NULL,
    recorded_us INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_at ON events (at_us, id);
CREATE INDEX IF NOT EXISTS events_credit ON events (at_us, id, kind, lead_id, action, amount)
    WHERE (kind IN ('plan_set', 'sync', 'purchase', 'response') OR action = 'inmail');
CREATE INDEX IF NOT EXISTS events_action ON events (action, at_us, lead_id);
CREATE INDEX IF NOT EXISTS events_lead ON events (lead_id, at_us);
CREATE TABLE IF NOT EXISTS overrides (key TEXT PRIMARY KEY, value TEXT NOT NULL, set_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
    fingerprint TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (fingerprint, at_us)
);
"""
_COLUMNS = "id, kind, at_us, lead_id, action, amount, detail"
# Word for word the events_credit index's condition, so SQLite reads the replay from that index alone.
_CREDIT_FILTER = "(kind IN ('plan_set', 'sync', 'purchase', 'response') OR action = 'inmail')"
# All in the index but a plan_set's JSON, which only the (few) plan_set rows look up in the table.
_CREDIT_COLUMNS = (
    "id, kind, at_us, lead_id, action, amount,"
    " CASE WHEN kind = 'plan_set' THEN (SELECT e.detail FROM events AS e WHERE e.id = events.id) ELSE '' END"
)
_WAIT_MS = 30_000  # how long a write waits for another writer


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.on_change: Callable[[sqlite3.Connection], None] | None = None
        self._lock = threading.RLock()  # the app may share one Account between Streamlit's threads
        if path.is_file() and path.stat().st_size:
            _quick_check(path)
        try:
            self._db = sqlite3.connect(
                path, timeout=_WAIT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise LedgerOpenError(path, str(exc)) from None
        try:
            self._set_up()
        except LimitsError:
            self._db.close()
            raise
        except sqlite3.OperationalError as exc:
            self._db.close()
            raise LedgerOpenError(path, str(exc)) from None
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise LedgerCorruptError(path, str(exc)) from None

    def _set_up(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LimitsError(
                f"{self.path} was written by a newer InMail Assistant: upgrade it to read this ledger"
            )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        if version < SCHEMA_VERSION:
            with self.writing() as db:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    if version and step in _MIGRATIONS:
                        db.execute(_MIGRATIONS[step])
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(statement)  # not executescript: it would commit half way
                if version and version < 3:
                    _upgrade_to_3(db)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def writing(self, *, wait_ms: int = _WAIT_MS) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: it holds the write lock from the start, so checks and writes agree.
        `wait_ms` is how long to wait for another writer before giving up."""
        with self._lock, self._patience(wait_ms):
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:  # locked past the busy timeout, read-only file, ...
                raise LedgerWriteError(self.path, str(exc)) from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):  # disk full, I/O error: nothing was written
                    raise LedgerWriteError(self.path, str(exc)) from None
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same committed book."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise LedgerOpenError(self.path, str(exc)) from None
            finally:
                if self._db.in_transaction:
                    self._db.execute("COMMIT")

    @contextmanager
    def _patience(self, milliseconds: int) -> Iterator[None]:
        if milliseconds == _WAIT_MS:
            yield
            return
        self._db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
        try:
            yield
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {_WAIT_MS}")

    # -- events ----------------------------------------------------------------------------------------

    def insert(self, db: sqlite3.Connection, event: Event) -> Event:
        """Store `event` inside the caller's write (see `writing`); returns it with its id."""
        row = event.row(0)
        cursor = db.execute(
            "INSERT INTO events (key, kind, at_us, lead_id, action, amount, detail, recorded_us)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event.key, *row[1:], time.time_ns() // 1000),
        )
        return event.model_copy(update={"id": cursor.lastrowid})

    def by_key(self, db: sqlite3.Connection, key: str) -> Event | None:
        found = db.execute("SELECT id, detail FROM events WHERE key = ?", (key,)).fetchone()
        return _event(*found) if found else None

    def first_plan_us(self, db: sqlite3.Connection) -> int | None:
        """When the first plan starts: nothing can be recorded before it."""
        return db.execute("SELECT MIN(at_us) FROM events WHERE kind = 'plan_set'").fetchone()[0]

    def latest_plan(self, db: sqlite3.Connection) -> Event | None:
        found = db.execute(
            "SELECT id, detail FROM events WHERE kind = 'plan_set' ORDER BY at_us DESC, id DESC LIMIT 1"
        ).fetchone()
        return _event(*found) if found else None

    def plans_after(self, db: sqlite3.Connection, after_us: int) -> list[Event]:
        """The plans set to start after `after_us` (scheduled changes), soonest first."""
        rows = db.execute(
            "SELECT id, detail FROM events WHERE kind = 'plan_set' AND at_us > ? ORDER BY at_us, id",
            (after_us,),
        ).fetchall()
        return [_event(*row) for row in rows]

    def changed(self, db: sqlite3.Connection, newest: int, since_us: int) -> None:
        """After events dated `since_us` or later landed on a book whose last id was `newest`."""
        # Derived state dated from that instant on no longer holds (a late or back-dated record) ...
        db.execute("DELETE FROM snapshots WHERE at_us >= ?", (since_us,))
        # ... and the rest holds for the new events too: they are all dated after it. Restamped, its guard
        # (no event after last_id dated before the snapshot) stays a lookup of the few events since.
        db.execute("UPDATE snapshots SET last_id = (SELECT MAX(id) FROM events) WHERE last_id = ?", (newest,))
        if self.on_change is not None:
            self.on_change(db)

    def append_many(self, events: list[Event]) -> None:
        """Bulk load in one transaction (imports and the bench); no idempotency lookups."""
        if not events:
            return
        now = time.time_ns() // 1000
        with self.writing() as db:
            newest = self.newest_id(db)
            db.executemany(
                "INSERT INTO events (key, kind, at_us, lead_id, action, amount, detail, recorded_us)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((e.key, *e.row(0)[1:], now) for e in events),
            )
            self.changed(db, newest, to_us(min(e.at for e in events)))

    def last_at_us(self, db: sqlite3.Connection) -> int:
        return db.execute("SELECT COALESCE(MAX(at_us), 0) FROM events").fetchone()[0]

    def newest_id(self, db: sqlite3.Connection) -> int:
        return db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]

    def events(self, *, lead_id: str | None = None) -> list[Event]:
        where, args = ("WHERE lead_id = ?", (lead_id,)) if lead_id is not None else ("", ())
        with self._lock:
            rows = self._db.execute(f"SELECT id, detail FROM events {where} ORDER BY at_us, id", args)
            return [_event(*row) for row in rows]

    def lead_events(self, db: sqlite3.Connection, until_us: int) -> list[tuple]:
        """(id, kind, at_us, lead_id, action, key, response) of every event with a lead, in replay order:
        what the sent list folds (plain tuples: a list of 100,000 models would cost seconds)."""
        query = (
            "SELECT id, kind, at_us, lead_id, action, key, json_extract(detail, '$.response') FROM events"
            " WHERE lead_id IS NOT NULL AND at_us <= ? ORDER BY at_us, id"
        )
        return db.execute(query, (until_us,)).fetchall()

    def has_plan(self) -> bool:
        with self._lock:
            return (
                self._db.execute("SELECT 1 FROM events WHERE kind = 'plan_set' LIMIT 1").fetchone()
                is not None
            )

    def credit_rows(self, db: sqlite3.Connection, after_us: int, until_us: int) -> list[Row]:
        """The events that move credits, with after_us < at_us <= until_us, in replay order, as plain
        tuples in Row's order (building ~30,000 named tuples would cost a third of the replay)."""
        where = f"at_us > ? AND at_us <= ? AND {_CREDIT_FILTER}"
        query = f"SELECT {_CREDIT_COLUMNS} FROM events WHERE {where} ORDER BY at_us, id"
        return db.execute(query, (after_us, until_us)).fetchall()

    def has_credit_rows(self, db: sqlite3.Connection, after_us: int) -> bool:
        query = f"SELECT 1 FROM events WHERE at_us > ? AND {_CREDIT_FILTER} LIMIT 1"
        return db.execute(query, (after_us,)).fetchone() is not None

    def lead_rows(self, db: sqlite3.Connection, lead_id: str, until_us: int) -> list[Row]:
        query = f"SELECT {_COLUMNS} FROM events WHERE lead_id = ? AND at_us <= ? ORDER BY at_us, id"
        return [Row(*r) for r in db.execute(query, (lead_id, until_us))]

    # -- counting for the caps -------------------------------------------------------------------------

    def count(
        self, db: sqlite3.Connection, actions: Sequence[str], since_us: int, until_us: int, *, unique: bool
    ) -> int:
        what = "COUNT(DISTINCT lead_id)" if unique else "COUNT(*)"
        query = f"SELECT {what} FROM events WHERE {_window(actions)}"
        return db.execute(query, (*actions, since_us, until_us)).fetchone()[0]

    def counts_lead(
        self, db: sqlite3.Connection, actions: Sequence[str], since_us: int, until_us: int, lead: str
    ) -> bool:
        query = f"SELECT 1 FROM events WHERE {_window(actions)} AND lead_id = ? LIMIT 1"
        return db.execute(query, (*actions, since_us, until_us, lead)).fetchone() is not None

    def nth_oldest(
        self,
        db: sqlite3.Connection,
        actions: Sequence[str],
        since_us: int,
        until_us: int,
        n: int,
        *,
        unique: bool,
    ) -> int | None:
        """The n-th oldest counted instant in the window (unique: each person's latest); None if fewer."""
        if unique:
            inner = f"SELECT MAX(at_us) AS t FROM events WHERE {_window(actions)} GROUP BY lead_id"
        else:
            inner = f"SELECT at_us AS t FROM events WHERE {_window(actions)}"
        query = f"SELECT t FROM ({inner}) ORDER BY t LIMIT 1 OFFSET ?"
        found = db.execute(query, (*actions, since_us, until_us, n - 1)).fetchone()
        return found[0] if found else None

    # -- overrides ---------------------------------------------------------------------------------------

    def overrides(self) -> dict[str, Any]:
        with self._lock:
            return {key: _value(text) for key, text in self._db.execute("SELECT key, value FROM overrides")}

    def set_override(self, key: str, value: Any) -> None:
        with self.writing() as db:
            db.execute(
                "INSERT INTO overrides (key, value, set_us) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_us = excluded.set_us",
                (key, json.dumps(value), time.time_ns() // 1000),
            )
            if self.on_change is not None:
                self.on_change(db)  # new figures, new derived state (snapshots carry the fingerprint)

    def clear_override(self, key: str) -> bool:
        with self.writing() as db:
            cleared = db.execute("DELETE FROM overrides WHERE key = ?", (key,)).rowcount > 0
            if cleared and self.on_change is not None:
                self.on_change(db)
            return cleared


def _value(text: str) -> Any:
    """An override's stored value; a row written by hand that is not JSON is taken as its text, which the
    catalog then refuses in one line naming the figure (clearing it still works)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _window(actions: Sequence[str]) -> str:
    """Counted actions inside a rolling window: bind the actions, then since_us and until_us."""
    return f"action IN ({', '.join('?' * len(actions))}) AND at_us > ? AND at_us <= ?"


def _quick_check(path: Path) -> None:
    """SQLite's own integrity check, on a read-only connection: a damaged file is reported, never touched."""
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise LedgerOpenError(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise LedgerCorruptError(path, str(exc)) from None
    if verdict != "ok":
        raise LedgerCorruptError(path, f"integrity check: {verdict}")


def _upgrade_to_3(db: sqlite3.Connection) -> None:
    """Books of version 2: date each plan at its start, turn a starting balance into a sync at the time
    it was recorded, and key every event on the canonical lead id."""
    for event_id, detail in db.execute("SELECT id, detail FROM events").fetchall():
        data = json.loads(detail)
        if data["kind"] == EventKind.PLAN_SET:
            credits = data.pop("credits", None)
            if credits is not None:
                sync = Event(kind=EventKind.SYNC, at=data["at"], credits=credits)
                db.execute(
                    "INSERT INTO events (kind, at_us, amount, detail, recorded_us) VALUES (?, ?, ?, ?, ?)",
                    (EventKind.SYNC, to_us(sync.at), credits, json.dumps(sync.detail()), 0),
                )
            data["at"] = data.get("start") or data["at"]
        elif data.get("lead_id"):
            data["lead_id"] = canonical_lead_id(data["lead_id"])
        event = Event.model_validate(data)
        row = event.row(event_id)
        db.execute(
            "UPDATE events SET at_us = ?, lead_id = ?, amount = ?, detail = ? WHERE id = ?",
            (row.at_us, row.lead_id, row.amount, row.detail, event_id),
        )


def _event(event_id: int, detail: str) -> Event:
    return Event.model_validate({**json.loads(detail), "id": event_id})
