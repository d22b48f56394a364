"""The draft card, shared by Compose and Chat: editable subject and body with character counters against
LinkedIn's limits, the draft's checks, a copy button, and "Mark as sent".

Draft and model text is only ever shown in input widgets, `st.text` or escaped markdown: never as raw
markdown or HTML, so a draft cannot carry an image beacon or a link into the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import clipboard, coach_card, feedback, inline_plan, state
from ui.clipboard import CopyButton
from ui.plain import md_escape

if TYPE_CHECKING:
    from composer import Draft
    from limits import Account


class CharLimits:
    """Character limits for a draft's subject and body, each with where the figure comes from: the figures
    the draft's checks use (`composer.account_limits`; no plan yet: the free account's note)."""

    def __init__(self, account: Account, channel: str) -> None:
        from composer import DraftChannel, account_limits

        limit = account_limits(account, at=state.now()).for_channel(DraftChannel(channel))
        self.subject = (limit.subject, limit.subject_source) if limit.subject else None
        self.body = (limit.body, limit.body_source)


def lead_dict(lead: Mapping[str, Any] | Any) -> dict[str, Any]:
    """A lead as the JSON object the limits read, from a dict or a composer `Lead`."""
    if hasattr(lead, "model_dump"):
        return lead.model_dump(mode="json")
    return dict(lead)


def counter(text: str, limit: int, source: str) -> None:
    """`n / limit characters`, red when over, with the limit's source."""
    used = len(text)
    if used > limit:
        st.caption(
            f":red[**{used:,} / {limit:,} characters: {used - limit:,} over the limit.**] Source: {source}"
        )
    else:
        st.caption(f"{used:,} / {limit:,} characters, {limit - used:,} left. Source: {source}")


def checks_list(draft: Draft) -> None:
    passed = sum(check.ok for check in draft.checks)
    label = f"Checks: {passed} of {len(draft.checks)} pass"
    with st.expander(label, expanded=passed < len(draft.checks), icon=":material/fact_check:"):
        for check in draft.checks:
            mark = ":green[:material/check_circle:]" if check.ok else ":red[:material/cancel:]"
            st.markdown(f"{mark} **{md_escape(check.name)}**: {md_escape(check.message)}")
        if draft.facts_used:
            facts = "; ".join(f"{fact.kind.value}: {fact.text}" for fact in draft.facts_used)
            st.caption("Lead facts used: " + md_escape(facts))


def summary(draft: Draft) -> str:
    """One line for a folded card: strategy, channel, language, length, checks."""
    passed = sum(check.ok for check in draft.checks)
    channel = draft.channel.value.replace("_", " ")
    return (
        f"{draft.strategy.upper()} {channel}, {draft.language}, {len(draft.body):,} characters, "
        f"{passed}/{len(draft.checks)} checks pass"
    )


def has_subject(draft: Draft) -> bool:
    """A follow-up goes into the thread the InMail started: it has no subject line of its own."""
    from composer import DraftChannel

    return draft.subject is not None and draft.channel is DraftChannel.INMAIL


def _sent_key(key_prefix: str) -> str:
    return f"{state.Key.SENT}.{key_prefix}"


def _on_mark(draft: Draft, lead: dict[str, Any], base: str, key_prefix: str) -> None:
    """The button's callback: it runs before the page draws, so the verdict and balance shown are fresh."""
    from inmail.errors import WorkspaceError
    from limits import LimitsError

    done = st.session_state.setdefault(_sent_key(key_prefix), {})
    subject = st.session_state.get(f"{base}.subject") if has_subject(draft) else None
    body = str(st.session_state.get(f"{base}.body", draft.body))
    slot = f"sent.{key_prefix}.{draft.id}"
    workspace = state.workspace()
    try:
        if inline_plan.needed():  # the first send of a book: set the plan the card asked for, then record
            if (plan := inline_plan.chosen(base)) is None:
                feedback.notify(slot, "error", inline_plan.CHOOSE_FIRST)
                return
            workspace.set_plan(**plan, at=state.now())
        outcome = workspace.mark_sent(draft, lead, subject=subject, body=body, at=state.now())
    except (LimitsError, WorkspaceError) as exc:
        feedback.notify(slot, "error", feedback.message(exc))
        return
    done.setdefault(draft.id, feedback.sent(outcome))  # a second click keeps the first record's message


