"""The SQLite book: append-only events, the user's overrides, and snapshots of derived ledger state.

WAL journal, one IMMEDIATE transaction per write, an idempotency key with a UNIQUE constraint, and a busy
timeout, so two processes writing at once both land and a write cut half way leaves nothing behind.
Every write that changes the book also calls `on_change` inside its transaction (the account keeps its
snapshots current there), so derived state and events commit together or not at all.
"""

# ruff: noqa: S608 - queries are built from constant fragments; every value is bound with "?"

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from limits.errors import LedgerCorruptError, LedgerWriteError, LimitsError
from limits.events import Event, Row, to_us

SCHEMA_VERSION = 2
# What a book of the version before needs; the events are the source of truth, so a derived table that
# changed shape is dropped and rebuilt from them.
_MIGRATIONS = {2: "DROP TABLE IF EXISTS snapshots"}  # 2: snapshots count the credit events (seq)
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
_RETRY = "nothing was recorded; close other InMail Assistant windows, check the disk, and try again"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.on_change: Callable[[sqlite3.Connection], None] | None = None
        self._lock = threading.RLock()  # the app may share one Account between Streamlit's threads
        try:
            self._db = sqlite3.connect(
                path, timeout=_WAIT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise LimitsError(
                    f"{path} was written by a newer InMail Assistant: upgrade it to read this ledger"
                )
            if version < SCHEMA_VERSION:
                with self.writing() as db:
                    for step in range(version + 1, SCHEMA_VERSION + 1):
                        if version and step in _MIGRATIONS:
                            db.execute(_MIGRATIONS[step])
                    for statement in filter(str.strip, _SCHEMA.split(";")):
                        db.execute(statement)  # not executescript: it would commit half way
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            raise LimitsError(
                f"cannot open the ledger {path} ({exc}): "
                "check the folder's permissions or use another --data-dir"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise LedgerCorruptError(
                f"{path} is not a ledger this program can read ({exc}): "
                "move it away or use another --data-dir"
            ) from None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def writing(self, *, wait_ms: int = _WAIT_MS) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: it holds the write lock from the start, so checks and writes agree.
        `wait_ms` is how long to wait for another writer before giving up."""
        with self._lock, self._patience(wait_ms):
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:  # locked past the busy timeout, read-only file, ...
                raise LedgerWriteError(f"cannot write the ledger {self.path} ({exc}): {_RETRY}") from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):  # disk full, I/O error: nothing was written
                    raise LedgerWriteError(f"cannot write the ledger {self.path} ({exc}): {_RETRY}") from None
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same committed book."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
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

    def append(self, event: Event) -> Event:
        """Store `event`; with a key already used, store nothing and return the first event of that key."""
        row = event.row(0)
        with self.writing() as db:
            newest = self.newest_id(db)
            cursor = db.execute(
                "INSERT INTO events (key, kind, at_us, lead_id, action, amount, detail, recorded_us)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                (event.key, *row[1:], time.time_ns() // 1000),
            )
            if cursor.rowcount == 0:
                found = db.execute("SELECT id, detail FROM events WHERE key = ?", (event.key,)).fetchone()
                return _event(*found)
            self._changed(db, newest, row.at_us)
            return event.model_copy(update={"id": cursor.lastrowid})

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
            self._changed(db, newest, to_us(min(e.at for e in events)))

    def _changed(self, db: sqlite3.Connection, newest: int, since_us: int) -> None:
        """After events dated `since_us` or later landed on a book whose last id was `newest`."""
        # Derived state dated from that instant on no longer holds (a late or back-dated record) ...
        db.execute("DELETE FROM snapshots WHERE at_us >= ?", (since_us,))
        # ... and the rest holds for the new events too: they are all dated after it. Restamped, its guard
        # (no event after last_id dated before the snapshot) stays a lookup of the few events since.
        db.execute("UPDATE snapshots SET last_id = (SELECT MAX(id) FROM events) WHERE last_id = ?", (newest,))
        if self.on_change is not None:
            self.on_change(db)

    def newest_id(self, db: sqlite3.Connection) -> int:
        return db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]

    def events(self, *, lead_id: str | None = None) -> list[Event]:
        where, args = ("WHERE lead_id = ?", (lead_id,)) if lead_id is not None else ("", ())
        with self._lock:
            rows = self._db.execute(f"SELECT id, detail FROM events {where} ORDER BY at_us, id", args)
            return [_event(*row) for row in rows]

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
        self, db: sqlite3.Connection, actions: list[str], since_us: int, until_us: int, *, unique: bool
    ) -> int:
        what = "COUNT(DISTINCT lead_id)" if unique else "COUNT(*)"
        query = f"SELECT {what} FROM events WHERE {_window(actions)}"
        return db.execute(query, (*actions, since_us, until_us)).fetchone()[0]

    def counts_lead(
        self, db: sqlite3.Connection, actions: list[str], since_us: int, until_us: int, lead: str
    ) -> bool:
        query = f"SELECT 1 FROM events WHERE {_window(actions)} AND lead_id = ? LIMIT 1"
        return db.execute(query, (*actions, since_us, until_us, lead)).fetchone() is not None

    def nth_oldest(
        self,
        db: sqlite3.Connection,
        actions: list[str],
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
            return {
                key: json.loads(value) for key, value in self._db.execute("SELECT key, value FROM overrides")
            }

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


def _window(actions: list[str]) -> str:
    """Counted actions inside a rolling window: bind the actions, then since_us and until_us."""
    return f"action IN ({', '.join('?' * len(actions))}) AND at_us > ? AND at_us <= ?"


def _event(event_id: int, detail: str) -> Event:
    return Event.model_validate({**json.loads(detail), "id": event_id})
