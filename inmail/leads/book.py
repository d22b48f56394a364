"""The book of leads: every saved or imported lead, one per canonical profile id, in `leads.sqlite3` in the
data directory. An import fills the fields a lead lacks and never erases what an earlier one gave; saving a
lead from a form replaces it (the user's edit wins). The saved leads of older versions (`leads.json`) are
copied in once, on first open; the file is left as it was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from composer import Lead, fold
from inmail.errors import FileError, FileProblem, NoLeadIdError, WorkspaceError
from inmail.lead_ids import lead_data, lead_id
from inmail.leads.result import StoreCounts
from inmail.profiles import Profiles

BOOK_FILE = "leads.sqlite3"
OLD_LEADS_FILE = "leads.json"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS leads (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,      -- folded full name, for "write to Elena"
    data TEXT NOT NULL,      -- the lead as JSON
    seq INTEGER NOT NULL     -- order of the last save: the latest last
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_OR_FLAGS = ("open_profile",)  # True once known stays True
_AND_FLAGS = ("accepts_inmail",)  # an opt-out once known stays


class UnknownLeadError(WorkspaceError):
    """No saved lead matches `ref` (or several do: `matches`, their names)."""

    def __init__(self, ref: str, *, matches: tuple[str, ...] = ()) -> None:
        self.ref, self.matches = ref, matches
        if matches:
            text = f"{ref!r} matches {len(matches)} saved leads ({', '.join(matches[:4])}): say more of it"
        else:
            text = f"no saved lead matches {ref!r}"
        super().__init__(text)


def merged(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """`old` with the fields it lacks taken from `new`: a text or list that is there stays; lists of names
    gain the new names; Open Profile and an InMail opt-out, once known, stay known."""
    result = dict(old)
    for key, value in new.items():
        have = result.get(key)
        if key in _OR_FLAGS:
            result[key] = bool(have) or bool(value)
        elif key in _AND_FLAGS:
            result[key] = (have is not False) and (value is not False)
        elif have in (None, "", [], {}):
            result[key] = value
        elif isinstance(have, list) and isinstance(value, list) and all(isinstance(v, str) for v in have):
            result[key] = have + [v for v in value if v not in have]
    return result


class LeadBook:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / BOOK_FILE
        self._db: sqlite3.Connection | None = None

    # -- reading -----------------------------------------------------------------------------------------

    def all(self) -> list[Lead]:
        return [Lead.from_data(data, what="saved lead") for data in self.data().values()]

    def data(self) -> dict[str, dict[str, Any]]:
        """Every lead's JSON by id, the latest saved last (what the forms and the chat list)."""
        if not self._exists():
            return {}
        rows = self._conn().execute("SELECT id, data FROM leads ORDER BY seq")
        return {row[0]: json.loads(row[1]) for row in rows}

    def count(self) -> int:
        return self._conn().execute("SELECT count(*) FROM leads").fetchone()[0] if self._exists() else 0

    def get(self, ref: str) -> Lead:
        """The lead whose id is `ref` (any spelling of its profile URL), whose id starts with it, or whose
        name is it; UnknownLeadError when none or several match."""
        wanted = ref.strip()
        leads = self.data()
        if (exact := lead_id({"id": wanted})) in leads:
            return Lead.from_data(leads[exact], what="saved lead")
        found = [key for key in leads if wanted and key.startswith(wanted)] or [
            key for key in leads if wanted and fold(_full_name(leads[key])) == fold(wanted)
        ]
        if len(found) == 1:
            return Lead.from_data(leads[found[0]], what="saved lead")
        if not found and (named := self.find(wanted)) and len(named) == 1:
            return named[0]
        names = tuple(_full_name(leads[key]) for key in found) or tuple(
            lead.full_name for lead in self.find(wanted)
        )
        raise UnknownLeadError(ref, matches=names if len(names) > 1 else ())

    def find(self, name: str) -> list[Lead]:
        """Leads whose full name, first name or last name is `name` (case and accents ignored)."""
        wanted = fold(name).strip()
        if not wanted:
            return []
        found = []
        for data in self.data().values():
            full = fold(_full_name(data)).strip()
            parts = {fold(str(data.get(key) or "")).strip() for key in ("first_name", "last_name")}
            if wanted == full or wanted in parts:
                found.append(Lead.from_data(data, what="saved lead"))
        return found

    # -- writing -----------------------------------------------------------------------------------------

    def upsert(self, leads: Iterable[Lead | Mapping[str, Any]]) -> StoreCounts:
        """Add new leads, fill the empty fields of known ones; all in one transaction."""
        added = updated = unchanged = 0
        with self._transaction() as db:
            seq = db.execute("SELECT coalesce(max(seq), 0) FROM leads").fetchone()[0]
            for lead in leads:
                data, key = self._keyed(lead)
                row = db.execute("SELECT data FROM leads WHERE id = ?", (key,)).fetchone()
                if row is None:
                    added += 1
                else:
                    old = json.loads(row[0])
                    data = merged(old, data)
                    if data == old:
                        unchanged += 1
                        continue
                    updated += 1
                seq += 1
                db.execute(
                    "INSERT OR REPLACE INTO leads (id, name, data, seq) VALUES (?, ?, ?, ?)",
                    (key, fold(_full_name(data)), json.dumps(data, ensure_ascii=False), seq),
                )
        return StoreCounts(added, updated, unchanged)

    def put(self, lead: Lead | Mapping[str, Any]) -> str:
        """Save `lead` whole (a form's save: the user's edit wins), as the latest; returns its id."""
        data, key = self._keyed(lead)
        with self._transaction() as db:
            seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM leads").fetchone()[0]
            db.execute(
                "INSERT OR REPLACE INTO leads (id, name, data, seq) VALUES (?, ?, ?, ?)",
                (key, fold(_full_name(data)), json.dumps(data, ensure_ascii=False), seq),
            )
        return key

    def remove(self, ref: str) -> bool:
        """Remove the lead with this id (or any spelling of its profile URL); False when there is none."""
        if not self._exists():
            return False
        key = lead_id({"id": ref}) or ref
        with self._transaction() as db:
            return db.execute("DELETE FROM leads WHERE id = ?", (key,)).rowcount > 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the file ----------------------------------------------------------------------------------------

    def _keyed(self, lead: Lead | Mapping[str, Any]) -> tuple[dict[str, Any], str]:
        data = lead_data(lead)
        key = lead_id(data)
        if not key:
            raise NoLeadIdError()
        data["id"] = key
        return data, key

    def _exists(self) -> bool:
        return self._db is not None or self.path.exists() or (self.directory / OLD_LEADS_FILE).exists()

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
                db.executescript(_SCHEMA)
            except (OSError, sqlite3.Error) as exc:
                raise FileError(
                    FileProblem.UNWRITABLE, self.path, what="lead book", detail=str(exc)
                ) from None
            self._db = db
            self._copy_old_leads()
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._conn()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise FileError(FileProblem.UNWRITABLE, self.path, what="lead book", detail=str(exc)) from None
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _copy_old_leads(self) -> None:
        """The saved leads of `leads.json`, once: a bad file raises its FileError and is tried again."""
        assert self._db is not None
        if self._db.execute("SELECT 1 FROM meta WHERE key = 'leads_json_copied'").fetchone():
            return
        old = self.directory / OLD_LEADS_FILE
        if old.exists():
            for key, data in Profiles(self.directory).leads().items():
                self.put({**data, "id": data.get("id") or key})
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('leads_json_copied', '1')")


def _full_name(data: Mapping[str, Any]) -> str:
    return " ".join(str(data.get(key) or "").strip() for key in ("first_name", "last_name")).strip()
