"""The ledger at an instant, resumed from the nearest valid snapshot rather than replayed from the start.

A snapshot is the replay state at an instant T, saved with the catalog fingerprint and `last_id`, the highest
event id it is known to hold for. It is used for an instant from T on only while no event dated at or before
T has a higher id (the guard), and only with the same credit figures, so caching never changes an answer: it
only skips work.

Every write keeps them current in its own transaction (`refresh`): the newest snapshot moves up to the last
credit-moving event, so a read replays nothing but the expiries and renewals since. A back-dated event voids
the snapshots from its instant on, and its write replays from the checkpoint before it. Checkpoints stay one
per CHECKPOINT_EVERY credit events, so that replay and a question about the past stay short.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

from limits.catalog import Catalog
from limits.errors import LedgerWriteError
from limits.ledger import Ledger
from limits.store import Store

SNAPSHOT_AFTER = 200  # a read that replayed this many events keeps its state
CHECKPOINT_EVERY = 1000  # credit events between the checkpoints kept
_SNAPSHOT_WAIT_MS = 250  # for a read, a snapshot is only a shortcut: skip it rather than keep anyone waiting

State = tuple[int, int, dict]  # (instant, seq, state)


def ledger_at(store: Store, catalog: Catalog, at_us: int) -> Ledger:
    """The ledger at `at_us`. A read past the newest snapshot that replayed a long way (the first after
    an upgrade) keeps its checkpoints and end state; anything earlier, the writes have laid out already."""
    fingerprint = catalog.fingerprint
    with store.reading() as db:
        last_id = store.newest_id(db)
        ledger, replayed, states = _resume(store, db, catalog, _latest(db, fingerprint, at_us), at_us)
        ledger.advance(at_us)
        newest = db.execute("SELECT MAX(at_us) FROM snapshots WHERE fingerprint = ?", (fingerprint,))
        frontier = newest.fetchone()[0]
    if replayed >= SNAPSHOT_AFTER:
        states.append((at_us, ledger.seq, ledger.to_snapshot()))
    states = [state for state in states if frontier is None or state[0] > frontier]
    if states:
        # If another process holds the write lock, skip: a snapshot is only a shortcut.
        with contextlib.suppress(LedgerWriteError), store.writing(wait_ms=_SNAPSHOT_WAIT_MS) as db:
            _save(db, fingerprint, last_id, states)
    return ledger


def ledger_in(store: Store, db: sqlite3.Connection, catalog: Catalog, at_us: int) -> Ledger:
    """The ledger at `at_us` inside the caller's transaction (a write checking what it is about to do)."""
    ledger, _, _ = _resume(store, db, catalog, _latest(db, catalog.fingerprint, at_us), at_us)
    ledger.advance(at_us)
    return ledger


def refresh(store: Store, db: sqlite3.Connection, catalog: Catalog) -> None:
    """Inside the write that changed the book: carry the snapshots up to its last credit-moving event."""
    fingerprint = catalog.fingerprint
    db.execute("DELETE FROM snapshots WHERE fingerprint != ?", (fingerprint,))  # figures of the past
    start = _latest(db, fingerprint, _END, drop_stale=True)
    if start is not None and not store.has_credit_rows(db, start):
        return  # a message, an invitation, a free InMail: nothing that moves credits came after it
    ledger, replayed, states = _resume(store, db, catalog, start, _END)
    if replayed:
        states.append((ledger.cursor_us, ledger.seq, ledger.to_snapshot()))
        _save(db, fingerprint, store.newest_id(db), states)


_END = 2**62  # "every event": a refresh replays to the last one, never further


def _resume(
    store: Store, db: sqlite3.Connection, catalog: Catalog, start: int | None, until_us: int
) -> tuple[Ledger, int, list[State]]:
    """The ledger after the credit events up to `until_us`, from the snapshot at `start` (None: from the
    first event), with how many events that took and the checkpoints it passed (states worth keeping)."""
    if start is None:
        ledger = Ledger(catalog)
    else:
        query = "SELECT state FROM snapshots WHERE fingerprint = ? AND at_us = ?"
        state = db.execute(query, (catalog.fingerprint, start)).fetchone()[0]
        ledger = Ledger.from_snapshot(catalog, json.loads(state))
    states: list[State] = []
    rows = store.credit_rows(db, ledger.cursor_us, until_us)
    apply, stretch = ledger.apply, _stretch_end(ledger.seq)
    for row in rows:
        # Between instants (everything up to the cursor is in), the first state of each stretch.
        if ledger.seq >= stretch and row[2] > ledger.cursor_us:
            states.append((ledger.cursor_us, ledger.seq, ledger.to_snapshot()))
            stretch = _stretch_end(ledger.seq)
        apply(row)
    return ledger, len(rows), states


def _stretch_end(seq: int) -> int:
    return (seq // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY


def _latest(db: sqlite3.Connection, fingerprint: str, at_us: int, *, drop_stale: bool = False) -> int | None:
    """The instant of the latest snapshot at or before `at_us` that no event recorded since voids
    (`drop_stale`, inside a write: delete the void ones met on the way)."""
    rows = db.execute(
        "SELECT at_us, last_id FROM snapshots WHERE fingerprint = ? AND at_us <= ? ORDER BY at_us DESC",
        (fingerprint, at_us),
    )
    for snap_us, last_id in rows.fetchall():
        # "+at_us": walk the ids after last_id (a handful: writes restamp), not every event before snap_us.
        stale = db.execute("SELECT 1 FROM events WHERE id > ? AND +at_us <= ? LIMIT 1", (last_id, snap_us))
        if stale.fetchone() is None:
            return snap_us
        if drop_stale:
            db.execute("DELETE FROM snapshots WHERE fingerprint = ? AND at_us = ?", (fingerprint, snap_us))
    return None


def _save(db: sqlite3.Connection, fingerprint: str, last_id: int, states: list[State]) -> None:
    """Keep states computed from the events up to `last_id`. The guard refuses one if an event dated before
    it landed after `last_id` (while it was computed); one it accepts holds for the whole book, so it is
    stamped with the book's last id. Then thin out: the newest, and the first of each stretch."""
    db.executemany(
        "INSERT OR REPLACE INTO snapshots (fingerprint, at_us, seq, last_id, state)"
        " SELECT ?, ?, ?, (SELECT MAX(id) FROM events), ?"
        " WHERE NOT EXISTS (SELECT 1 FROM events WHERE id > ? AND +at_us <= ?)",
        [
            (fingerprint, at_us, seq, json.dumps(state, separators=(",", ":")), last_id, at_us)
            for at_us, seq, state in states
        ],
    )
    db.execute(
        "DELETE FROM snapshots WHERE fingerprint = ?1"
        " AND at_us < (SELECT MAX(at_us) FROM snapshots WHERE fingerprint = ?1)"
        " AND at_us NOT IN (SELECT MIN(at_us) FROM snapshots WHERE fingerprint = ?1 GROUP BY seq / ?2)",
        (fingerprint, CHECKPOINT_EVERY),
    )
