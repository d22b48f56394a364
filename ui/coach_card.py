"""The draft coach on a draft card: the 0-100 score, each part with what it measured, and one suggestion
per weak part, for the text as it stands (re-scored when an edit is committed).

Built against `composer.coach` (`coach(body, *, subject, channel, language, facts, offer) ->
CoachReport(score, parts)`, `Draft.coach`). The card calls `show(draft, subject=..., body=...)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.plain import md_escape

if TYPE_CHECKING:
    from composer import Draft
    from composer.coach import CoachReport

BANDS = ((80, "strong", "green"), (60, "fair", "orange"), (0, "weak", "red"))
PART_TITLES = {
    "length": "Length",
    "reading_ease": "Reading ease",
    "personalisation": "Personalisation",
    "you_focus": "You-focus",
    "ask": "One clear ask",
    "subject": "Subject",
    "spam": "Spam words",
    "long_sentences": "Long sentences",
    "openers": "Sentence openers",
}


def band(score: int) -> tuple[str, str]:
    """(word, colour) for a score."""
    return next((word, colour) for low, word, colour in BANDS if score >= low)


def report_for(draft: Draft, *, subject: str | None, body: str) -> CoachReport:
    """The coach's report for the text on the card: the draft's own when unedited, else a fresh one."""
    if (subject, body) == (draft.subject, draft.body):
        return draft.coach  # made when the draft was finished, with the sender's offer
    from composer.coach import coach  # pure and offline; a fraction of a millisecond a draft

    return coach(
        body,
        subject=subject,
        channel=draft.channel.value,
        language=draft.language,
        facts=draft.facts_used,
    )


def panel(report: CoachReport) -> None:
    """Draw a CoachReport: a folded line with the score, the parts and the suggestions inside."""
    word, colour = band(report.score)
    tips = [part for part in report.parts if part.suggestion]
    advice = f", {len(tips)} suggestion{'s' if len(tips) != 1 else ''}" if tips else ""
    with st.expander(f"Coach: {report.score}/100, {word}{advice}", icon=":material/school:"):
        for part in report.parts:
            title = PART_TITLES.get(part.name, str(part.name).replace("_", " ").capitalize())
            _, part_colour = band(part.score)
            st.markdown(
                f":{part_colour}[**{part.score}**] **{md_escape(title)}** (weight {part.weight}): "
                f"{md_escape(part.detail)}"
            )
            if part.suggestion:
                st.caption(":material/lightbulb: " + md_escape(part.suggestion))
        st.caption(f"Score {report.score}/100: the weighted mean of the parts. :{colour}[{word}]")


def show(draft: Draft, *, subject: str | None, body: str) -> None:
    panel(report_for(draft, subject=subject, body=body))
