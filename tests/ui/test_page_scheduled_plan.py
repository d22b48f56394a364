"""Issue 18, item 3, on the pages and in the chat: a scheduled change of plan is said as it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from page_text import texts, unescape

NOW = datetime.now(UTC)
SINCE, LATER = NOW - timedelta(days=7), NOW + timedelta(days=12)


def _career_then_business(account):
    account.init_plan("premium_career", start=SINCE, at=SINCE)
    account.init_plan("premium_business", start=LATER, at=NOW, confirm=True)


def test_settings_states_the_plan_now_and_the_change_ahead(open_page, account):
    _career_then_business(account)
    at = open_page("ui/settings.py")
    assert (
        f"Now: Premium Career since {SINCE:%d %b %Y}, 5 credit(s); from {LATER:%d %b %Y}: Premium Business."
        in unescape(texts(at))
    )
    assert not at.exception


def test_limits_says_the_change_and_its_forecast_includes_it(open_page, account):
    import json

    import pyarrow as pa

    _career_then_business(account)
    at = open_page("ui/dashboard.py")
    assert f"From {LATER:%d %b %Y}: Premium Business." in unescape(texts(at))
    (chart,) = at.get("vega_lite_chart")
    drawn = pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
    assert 15 in [row["credits"] for row in drawn], "Business's first grant is in the chart"
    assert json.loads(chart.proto.spec)["mark"]["interpolate"] == "step-after"
    assert not at.exception


def test_the_chats_credits_answer_names_the_change(account, data_dir):
    from assistant import Assistant, Conversation, Services
    from inmail.workspace import Workspace

    _career_then_business(account)
    with Workspace.open(data_dir) as workspace:
        said = "".join(Assistant(Services(workspace=workspace)).reply(Conversation(), "/credits"))
    assert f"From {LATER:%a %d %b %Y}: Premium Business" in said
