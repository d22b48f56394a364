"""The ledger at an instant, replayed from the nearest valid snapshot rather than from the first event.

A snapshot is the replay state at an instant T, saved with the highest event id it saw and the catalog
fingerprint. It is used for a later instant only while no event dated at or before T was recorded after
it, and only with the same figures (an override changes the fingerprint), so caching never changes an
answer: it only skips work.
"""

from __future__ import annotations

import contextlib
import sqlite3

from limits.catalog import Catalog
from limits.ledger import Ledger
from limits.store import Store

SNAPSHOT_AFTER = 200  # a replay that read this many events is worth keeping


def ledger_at(store: Store, catalog: Catalog, at_us: int) -> Ledger:
    fingerprint = catalog.fingerprint
    with store.reading() as db:
        data = store.load_snapshot(db, fingerprint, at_us)
        ledger = Ledger.from_snapshot(catalog, data) if data else Ledger(catalog)
        replayed = 0
        for row in store.credit_rows(db, ledger.cursor_us, at_us):
            ledger.apply(row)
            replayed += 1
        ledger.advance(at_us)
        last_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    if replayed >= SNAPSHOT_AFTER:
        ledger.last_id = max(ledger.last_id, last_id)
        # If another process holds the write lock, skip: a snapshot is only a shortcut.
        with contextlib.suppress(sqlite3.OperationalError):
            store.save_snapshot(fingerprint, at_us, ledger.last_id, ledger.to_snapshot())
    return ledger
