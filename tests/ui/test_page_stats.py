"""Stats page: nothing yet says how to get there; with sends, the rates per dimension with counts and
intervals, a chart for each (Vega-Lite as data), the note when one strategy is surely worse, the CSV."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from page_text import texts, unescape

from composer import SAMPLE_LEADS, SAMPLE_SENDER, Settings, compose
from inmail.workspace import Workspace
from ui.stats import chart_spec

NOW = datetime.now(UTC)
PAGE = "ui/stats.py"


def _book(data_dir, *, replies: dict[str, tuple[int, int]]) -> None:
    """For each strategy, (sent, replied) sends, each to its own lead, with the draft behind it."""
    workspace = Workspace(data_dir)
    start = NOW - timedelta(days=60)
    workspace.account.init_plan("sales_navigator", start=start, at=start, balance=150)
    when = start + timedelta(hours=1)
    for strategy, (sent, replied) in replies.items():
        [draft] = compose(
            SAMPLE_LEADS["maria"], SAMPLE_SENDER, Settings(strategy=strategy), store=workspace.store
        )
        for number in range(sent):
            lead = {
                **SAMPLE_LEADS["maria"].model_dump(mode="json"),
                "id": f"https://www.linkedin.com/in/{strategy}{number}",
            }
            one = draft.model_copy(update={"id": f"{strategy}-{number}"})
            workspace.record_draft(one, lead=lead, at=when, persona="founder")
            workspace.mark_sent(one, lead, at=when)
            if number < replied:
                workspace.account.record_response(lead["id"], at=when + timedelta(hours=2))
            when += timedelta(minutes=7)
    workspace.close()


def test_an_empty_book_says_there_is_nothing_yet_and_how_to_get_there(open_page):
    at = open_page(PAGE)
    page = unescape(texts(at))
    assert "Nothing to measure yet" in page
    assert "Mark as sent" in page
    assert not at.exception


def test_rates_with_counts_intervals_charts_a_note_and_the_csv(open_page, data_dir):
    _book(data_dir, replies={"rabt": (12, 10), "pas": (12, 0), "aida": (2, 1)})
    at = open_page(PAGE)
    assert {m.label: m.value for m in at.metric} == {"Sends": "26", "Answered": "11"}
    page = unescape(texts(at))
    assert "pas's reply rate (0/12, 0 %-24 %) lies wholly below rabt's (10/12, 55 %-95 %)" in page
    assert "aida's reply rate" not in page, "2 sends prove nothing either way"
    strategy = at.dataframe[0].value.to_dict("records")
    assert [row[""] for row in strategy] == ["pas", "rabt", "aida"]
    assert strategy[1]["Reply rate"] == "10/12 = 83% (55%-95%)"
    assert len(at.dataframe) == 6
    charts = at.get("vega_lite_chart")
    assert len(charts) == 6
    assert at.get("download_button")
    at.radio(key="stats.outcome").set_value("declined").run()
    assert not at.exception


def test_the_chart_is_plain_vega_lite_data():
    from inmail.reply_stats import DraftFacts, reply_stats
    from limits import Action, SendStatus, SentItem

    item = SentItem(1, "d", "x", Action.INMAIL, 1, NOW, SendStatus.REPLIED)
    groups = reply_stats([item], {"d": DraftFacts("rabt", "en")}).groups["strategy"]
    spec = chart_spec(groups, "replied", dimension="strategy")
    [value] = spec["data"]["values"]
    assert value == {
        "group": "rabt",
        "rate": 1.0,
        "low": groups[0].rates["replied"].low,
        "high": 1.0,
        "count": 1,
        "sent": 1,
    }
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule", "text"]