def _copy_buttons(base: str, subject: str | None, body: str, *, note: bool) -> list[CopyButton]:
    """The card's copy buttons; each copies its fields as they are on the page at the click."""
    if subject is None:
        label = "Copy note" if note else "Copy message"
        return [CopyButton(label=label, text=body, fields=(f"{base}.body",))]
    both = (f"{base}.subject", f"{base}.body")
    return [
        CopyButton(label="Copy all", text=clipboard.FIELD_SEPARATOR.join((subject, body)), fields=both),
        CopyButton(label="Copy subject", text=subject, fields=(f"{base}.subject",)),
        CopyButton(label="Copy message", text=body, fields=(f"{base}.body",)),
    ]


def draft_card(
    draft: Draft, *, lead: Mapping[str, Any] | Any, key_prefix: str, title: str | None = None
) -> None:
    """Draw one draft. `key_prefix` keeps two cards of the same draft (Compose and Chat) apart."""

    account = state.account()
    lead = lead_dict(lead)
    limits = CharLimits(account, draft.channel.value)
    base = f"draft.{key_prefix}.{draft.id}"
    with st.container(border=True):
        header = title or "Draft"
        details = [
            draft.strategy.upper(),
            draft.engine.value,
            draft.language,
            draft.channel.value.replace("_", " "),
        ]
        if draft.model:
            details.append(draft.model)
        st.markdown(f"**{md_escape(header)}** · " + md_escape(" · ".join(details)))
        for warning in draft.warnings:
            st.warning(md_escape(warning), icon=":material/warning:")
        for attempt in draft.alternatives:  # the model's draft that failed its checks: shown, never used
            with st.expander("The model's attempt (failed its checks)"):
                st.text(attempt.text())
                failing = [f"{c.name}: {c.message}" for c in attempt.checks if not c.ok]
                st.caption(md_escape("; ".join(failing)))
        subject = None
        if has_subject(draft) and limits.subject is not None:
            st.session_state.setdefault(f"{base}.subject", draft.subject)
            subject = st.text_input("Subject", key=f"{base}.subject")
            counter(subject, *limits.subject)
        st.session_state.setdefault(f"{base}.body", draft.body)
        label = "Connection note" if draft.channel.value == "connection_note" else "Message"
        # A hard stop at the limit (the browser counts as you type); a longer draft can only shrink.
        cap = max(limits.body[0], len(draft.body))
        body = st.text_area(label, key=f"{base}.body", height=320, max_chars=cap)
        counter(body, *limits.body)
        checks_list(draft)
        coach_card.show(draft, subject=subject, body=body)

        note = draft.channel.value == "connection_note"
        clipboard.copy_buttons(_copy_buttons(base, subject, body, note=note), name=f"Copy {header}", key=base)

        done = st.session_state.setdefault(_sent_key(key_prefix), {})
        sent = draft.id in done
        if not sent and inline_plan.needed():
            inline_plan.fields(base)
        st.button(
            "Marked as sent" if sent else "Mark as sent",
            key=f"btn.sent.{key_prefix}.{draft.id}",
            type="secondary" if sent else "primary",
            icon=":material/done_all:" if sent else ":material/send:",
            help="After you sent it on LinkedIn: records it in your ledger once, even on a double click.",
            on_click=_on_mark,
            args=(draft, lead, base, key_prefix),
        )
        feedback.show_notice(f"sent.{key_prefix}.{draft.id}")
        if sent:
            st.success(md_escape(done[draft.id]), icon=":material/check_circle:")
