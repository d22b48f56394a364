"""The ledger at an instant, replayed from the nearest valid snapshot rather than from the first event.

A snapshot is the replay state at an instant T, saved with the highest event id it saw and the catalog
fingerprint. It is used for a later instant only while no event dated at or before T was recorded after
it, and only with the same figures (an override changes the fingerprint), so caching never changes an
answer: it only skips work.
"""

from __future__ import annotations

import contextlib

from limits.catalog import Catalog
from limits.errors import LedgerWriteError
from limits.ledger import Ledger
from limits.store import Store

SNAPSHOT_AFTER = 200  # a replay that read this many events is worth keeping
CHECKPOINT_EVERY = 2000  # and a long one leaves checkpoints, so a back-dated event replays only from there


def ledger_at(store: Store, catalog: Catalog, at_us: int) -> Ledger:
    fingerprint = catalog.fingerprint
    checkpoints: list[tuple[int, dict]] = []
    with store.reading() as db:
        last_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
        data = store.load_snapshot(db, fingerprint, at_us)
        ledger = Ledger.from_snapshot(catalog, data) if data else Ledger(catalog)
        replayed = 0
        for row in store.credit_rows(db, ledger.cursor_us, at_us):
            # Between instants, everything up to the cursor is in: a state worth keeping.
            if replayed and replayed % CHECKPOINT_EVERY == 0 and row.at_us > ledger.cursor_us:
                checkpoints.append((ledger.cursor_us, ledger.to_snapshot()))
            ledger.apply(row)
            replayed += 1
        ledger.advance(at_us)
    if replayed >= SNAPSHOT_AFTER:
        checkpoints.append((at_us, ledger.to_snapshot()))
    if checkpoints:
        # If another process holds the write lock, skip: a snapshot is only a shortcut.
        with contextlib.suppress(LedgerWriteError):
            store.save_snapshots(fingerprint, last_id, checkpoints)
    return ledger
