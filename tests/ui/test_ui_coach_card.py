"""The coach panel on a draft card: score with its band, every part, the suggestions of weak parts, all
as plain text (a suggestion or detail cannot become markup)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _page(report_json: dict) -> AppTest:
    def script(report_json):
        from types import SimpleNamespace

        from ui.coach_card import panel

        parts = [SimpleNamespace(**{"suggestion": None, **p}) for p in report_json["parts"]]
        panel(SimpleNamespace(score=report_json["score"], parts=parts))

    at = AppTest.from_function(script, kwargs={"report_json": report_json})
    at.run()
    return at


@pytest.mark.parametrize(("score", "word"), [(100, "strong"), (80, "strong"), (79, "fair"), (60, "fair"),
                                             (59, "weak"), (0, "weak")])  # fmt: skip
def test_bands(score, word):
    from ui.coach_card import band

    assert band(score)[0] == word


def test_the_panel_shows_the_score_the_parts_and_one_suggestion_per_weak_part():
    at = _page(
        {
            "score": 64,
            "parts": [
                {"name": "length", "score": 95, "weight": 3, "detail": "412 characters, in the band"},
                {"name": "ask", "score": 20, "weight": 2, "detail": "3 questions",
                 "suggestion": "End with exactly one question."},
                {"name": "spam", "score": 40, "weight": 1, "detail": "[click](http://x) **FREE**!",
                 "suggestion": "Drop <b>FREE</b>."},
            ],
        }
    )  # fmt: skip
    assert [e.label for e in at.expander] == ["Coach: 64/100, fair, 2 suggestions"]
    lines = [m.value for m in at.markdown]
    assert lines[0].startswith(":green[**95**] **Length** (weight 3)")
    assert lines[1].startswith(":red[**20**] **One clear ask**")
    assert "[click](http" not in lines[2], "details are escaped, never markup"
    captions = [c.value for c in at.caption]
    assert any("End with exactly one question" in c for c in captions)
    assert not any("<b>" in c for c in captions)
    assert not at.exception
