"""Stats page: reply, accept and decline rates per strategy, persona, channel, language, weekday and hour
sent, from the user's own book joined to the draft history; the count beside every rate and a 95 %
Wilson interval, so a rate from four sends reads as the guess it is; a note when one strategy's interval
lies wholly below another's; a CSV export. Charts are Vega-Lite specs given as plain data (no Altair).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from inmail.reply_stats import TITLES
from ui import feedback, state
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.reply_stats import Group, ReplyStats

OUTCOMES = {"replied": "Reply rate", "accepted": "Accept rate", "declined": "Decline rate"}
EMPTY = (
    "Nothing to measure yet: your book has no sends. Write a draft on Compose, send it on LinkedIn by "
    "hand and press **Mark as sent**; when they answer, record it on the Sent page. Rates appear here "
    "with the number of sends behind each."
)
_CACHE = "stats.cache"


def _stats() -> ReplyStats:
    """The stats for the book and history as they are; worked out again only when either changed."""
    workspace = state.workspace()
    version = workspace.stats_version()
    cached = st.session_state.get(_CACHE)
    if cached is not None and cached[0] == version:
        return cached[1]
    stats = workspace.reply_stats(at=state.now())
    st.session_state[_CACHE] = (version, stats)
    return stats


def chart_spec(groups: list[Group], outcome: str, *, dimension: str) -> dict[str, Any]:
    """A bar per group at its rate, with its 95 % interval as a rule and the count in the tooltip."""
    values = [
        {
            "group": group.value,
            "rate": group.rates[outcome].value,
            "low": group.rates[outcome].low,
            "high": group.rates[outcome].high,
            "count": group.rates[outcome].count,
            "sent": group.sent,
        }
        for group in groups
    ]
    ordered = dimension in ("weekday", "hour")
    y = {"field": "group", "type": "nominal", "title": None, "sort": None if ordered else "-x"}
    tooltip = [
        {"field": "group", "type": "nominal", "title": TITLES[dimension]},
        {"field": "count", "type": "quantitative", "title": outcome},
        {"field": "sent", "type": "quantitative", "title": "sent"},
        {"field": "rate", "type": "quantitative", "format": ".0%", "title": OUTCOMES[outcome]},
        {"field": "low", "type": "quantitative", "format": ".0%", "title": "95 % low"},
        {"field": "high", "type": "quantitative", "format": ".0%", "title": "95 % high"},
    ]
    scale = {"domain": [0, 1]}
    return {
        "data": {"values": values},
        "encoding": {"y": y, "tooltip": tooltip},
        "layer": [
            {
                "mark": {"type": "bar", "color": "#0a66c2", "opacity": 0.8},
                "encoding": {
                    "x": {"field": "rate", "type": "quantitative", "axis": {"format": "%"}, "scale": scale,
                          "title": OUTCOMES[outcome]},
                },
            },
            {
                "mark": {"type": "rule", "color": "#333"},
                "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "color": "#333"},
                "encoding": {"x": {"field": "high", "type": "quantitative"}, "text": {"field": "label"}},
                "transform": [{"calculate": "datum.count + '/' + datum.sent", "as": "label"}],
            },
        ],
    }  # fmt: skip


def table(groups: list[Group]) -> list[dict[str, Any]]:
    rows = []
    for group in groups:
        row: dict[str, Any] = {"": group.value, "sent": group.sent}
        for outcome, title in OUTCOMES.items():
            rate = group.rates[outcome]
            row[title] = f"{rate.count}/{group.sent} = {rate.value:.0%} ({rate.low:.0%}-{rate.high:.0%})"
        rows.append(row)
    return rows


def render() -> None:
    from inmail.errors import WorkspaceError
    from limits import LimitsError

    st.title("Stats")
    st.caption(
        "What gets answers, from your own sends: each rate with the sends behind it and a 95 % interval "
        "(Wilson). A wide interval is a guess; intervals that do not overlap are a difference."
    )
    try:
        stats = _stats()
    except (LimitsError, WorkspaceError) as exc:
        feedback.show(exc)
        return
    if stats.empty:
        st.info(EMPTY, icon=":material/info:")
        st.page_link("ui/compose.py", label="Write a draft", icon=":material/edit_note:")
        return
    assert stats.first_at is not None
    assert stats.last_at is not None
    left, middle, right = st.columns(3)
    left.metric("Sends", stats.total)
    middle.metric("Answered", stats.answered)
    right.download_button(
        "Download CSV",
        data=stats.to_csv(),
        file_name="inmail-stats.csv",
        mime="text/csv",
        icon=":material/download:",
        key="stats.csv",
    )
    st.caption(f"From {stats.first_at:%d %b %Y} to {stats.last_at:%d %b %Y}.")
    for note in stats.notes:
        st.success(md_escape(note), icon=":material/insights:")
    outcome = st.radio(
        "Rate", list(OUTCOMES), format_func=OUTCOMES.__getitem__, horizontal=True, key="stats.outcome"
    )
    for dimension, groups in stats.groups.items():
        st.subheader(TITLES[dimension])
        spec = chart_spec(groups, outcome, dimension=dimension)
        st.vega_lite_chart(spec=spec, width="stretch", height=40 + 28 * len(groups))
        st.dataframe(table(groups), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
