"""Chat page: the assistant on the left, the current lead and draft on the right.

The conversation lives in `st.session_state` (CONVERSATION) and survives page switches. A submitted message
is parked under PENDING by the input's callback, so the run that answers it draws the input disabled while
the reply streams, then reruns to enable it again. Everything the model or a lead wrote is shown as plain
text: `st.text`, or escaped markdown while streaming.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui import feedback, model, sender_form, state, widgets
from ui.plain import md_escape

if TYPE_CHECKING:
    from assistant import Assistant, Conversation, Message
    from composer import Draft, Sender

CONVERSATION = "chat.conversation"  # assistant.Conversation
CHAT_SLOT = "chat"  # saved state: the conversation (one per lead) open last, and the leads kept
PICK = "pick.chat"  # the earlier-conversations picker
PENDING = "chat.pending"  # a submitted message waiting for its reply
RETRYING = "chat.retrying"  # Retry was pressed: answer the last message again
INPUT = "chat.input"  # the chat input widget
SIDE = "chat-side"  # key prefix of the current draft's card
CHAT_HEIGHT = 620  # pixels
PLACEHOLDER = 'Try "write to Maria", then "shorter" or "in French"; /help lists the commands'


def conversation() -> Conversation:
    """The conversation of this browser session; on a first visit, the one the last visit left."""
    if CONVERSATION not in st.session_state:
        st.session_state[CONVERSATION] = _restored()
    return st.session_state[CONVERSATION]


def _slot(talk: Conversation) -> str:
    from inmail.workspace import lead_key

    return f"{CHAT_SLOT}:{lead_key(talk.lead) if talk.lead else 'no lead'}"


def _pointer() -> dict[str, Any]:
    """{"slot": the conversation open last, "leads": {slot: the lead's name}} for every kept one."""
    saved = state.workspace().sessions.load(CHAT_SLOT) or {}
    leads = saved.get("leads")
    slot = saved.get("slot") if isinstance(saved.get("slot"), str) else None
    kept = {str(k): str(v) for k, v in leads.items()} if isinstance(leads, dict) else {}
    return {"slot": slot, "leads": kept}


def _load(slot: str) -> Conversation:
    from assistant import Conversation

    saved = state.workspace().sessions.load(slot)
    return Conversation.model_validate(saved) if saved else Conversation()


def _restored() -> Conversation:
    """The last conversation (of the lead it was about), from the data directory; a fresh one if none."""
    from pydantic import ValidationError

    from assistant import Conversation
    from inmail.errors import WorkspaceError

    try:
        slot = _pointer()["slot"]
        return _load(slot) if slot else Conversation()
    except (WorkspaceError, ValidationError) as exc:
        feedback.notify("chat", "error", f"The last conversation could not be brought back ({exc}).")
        return Conversation()


def _keep(talk: Conversation) -> None:
    """Save the conversation under its lead, and which one was open, for the next visit."""
    from inmail.errors import WorkspaceError

    sessions = state.workspace().sessions
    try:
        pointer = _pointer()
        slot = _slot(talk)
        sessions.save(slot, talk.model_dump(mode="json"))
        leads = {**pointer["leads"], slot: talk.lead.full_name if talk.lead else "No lead yet"}
        sessions.save(CHAT_SLOT, {"slot": slot, "leads": leads})
    except WorkspaceError as exc:
        feedback.notify("chat", "error", f"This conversation will not survive a reload ({exc}).")


def _open(slots: dict[str, str]) -> None:
    """Switch to the kept conversation picked in the side column (the current one is kept first)."""
    from pydantic import ValidationError

    from inmail.errors import WorkspaceError

    label = st.session_state.get(PICK)
    st.session_state[PICK] = None
    slot = next((s for s, name in slots.items() if name == label), None)
    if slot is None:
        return
    current = conversation()
    if current.messages:
        _keep(current)
    try:
        talk = _load(slot)
    except (WorkspaceError, ValidationError) as exc:
        feedback.notify("chat", "error", f"That conversation could not be opened ({exc}).")
        return
    st.session_state[CONVERSATION] = talk
    _keep(talk)


def _clear() -> None:
    from assistant import Conversation
    from inmail.errors import WorkspaceError

    talk = conversation()
    sessions = state.workspace().sessions
    try:
        pointer = _pointer()
        slot = _slot(talk)
        sessions.clear(slot)
        leads = {s: name for s, name in pointer["leads"].items() if s != slot}
        sessions.save(CHAT_SLOT, {"slot": None, "leads": leads})
    except (WorkspaceError, OSError) as exc:
        feedback.notify("chat", "error", f"Could not delete the saved conversation ({exc}).")
    st.session_state[CONVERSATION] = Conversation()


def _earlier(talk: Conversation) -> None:
    """A picker of the other leads' kept conversations."""
    from inmail.errors import WorkspaceError

    try:
        leads = _pointer()["leads"]
    except WorkspaceError:
        return
    others = {slot: name for slot, name in leads.items() if slot != _slot(talk)}
    if others:
        st.selectbox(
            "Earlier conversations",
            list(others.values()),
            index=None,
            key=PICK,
            placeholder="Open the conversation about another lead",
            on_change=_open,
            args=(others,),
        )


def _submitted() -> None:
    text = str(st.session_state.get(INPUT) or "").strip()
    if text:
        st.session_state[PENDING] = text


def _retry() -> None:
    st.session_state[RETRYING] = True


def _sender() -> Sender | None:
    """The sender on the Compose page if it was filled in and is valid; None: the saved profile."""
    from composer import ComposerError, Sender

    if not st.session_state.get("sender.name"):
        return None
    try:
        return Sender.from_data(sender_form.sender_from_state(), what="sender")
    except ComposerError:
        return None  # the Compose page shows what is wrong with it


def assistant() -> Assistant:
    from assistant import Assistant, Services

    services = Services(workspace=state.workspace(), llm=model.llm_config(), now=state.now, sender=_sender())
    return Assistant(services)


def plain(chunks: Iterator[str]) -> Iterator[str]:
    """Streamed text as markdown that shows exactly the text: no link, image, HTML or emphasis."""
    for chunk in chunks:
        yield md_escape(chunk)


def _mode_line(bot: Assistant, talk: Conversation) -> str:
    from assistant import Mode

    llm = bot.services.llm
    mode = bot.mode(talk)
    if llm is None or mode is Mode.COMMANDS:
        return (
            'No model connected: plain requests ("write to Maria", "shorter", "in French", "check her") and '
            "the /commands work offline. Connect a model in Settings to chat in your own words."
        )
    match mode:
        case Mode.TOOLS:
            return f"Model {llm.model} at {llm.where}. Slash commands work too; /help lists them."
        case Mode.ROUTING:
            return f"Model {llm.model} at {llm.where} (no tool calling: the model routes, the app acts)."
        case _:
            raise AssertionError(mode)


def _draft_label(draft: Draft) -> str:
    from assistant import CHANNEL_WORDS

    passed = sum(check.ok for check in draft.checks)
    return (
        f"Draft: {draft.strategy.upper()} {CHANNEL_WORDS[draft.channel]}, {draft.language}, "
        f"{len(draft.body):,} characters, {passed}/{len(draft.checks)} checks pass"
    )


def _message(message: Message, index: int, *, last: bool) -> None:
    with st.chat_message(str(message.role)):
        if message.text:
            st.text(message.text)
        if message.error:
            st.error(md_escape(message.error), icon=":material/error:")
        if message.draft is not None:
            with st.expander(_draft_label(message.draft), expanded=False, icon=":material/draft:"):
                widgets.draft_card(message.draft, lead=message.lead or {}, key_prefix=f"chat{index}")
        if last and message.failed:
            st.button("Retry", key="btn.chat.retry", on_click=_retry, icon=":material/refresh:")


def _side(bot: Assistant, talk: Conversation) -> None:
    st.subheader("Lead")
    lead = talk.lead
    if lead is None:
        st.caption("No lead yet: /lead NAME picks a saved or sample lead; pasting a lead's JSON works too.")
    else:
        facts = [part for part in (lead.headline or lead.title, lead.company, lead.location) if part]
        st.text(lead.full_name + ("\n" + "\n".join(facts) if facts else ""))
    st.subheader("Current draft")
    draft = talk.draft
    if draft is None or lead is None:
        st.caption("No draft yet: /draft writes one (or ask for it when a model is connected).")
        return
    widgets.draft_card(draft, lead=lead, key_prefix=SIDE, title="Current draft")


def _keep_edits(bot: Assistant, talk: Conversation) -> None:
    """Edits typed into the current draft's card are what the next "shorter" or "/sent" works on."""
    draft = talk.draft
    if draft is None:
        return
    base = f"draft.{SIDE}.{draft.id}"  # the card's widget keys (ui/widgets.py)
    body = st.session_state.get(f"{base}.body")
    if body is not None:
        bot.use_edits(talk, subject=st.session_state.get(f"{base}.subject", draft.subject), body=body)


def _reply(bot: Assistant, talk: Conversation) -> None:
    """Answer the pending message (or retry the failed one), streaming into the chat, then rerun."""
    pending = st.session_state.pop(PENDING, None)
    retrying = st.session_state.pop(RETRYING, False)
    if pending:
        with st.chat_message("user"):
            st.text(pending)
        stream = bot.reply(talk, pending)
    elif retrying:
        stream = bot.retry(talk)
    else:
        return
    with st.chat_message("assistant"):
        st.write_stream(plain(stream))
    _keep(talk)
    st.rerun()


def render() -> None:
    st.title("Chat")
    talk = conversation()
    busy = bool(st.session_state.get(PENDING) or st.session_state.get(RETRYING))
    st.chat_input(PLACEHOLDER, key=INPUT, on_submit=_submitted, disabled=busy)
    from composer import ComposerError
    from limits import LimitsError

    try:
        bot = assistant()
    except (ComposerError, LimitsError, ValueError) as exc:  # a broken store or model setting: one sentence
        feedback.show(exc)
        return
    if busy:
        _keep_edits(bot, talk)
    st.caption(_mode_line(bot, talk))
    feedback.show_notice("chat")
    chat, side = st.columns([1, 1], gap="medium")
    with side:
        _side(bot, talk)
        st.button(
            "Clear conversation",
            key="btn.chat.clear",
            icon=":material/delete_sweep:",
            on_click=_clear,
            disabled=busy or not talk.messages,
            help="Start afresh: forgets this conversation here and in the data directory (drafts stay).",
        )
        _earlier(talk)
    # A scrolling box (it follows new messages) keeps the lead and the draft beside it in view.
    with chat, st.container(height=CHAT_HEIGHT, border=False):
        for index, message in enumerate(talk.messages):
            _message(message, index, last=index == len(talk.messages) - 1)
        _reply(bot, talk)


if __name__ == "__main__":
    render()
