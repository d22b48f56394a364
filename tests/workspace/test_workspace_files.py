"""The workspace's files: sender and leads, the draft history, bounded reads, new strategies."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workspace_kit import NOW, maria_draft

from composer import list_strategies
from inmail.config import data_dir
from inmail.errors import (
    DataDirError,
    FileError,
    FileProblem,
    NoLeadIdError,
    StrategyExistsError,
    StrategyInvalidError,
    UnknownDraftError,
)
from inmail.files import read_object
from inmail.history import HISTORY_FILE
from inmail.strategies import NewStrategy


def test_sender_round_trips_and_is_absent_at_first(ws):
    assert ws.sender_data() is None
    assert ws.sender() is None
    ws.save_sender({"name": "Sam Rivera", "offer": "Forecasts.", "footer": "Sam — Tally"})
    assert ws.sender_data() == {"name": "Sam Rivera", "offer": "Forecasts.", "footer": "Sam — Tally"}
    assert ws.sender().name == "Sam Rivera"
    assert not list(ws.root.glob(".*.tmp")), "the temporary file is replaced, not left behind"


def test_saved_leads_keep_the_latest_save_last_and_can_be_deleted(ws):
    ws.save_lead({"id": "a", "first_name": "Ann"})
    ws.save_lead({"id": "b", "first_name": "Ben"})
    ws.save_lead({"id": "a", "first_name": "Anna"})
    assert list(ws.saved_leads()) == ["b", "a"]
    assert ws.saved_leads()["a"]["first_name"] == "Anna"
    assert ws.delete_lead("b") is True
    assert ws.delete_lead("b") is False
    assert list(ws.saved_leads()) == ["a"]


def test_a_lead_without_an_id_is_not_saved(ws):
    with pytest.raises(NoLeadIdError):
        ws.save_lead({"id": "  ", "first_name": "Ann"})
    assert ws.saved_leads() == {}


@pytest.mark.parametrize(
    ("content", "problem", "fields"),
    [
        (b'{"name": "Sam",\n  oops}', FileProblem.NOT_JSON, {"line": 2}),
        (b"[1, 2]", FileProblem.WRONG_SHAPE, {}),
        (b"\xff\xfe{}", FileProblem.NOT_TEXT, {}),
        (b"[" * 20 + b"]" * 20, FileProblem.WRONG_SHAPE, {}),  # 20 deep passes the cap; not an object
        (b'{"a": ' * 40 + b"1" + b"}" * 40, FileProblem.TOO_DEEP, {"limit": 32}),
        (b"[" * 100_000 + b"]" * 100_000, FileProblem.TOO_DEEP, {}),  # beyond the parser's own stack
    ],
)
def test_a_broken_sender_file_is_an_error_with_data_and_one_line(ws, content, problem, fields):
    (ws.root / "sender.json").write_bytes(content)
    with pytest.raises(FileError) as info:
        ws.sender_data()
    error = info.value
    assert error.problem is problem
    assert error.path == ws.root / "sender.json"
    assert {name: getattr(error, name) for name in fields} == fields
    assert "\n" not in str(error)


def test_leads_file_must_map_ids_to_objects(ws):
    (ws.root / "leads.json").write_text(json.dumps({"a": "not a lead"}))
    with pytest.raises(FileError) as info:
        ws.saved_leads()
    assert info.value.problem is FileProblem.WRONG_SHAPE
    assert "must map lead ids" in str(info.value)


def test_reading_dev_zero_stops_at_the_cap():
    with pytest.raises(FileError) as info:
        read_object("/dev/zero", what="lead file")
    assert info.value.problem is FileProblem.TOO_LARGE
    assert info.value.limit == 1_000_000


@pytest.mark.parametrize(
    ("make", "problem"),
    [(None, FileProblem.MISSING), ("dir", FileProblem.NOT_A_FILE), ("big", FileProblem.TOO_LARGE)],
)
def test_lead_files_that_cannot_be_used(tmp_path, make, problem):
    path = tmp_path / "lead.json"
    if make == "dir":
        path.mkdir()
    elif make == "big":
        path.write_text('{"a": "' + "x" * 1_000_001 + '"}')
    with pytest.raises(FileError) as info:
        read_object(path, what="lead file")
    assert info.value.problem is problem
    assert str(info.value).startswith(("lead file", "cannot read lead file"))


def test_a_data_dir_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for path in (blocker, blocker / "below"):
        with pytest.raises(DataDirError) as info:
            data_dir(path)
        assert info.value.path == path


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_data_dir_refuses_writes_and_keeps_what_was_there(ws):
    ws.save_sender({"name": "Sam", "offer": "x"})
    ws.root.chmod(0o555)
    try:
        with pytest.raises(FileError) as info:
            ws.save_sender({"name": "Other", "offer": "y"})
        assert info.value.problem is FileProblem.UNWRITABLE
        draft, lead = maria_draft(ws)
        with pytest.raises(FileError):
            ws.record_draft(draft, lead=lead, at=NOW)
    finally:
        ws.root.chmod(0o755)
    assert ws.sender_data() == {"name": "Sam", "offer": "x"}
    assert sorted(p.name for p in ws.root.iterdir() if not p.name.startswith("ledger")) == ["sender.json"]


def test_history_is_per_lead_newest_first_and_the_first_sent_mark_wins(ws):
    draft, lead = maria_draft(ws)
    other, _ = maria_draft(ws, id="https://www.linkedin.com/in/other")
    ws.record_draft(draft, lead=lead, at=NOW)
    ws.record_draft(other, lead={**lead, "id": "https://www.linkedin.com/in/other"}, at=NOW)
    second, _ = maria_draft(ws, strategy="pas")
    ws.record_draft(second, lead=lead, at=NOW + timedelta(1))
    history = ws.drafts
    history.record_sent(lead_id=lead["id"], draft_id=draft.id, subject="S", body="edited", at=NOW)
    history.record_sent(
        lead_id=lead["id"], draft_id=draft.id, subject="S", body="late", at=NOW + timedelta(2)
    )
    entries = ws.history(lead)
    assert [e.draft_id for e in entries] == [second.id, draft.id]
    assert (entries[1].sent_at, entries[1].sent_body, entries[0].sent_at) == (NOW, "edited", None)
    assert entries[1].lead == lead, "the lead is kept with its draft"
    assert ws.history({"first_name": "Nobody"}) == []


def test_a_torn_line_loses_nothing_but_itself(ws):
    draft, lead = maria_draft(ws)
    with (ws.root / HISTORY_FILE).open("a") as handle:
        handle.write('{"kind": "draft", "lead_id": "maria", "at": "not a date", "draft": {"id": "bad"}}\n')
        handle.write('{"kind": "draft", "lead_id": "ma')  # cut short by a crash
    ws.record_draft(draft, lead=lead, at=NOW)  # the very next record survives
    assert [e.draft_id for e in ws.history(lead)] == [draft.id]


@pytest.fixture
def maria(ws):
    """Maria's draft and lead, made once for all the examples of a property (they only read them)."""
    return maria_draft(ws)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.integers(min_value=1, max_value=60), max_size=4))
