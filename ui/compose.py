"""Compose page: lead, sender and settings on the left; the limits verdict, Generate, the drafts and the
lead's draft history on the right.

It works with nothing set up: a first visit offers a sample lead, drafts as the sample sender (said on
the page) until the user saves their own profile, and gives a lead without a profile URL an id made
from its name and company (said too). The form and the drafts come back after a reload (`ui.state`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from inmail.workspace import generated_lead_id, lead_id_problem, lead_key, with_lead_id
from ui import (
    due,
    feedback,
    form_errors,
    handoff,
    lead_form,
    model,
    options,
    sender_form,
    state,
    verdict,
    widgets,
)
from ui.plain import md_escape

if TYPE_CHECKING:
    from composer import ChannelRefused, Draft

KEY_PREFIX = "compose"
ID_TRAIL = "compose.id_trail"  # generated id of a lead -> the ids it carried on the page


def session_drafts() -> dict[str, list[Draft]]:
    return st.session_state.setdefault(state.Key.DRAFTS, {})


def _sample_sender() -> dict[str, Any]:
    from composer import SAMPLE_SENDER

    return SAMPLE_SENDER.model_dump(mode="json")


def _writer(sender: dict[str, Any]) -> dict[str, Any]:
    """Who the drafts are from: the You tab when it has a name, else the sample sender (with a notice)."""
    from inmail.errors import WorkspaceError

    try:
        saved = state.workspace().sender_data() is not None
    except WorkspaceError:
        saved = False
    if sender.get("name"):
        if not saved:
            st.caption(
                "Your profile on the You tab is not saved yet: press Save as my profile there to keep it."
            )
        return sender
    sample = _sample_sender()
    st.info(
        f"Writing as the sample sender, {sample['name']} of {sample['company']}: fill in the You tab and "
        "save it to write as yourself.",
        icon=":material/person:",
    )
    return sample


def _with_id(lead: dict[str, Any]) -> dict[str, Any]:
    """The lead with an id; a made-up one (from name and company) is said on the page, and so is a profile
    URL field that holds something else."""
    if problem := lead_id_problem(lead):
        st.warning(md_escape(problem), icon=":material/link_off:")
    found, made = with_lead_id(lead)
    if made:
        st.info(
            f"This lead has no profile URL, so its drafts and sends are kept under {found['id']} (made from "
            "the name and company). Add the URL on the Lead tab to track them under LinkedIn's.",
            icon=":material/badge:",
        )
    return found


def _load_sample() -> None:
    from composer import SAMPLE_LEAD

    lead_form.load_into_state(SAMPLE_LEAD.model_dump(mode="json"))
    name = SAMPLE_LEAD.full_name
    feedback.notify("lead", "success", f"Loaded the sample lead {name}; press Generate draft.")


def _start_here(lead: dict[str, Any]) -> None:
    """A first visit: nothing typed yet, no drafts. One click fills in a sample lead."""
    if lead.get("first_name") or session_drafts():
        return
    with st.container(border=True):
        st.markdown("**New here?** Try it with a sample lead: no model, plan or profile needed.")
        st.caption(
            "Then make it yours: your own profile on the You tab, a real lead on the Lead tab (pick, paste "
            "JSON or type), your LinkedIn plan in Settings."
        )
        st.button("Try a sample lead", key="btn.try_sample", icon=":material/bolt:", on_click=_load_sample)


def _generate(lead: dict[str, Any], sender: dict[str, Any], settings: dict[str, Any]) -> list[Draft]:
    """Drafts for the lead: instant on the template engine, streamed when a model is configured."""
    from composer import Engine, Lead, Sender, Settings

    workspace = state.workspace()
    lead_model = Lead.from_data(lead, what="lead")
    sender_model = Sender.from_data(sender, what="sender")
    settings_model = Settings.from_data(settings, what="settings")
    llm = model.llm_config()
    at = state.now()
    if llm is None:
        return workspace.draft(lead_model, sender_model, settings_model, at=at)
    if settings_model.variants > 1:  # several variants: ask for them at once rather than one stream each
        with st.spinner(f"Writing {settings_model.variants} variants with {llm.model}..."):
            return workspace.draft(
                lead_model, sender_model, settings_model, engine=Engine.LLM, llm=llm, at=at
            )
    made: list[Draft] = []

    def chunks():
        for item in workspace.stream_draft(lead_model, sender_model, settings_model, llm=llm, at=at):
            if isinstance(item, str):
                yield md_escape(item)  # model text is shown as plain text, never as markdown
            else:
                made.append(item)

    from composer import Outcome

    box = st.empty()
    with box.container(border=True):
        status = st.empty()
        status.caption(f"Writing with {llm.model}...")
        st.write_stream(chunks())
    if any(draft.outcome is Outcome.FALLBACK for draft in made):
        box.empty()  # the model's text is not the draft: its card says why and keeps the attempt
    else:
        status.caption(f"Written with {llm.model}.")
    return made


def _refused(exc: ChannelRefused, lead: dict[str, Any]) -> None:
    """The one line that says which channel reaches the lead, and a button that drafts in it."""
    feedback.show(exc)
    st.button(
        f"Draft {feedback.CHANNEL_NAMES.get(exc.instead, exc.instead)} instead",
        key="btn.draft_instead",
        icon=":material/person_add:",
        on_click=handoff.draft_as,
        args=(lead, exc.instead),
    )


def _generate_section(lead: dict[str, Any], sender: dict[str, Any], settings: dict[str, Any]) -> None:
    from composer import ChannelRefused, ComposerError
    from inmail.errors import WorkspaceError

    conn = model.connection()
    engine = (
        f"model {conn.model or ''} at {conn.base_url or 'OpenAI'}" if conn.key_set or conn.base_url else None
    )
    st.caption(
        f"Drafting with the {engine}."
        if engine
        else "Drafting offline with the template engine (instant). "
        "Connect a model in Settings to write with an LLM."
    )
    clicked = st.button("Generate draft", type="primary", icon=":material/auto_awesome:", key="btn.generate")
    if clicked or handoff.requested(lead):
        if problem := form_errors.validate(lead, sender, settings):
            st.error(md_escape(problem), icon=":material/error:")  # the form stays as it is
            return
        workspace = state.workspace()
        try:
            flagged = dict(settings)
            if settings.get("channel") == "follow_up":  # a follow-up needs a first message on the book
                flagged["first_message_sent"] = workspace.first_message_sent(lead)
            made = _generate(lead, sender, flagged)
        except ChannelRefused as exc:
            _refused(exc, lead)  # nothing drafted; one click drafts what does reach them
            return
        except ComposerError as exc:
            feedback.show(exc)  # the form, the settings and earlier drafts stay as they are
            return
        key = lead_key(lead)
        # The same text for the same lead is the same draft (same id): keep one card, newest on top.
        fresh = list({draft.id: draft for draft in reversed(made)}.values())
        drafts = session_drafts().setdefault(key, [])
        drafts[:] = fresh + [draft for draft in drafts if draft.id not in {d.id for d in fresh}]
        try:
            for draft in fresh:
                workspace.record_draft(draft, lead=lead, at=state.now(), persona=settings.get("persona"))
        except WorkspaceError as exc:
            feedback.show(exc)  # the drafts are on the page; only the history missed them


def _reopen(key: str, draft: Draft) -> None:
    drafts = session_drafts().setdefault(key, [])
    if all(d.id != draft.id for d in drafts):
        drafts.insert(0, draft)


def _id_trail(lead: dict[str, Any]) -> list[str]:
    """The ids this lead (same name and company) carried on the page this session: a URL corrected on
    the form keeps the drafts made under the one before in view."""
    person = generated_lead_id(lead)
    if not person:
        return []
    trail = st.session_state.setdefault(ID_TRAIL, {}).setdefault(person, [])
    if (key := lead_key(lead)) not in trail:
        trail.append(key)
    return list(trail)


def _history(lead: dict[str, Any], shown: set[str]) -> None:
    from inmail.errors import WorkspaceError

    try:
        entries = state.workspace().history(lead, earlier_ids=_id_trail(lead))
    except WorkspaceError as exc:
        feedback.show(exc)
        return
    # A card on the page is its draft's newest entry: earlier entries of the same text stay listed, each
    # with what it was when it was made.
    carded: set[str] = set()
    listed = []
    for entry in entries:  # newest first
        if entry.draft_id in shown and entry.draft_id not in carded:
            carded.add(entry.draft_id)
            continue
        listed.append(entry)
    entries = listed
    key = lead_key(lead)
    if not entries:
        return
    with st.expander(f"Earlier drafts for this lead ({len(entries)})", icon=":material/history:"):
        for number, entry in enumerate(entries[:20]):
            sent = f", sent {entry.sent_at.astimezone():%d %b %H:%M}" if entry.sent_at else ""
            earlier = f", made under the earlier id {entry.lead_id}" if entry.lead_id != key else ""
            st.caption(md_escape(f"{entry.at.astimezone():%d %b %Y %H:%M}{sent}{earlier}"))
            subject = entry.sent_subject if entry.sent_at else entry.draft.subject
            body = (entry.sent_body if entry.sent_at else None) or entry.draft.body
            st.text(f"Subject: {subject}\n\n{body}" if subject else body)
            st.button(
                "Open again",
                key=f"btn.reopen.{number}.{entry.draft_id}",  # the same text drafted twice: two entries
                on_click=_reopen,
                args=(key, entry.draft),
            )
            st.divider()


def render() -> None:
    st.title("Compose")
    due.section(where="compose")
    strategies = _strategies()
    form, work = st.columns([1, 1], gap="large")
    with form:
        lead_tab, sender_tab, settings_tab = st.tabs(["Lead", "You", "Settings"])
        with lead_tab:
            lead = lead_form.render()
        with sender_tab:
            sender = sender_form.render(_sample_sender())
        with settings_tab:
            settings = options.render(strategies, options.template_languages(state.template_store()))
    with work:
        _start_here(lead)
        lead = _with_id(lead) if lead.get("first_name") else lead
        st.subheader("Before you write")
        verdict.render(lead, channel=str(settings.get("channel") or "inmail"))
        st.subheader("Drafts")
        sender = _writer(sender)
        _generate_section(lead, sender, settings)
        key = lead_key(lead)
        drafts = session_drafts().get(key, [])
        _drafts(drafts, lead)
        _history(lead, {draft.id for draft in drafts})
    if problem := state.save():
        st.caption(md_escape(problem))


def _drafts(drafts: list[Draft], lead: dict[str, Any]) -> None:
    """The newest draft open; each older one folded to a line that says what it is."""
    for number, draft in enumerate(drafts, start=1):
        title = f"Draft {len(drafts) - number + 1}"
        if number == 1:
            widgets.draft_card(draft, lead=lead, key_prefix=KEY_PREFIX, title=title)
            continue
        with st.expander(f"{title}: {widgets.summary(draft)}", icon=":material/draft:"):
            widgets.draft_card(draft, lead=lead, key_prefix=KEY_PREFIX, title=title)


def _strategies():
    from composer import ComposerError, list_strategies

    try:
        return list_strategies(state.template_store())
    except ComposerError as exc:
        feedback.show(exc)
        return []


if __name__ == "__main__":
    render()
