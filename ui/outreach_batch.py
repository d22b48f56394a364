"""The Outreach page's batch section: draft for every chosen lead with a progress bar, a results table
(lead, channel, cost, coach score, checks), the usual draft card for any row, and an export.

The leads come from the page's import section, which leaves them under `LEADS_KEY` (a list of lead JSON
objects). The sender and the settings are the Compose form's (the sample sender until one is filled in),
the model is the one configured for the app, and the drafts go through `Workspace.batch` like the CLI's.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import feedback, model, options, sender_form, widgets
from ui.plain import md_escape

if TYPE_CHECKING:
    from inmail.batch import BatchResult
    from inmail.workspace import Workspace

LEADS_KEY = "outreach.batch_leads"  # set by the import section: the leads to draft for
RESULTS_KEY = "outreach.batch_results"  # list[BatchResult] of the last batch run
CONCURRENCY_KEY = "outreach.concurrency"
PICK_KEY = "outreach.pick"
KEY_PREFIX = "outreach"


def _sender(workspace: Workspace) -> dict[str, Any]:
    """The Compose form's sender when it has a name, else the saved profile, else the sample (said)."""
    from composer import SAMPLE_SENDER
    from inmail.errors import WorkspaceError

    if st.session_state.get("sender.name"):
        return sender_form.sender_from_state()
    try:
        saved = workspace.sender_data()
    except WorkspaceError:
        saved = None
    if saved:
        return saved
    st.info(
        f"Writing as the sample sender, {SAMPLE_SENDER.name}: fill in the You tab on Compose to write as "
        "yourself.",
        icon=":material/person:",
    )
    return SAMPLE_SENDER.model_dump(mode="json")


def _time_left(started: float, done: int, total: int) -> str:
    if done == 0 or done >= total:
        return ""
    seconds = (time.monotonic() - started) / done * (total - done)
    return f", about {seconds:.0f} s left" if seconds >= 1 else ", under a second left"


def _run(workspace: Workspace, leads: list[dict[str, Any]], sender: dict[str, Any]) -> None:
    from composer import ComposerError, Engine
    from inmail.errors import WorkspaceError
    from limits import LimitsError

    llm = model.llm_config()
    total = len(leads)
    bar = st.progress(0.0, text=f"Drafting 0 of {total}")
    made: list[BatchResult] = []
    started = time.monotonic()
    try:
        for done, result in enumerate(
            workspace.batch(
                leads,
                sender=sender,
                settings=options.from_state(),
                engine=Engine.LLM if llm else Engine.TEMPLATE,
                llm=llm,
                concurrency=int(st.session_state.get(CONCURRENCY_KEY, 4)),
            ),
            start=1,
        ):
            made.append(result)
            bar.progress(done / total, text=f"Drafted {done} of {total}{_time_left(started, done, total)}")
    except (ComposerError, LimitsError, WorkspaceError) as exc:  # the sender or settings: nothing drafted
        feedback.show(exc)
        return
    st.session_state[RESULTS_KEY] = made
    st.session_state.pop(PICK_KEY, None)  # a new batch opens on its first row


def _table(drafted: list[BatchResult]) -> None:
    from ui.verdict import channel_label

    rows = []
    for result in drafted:
        assert result.draft is not None
        verdict = result.verdict
        rows.append(
            {
                "Lead": result.name,
                "Channel": channel_label(verdict.channel) if verdict else "no plan set",
                "Cost (credits)": verdict.credits if verdict else None,
                "Allowed now": verdict.allowed if verdict else None,
                "Coach score": result.draft.coach.score,
                "Checks ok": result.draft.ok,
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")


EXPORTS = {  # format: (button label, file name, media type)
    "csv": ("Download CSV", "drafts.csv", "text/csv"),
    "jsonl": ("Download JSON Lines", "drafts.jsonl", "application/x-ndjson"),
}


def _export(drafted: list[BatchResult]) -> None:
    from inmail.batch_output import OutputFormat, to_bytes

    for column, (fmt, (label, file_name, mime)) in zip(
        st.columns(len(EXPORTS)), EXPORTS.items(), strict=True
    ):
        # built when clicked, not on every rerun: 1,000 rows cost about 90 ms a rerun
        data = functools.partial(to_bytes, drafted, OutputFormat(fmt))
        column.download_button(
            label, data, file_name=file_name, mime=mime, icon=":material/download:", key=f"btn.outreach.{fmt}"
        )


def _results(results: list[BatchResult]) -> None:
    from inmail.batch import Status

    drafted = [result for result in results if result.status is Status.DRAFTED]
    failed = [result for result in results if result.status is Status.FAILED]
    st.caption(f"{len(drafted)} drafted, {len(failed)} could not be drafted.")
    for result in failed:
        who = result.name or f"lead {result.index + 1}"
        st.warning(md_escape(f"{who}: {result.error}"), icon=":material/warning:")
    if not drafted:
        return
    _table(drafted)
    _export(drafted)
    labels = [f"{n + 1}. {result.name}" for n, result in enumerate(drafted)]
    picked = st.selectbox(
        "Open the draft for", range(len(drafted)), format_func=labels.__getitem__, key=PICK_KEY
    )
    chosen = drafted[picked]
    assert chosen.draft is not None
    for warning in chosen.warnings:
        if warning not in chosen.draft.warnings:  # the card shows the draft's own
            st.caption(md_escape(warning))
    widgets.draft_card(chosen.draft, lead=chosen.lead, key_prefix=KEY_PREFIX, title=chosen.name)


def batch_section(workspace: Workspace) -> None:
    """Draft for the leads under `LEADS_KEY`, then the results, each row's card and the export."""
    st.subheader("Batch drafts")
    leads = list(st.session_state.get(LEADS_KEY) or [])
    sender = _sender(workspace)
    settings = options.from_state()
    st.caption(
        md_escape(
            f"As {sender.get('name')}, {settings['strategy'].upper()} "
            f"{str(settings['channel']).replace('_', ' ')}, with the settings on the Compose page."
        )
    )
    if model.llm_config() is not None:
        st.number_input("Drafts at a time (model)", min_value=1, max_value=16, value=4, key=CONCURRENCY_KEY)
    label = f"Draft {len(leads)} lead{'s' if len(leads) != 1 else ''}"
    if st.button(label, type="primary", disabled=not leads, icon=":material/auto_awesome:", key="btn.batch"):
        _run(workspace, leads, sender)
    if results := st.session_state.get(RESULTS_KEY):
        _results(results)
