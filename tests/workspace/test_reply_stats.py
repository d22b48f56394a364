"""Reply analytics: the Wilson interval against known values, the grouping and the join to the drafts,
the note when one strategy is surely worse, the CSV, and `inmail stats` on an empty and a real book."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from inmail.reply_stats import DraftFacts, reply_stats, wilson
from limits import Action, SendStatus, SentItem

MONDAY_9 = datetime(2026, 7, 6, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("count", "sent", "low", "high"),
    [
        (0, 10, 0.0, 0.2775),  # Wilson (1927); the textbook values
        (5, 10, 0.2366, 0.7634),
        (1, 4, 0.0456, 0.6994),
        (10, 10, 0.7225, 1.0),
        (50, 1000, 0.0382, 0.0653),
    ],
)
def test_the_wilson_interval(count: int, sent: int, low: float, high: float) -> None:
    got = wilson(count, sent)
    assert got == pytest.approx((low, high), abs=5e-4)


def test_nothing_sent_is_the_widest_interval() -> None:
    assert wilson(0, 0) == (0.0, 1.0)


def sent(n: int, status: SendStatus, *, key: str | None, channel: Action = Action.INMAIL, at=MONDAY_9):
    return [
        SentItem(
            event_id=i,
            key=key,
            lead_id=f"l{i}",
            channel=channel,
            credits=1,
            sent_at=at + timedelta(days=7 * i),
            status=status,
        )
        for i in range(n)
    ]


def test_groups_count_each_send_once_per_dimension_and_join_drafts_by_key() -> None:
    items = [
        *sent(3, SendStatus.REPLIED, key="d-pas"),
        *sent(1, SendStatus.DECLINED, key="d-pas"),
        *sent(2, SendStatus.ACCEPTED, key=None, channel=Action.INVITE_NOTE, at=MONDAY_9 + timedelta(hours=5)),
    ]
    stats = reply_stats(items, {"d-pas": DraftFacts("pas", "es", "founder")})
    assert (stats.total, stats.answered) == (6, 6)
    strategy = {
        g.value: (g.sent, g.rates["replied"].count, g.rates["declined"].count)
        for g in stats.groups["strategy"]
    }
    assert strategy == {"pas": (4, 3, 1), "unknown": (2, 0, 0)}
    assert {g.value: g.sent for g in stats.groups["persona"]} == {"founder": 4, "unknown": 2}
    assert {g.value: g.sent for g in stats.groups["language"]} == {"es": 4, "unknown": 2}
    assert {g.value: g.rates["accepted"].count for g in stats.groups["channel"]} == {
        "InMail": 0,
        "invitation with note": 2,
    }
    assert [g.value for g in stats.groups["hour"]] == ["09:00", "14:00"]
    assert [g.value for g in stats.groups["weekday"]] == ["Monday"]
    for groups in stats.groups.values():
        assert sum(g.sent for g in groups) == 6


def test_a_strategy_surely_worse_gets_a_note_and_a_close_one_does_not() -> None:
    items = [
        *sent(30, SendStatus.REPLIED, key="a"),
        *sent(30, SendStatus.PENDING, key="b"),
        *sent(3, SendStatus.REPLIED, key="c"),
        *sent(1, SendStatus.PENDING, key="c"),
    ]
    drafts = {"a": DraftFacts("rabt", "en"), "b": DraftFacts("aida", "en"), "c": DraftFacts("pas", "en")}
    notes = reply_stats(items, drafts).notes
    assert len(notes) == 1
    assert notes[0].startswith("aida's reply rate (0/30, 0 %-11 %) lies wholly below rabt's (30/30")


def test_the_csv_has_a_row_per_group_with_counts_and_intervals() -> None:
    stats = reply_stats(sent(4, SendStatus.REPLIED, key="a"), {"a": DraftFacts("rabt", "en")})
    rows = list(csv.DictReader(io.StringIO(stats.to_csv())))
    assert len(rows) == 6  # one group in each of the six dimensions
    assert rows[0]["dimension"] == "strategy"
    assert (rows[0]["value"], rows[0]["sent"], rows[0]["replied"], rows[0]["replied_low"]) == (
        "rabt",
        "4",
        "4",
        "0.5101",
    )


def test_stats_on_an_empty_book_say_how_to_get_there(cli) -> None:
    result = cli("stats")
    assert result.returncode == 0
    assert "Nothing to measure yet" in result.stdout
    assert "inmail sent DRAFT_ID" in result.stdout
    assert json.loads(cli("stats", "--json").stdout)["total"] == 0


def test_stats_join_the_book_to_the_draft_history(cli, tmp_path) -> None:
    lead = {"id": "https://www.linkedin.com/in/ana", "first_name": "Ana", "company": "Acme", "title": "CTO"}
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(lead))
    assert cli("ledger", "init", "--plan", "premium_career", "--start", "2026-01-01").returncode == 0
    made = cli("draft", str(path), "--strategy", "aida", "--persona", "founder", "--json")
    assert made.returncode == 0, made.stderr
    assert cli("sent", json.loads(made.stdout)["id"]).returncode == 0
    assert cli("ledger", "response", lead["id"], "--kind", "accepted").returncode == 0
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["groups"]["strategy"] == [
        {
            "value": "aida",
            "sent": 1,
            "replied": {"count": 0, "rate": 0.0, "low": 0.0, "high": 0.7935},
            "accepted": {"count": 1, "rate": 1.0, "low": 0.2065, "high": 1.0},
            "declined": {"count": 0, "rate": 0.0, "low": 0.0, "high": 0.7935},
        }
    ]
    assert stats["groups"]["persona"][0]["value"] == "founder"
    text = cli("stats").stdout
    assert "1 send(s)" in text
    assert "aida" in text