def test_whatever_lines_are_torn_every_whole_record_after_them_is_read(ws, maria, cuts):
    path = ws.root / HISTORY_FILE
    path.unlink(missing_ok=True)
    draft, lead = maria
    kept = []
    for number, cut in enumerate(cuts):
        line = json.dumps({"kind": "draft", "lead_id": "x", "at": NOW.isoformat(), "draft": {"id": "t"}})
        with path.open("a") as handle:
            handle.write(line[:cut])  # a crash mid-write
        at = NOW + timedelta(minutes=number)
        ws.drafts.record_sent(lead_id=lead["id"], draft_id=draft.id, subject=None, body=f"b{number}", at=at)
        kept.append(at)
    ws.record_draft(draft, lead=lead, at=NOW)
    entries = ws.history(lead)
    assert [e.draft_id for e in entries] == [draft.id]
    assert entries[0].sent_at is None, "sent marks before the draft's own line do not count"
    ws.drafts.record_sent(lead_id=lead["id"], draft_id=draft.id, subject=None, body="last", at=NOW)
    assert ws.history(lead)[0].sent_body == "last"


def test_find_a_draft_by_its_id_or_a_unique_prefix(ws):
    draft, lead = maria_draft(ws)
    ws.record_draft(draft, lead=lead, at=NOW)
    assert ws.find_draft(draft.id).draft_id == draft.id
    assert ws.find_draft(draft.id[:6].upper()).draft_id == draft.id
    with pytest.raises(UnknownDraftError) as info:
        ws.find_draft("zzzz")
    assert info.value.matches == ()


def test_a_new_strategy_is_toml_a_library_wrote_and_appears_in_the_list(ws):
    title = 'Before "After" — Bridge\\'
    files = ws.create_strategy(
        NewStrategy(name="BAB", title=title, description="Three\nlines", sections=["Before", "After", "x y"])
    )
    assert files == ["strategies/bab.toml", "messages/bab/en.j2"]
    data = tomllib.loads(ws.store.source("strategies/bab.toml"))
    assert data["title"] == title
    assert data["description"] == "Three\nlines"
    assert data["sections"] == ["Before", "After", "x y"]
    assert data["guidance"]["x y"] == "what the x y part says"
    assert "bab" in {strategy.name for strategy in list_strategies(ws.store)}
    with pytest.raises(StrategyExistsError):
        ws.create_strategy(NewStrategy(name="bab", sections=["A"]))


@pytest.mark.parametrize("name", ["../evil", "has space", ""])
def test_a_bad_strategy_name_writes_nothing(ws, name):
    with pytest.raises(StrategyInvalidError):
        ws.create_strategy(NewStrategy(name=name, sections=["A"]))
    assert not (ws.root / "templates").exists() or not any((ws.root / "templates").rglob("*.*"))
