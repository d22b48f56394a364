"""Drafting in the chat: write a draft, redraft with new settings, make it shorter, revise it.

Every function yields `events` (preview text while a model writes, the finished Draft, then one short
sentence that says what changed) and leaves the new draft and settings on the conversation.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

from assistant.errors import AssistantError
from assistant.events import Event, Made, Preview, Say
from assistant.instructions import Changes
from assistant.services import Services
from assistant.shorten import shorter_body
from assistant.state import Conversation
from composer import (
    SAMPLE_SENDER,
    Draft,
    DraftChannel,
    Lead,
    Mood,
    Persona,
    Sender,
    Settings,
    language_name,
    list_strategies,
    written_languages,
)

CHANNEL_WORDS = {
    DraftChannel.INMAIL: "InMail",
    DraftChannel.CONNECTION_NOTE: "connection note",
    DraftChannel.FOLLOW_UP: "follow-up",
}


def strategy_names(services: Services) -> list[str]:
    return [strategy.name for strategy in list_strategies(services.store)]


def language_codes(services: Services) -> list[str]:
    """Every language the template engine writes some strategy in (what /language can pick offline)."""
    store = services.store
    return sorted(
        {code for strategy in list_strategies(store) for code in written_languages(store, strategy)}
    )


def require_lead(conversation: Conversation) -> Lead:
    if conversation.lead is None:
        raise AssistantError("No lead yet: type /lead NAME to pick a saved lead, or paste the lead's JSON.")
    return conversation.lead


def require_draft(conversation: Conversation) -> Draft:
    if conversation.draft is None:
        raise AssistantError("There is no draft yet: type /draft (or ask for one) first.")
    return conversation.draft


def updated_settings(settings: Settings, changes: Changes, *, strategies: list[str]) -> Settings:
    """`settings` with `changes` applied; an unknown value gets one sentence listing the valid ones."""
    update: dict[str, Any] = {}
    if changes.strategy is not None:
        name = changes.strategy.strip().lower()
        if name not in strategies:
            raise AssistantError(
                f"Unknown strategy {changes.strategy!r}: use {_or(strategies)} "
                "(add your own on the Templates page)."
            )
        update["strategy"] = name
    for field, enum in (("mood", Mood), ("persona", Persona), ("channel", DraftChannel)):
        value = getattr(changes, field)
        if value is not None:
            try:
                update[field] = enum(value.strip().lower().replace(" ", "_").replace("-", "_"))
            except ValueError:
                raise AssistantError(
                    f"Unknown {field} {value!r}: use {_or([e.value for e in enum])}."
                ) from None
    if changes.language is not None:
        update["language"] = changes.language
    try:
        return Settings.model_validate({**settings.model_dump(), **update, "variants": 1})
    except ValueError:
        raise AssistantError(
            f"{changes.language!r} is not a language code: use a code such as en, fr, de or es, or auto."
        ) from None


def _or(values: list[str]) -> str:
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else "".join(values)


def _sender(conversation: Conversation, services: Services) -> tuple[Sender, str]:
    """The saved sender profile, or the sample sender with a note said once."""
    sender = services.writer()
    if sender is not None:
        return sender, ""
    note = conversation.say_once(
        "sample-sender",
        f"(Written as the sample sender {SAMPLE_SENDER.name}: save your own profile on the Compose page.)",
    )
    return SAMPLE_SENDER, note


def write(
    conversation: Conversation,
    services: Services,
    *,
    changes: Changes,
    verb: str = "Drafted",
    keep_revisions: bool = False,
) -> Iterator[Event]:
    """A new draft for the current lead with the settings changed as asked (streams with a model).

    `keep_revisions`: a redraft of the current draft with new settings, which applies the revisions made
    to it again (each "shorter"); `changes.shorter` asks for one more."""
    times = (conversation.shortened if keep_revisions else 0) + int(changes.shorter)
    yield from _written(conversation, services, changes=changes, verb=verb)
    conversation.shortened = 0
    for _ in range(times):
        try:
            yield from shorter(conversation, services)
        except AssistantError as exc:  # nothing optional left to drop: say so, keep the draft
            yield Say(str(exc))
            break


def _written(
    conversation: Conversation, services: Services, *, changes: Changes, verb: str
) -> Iterator[Event]:
    lead = require_lead(conversation)
    settings = updated_settings(conversation.settings, changes, strategies=strategy_names(services))
    sender, note = _sender(conversation, services)
    draft = None
    stream = services.workspace.stream_draft(lead, sender, settings, llm=services.llm, at=services.now())
    for item in stream:
        if isinstance(item, Draft):
            draft = item
        elif services.llm is not None:  # offline the text arrives whole with the draft: no preview
            yield Preview(item)
    assert draft is not None  # a draft stream always ends with exactly one Draft
    yield from _adopt(conversation, services, draft, settings=settings, verb=verb, note=note)


def shorter(
    conversation: Conversation,
    services: Services,
    *,
    instruction: str = "Make it about a quarter shorter; keep the hook, the proof point and the ask.",
) -> Iterator[Event]:
    """Offline: drop optional sentences. With a model: ask it to tighten, and check it really is shorter."""
    draft = require_draft(conversation)
    note = ""
    if services.llm is not None:
        new = yield from _rewritten(conversation, services, instruction=instruction, changes=Changes())
        if len(new.body) < len(draft.body):
            yield from _adopt(conversation, services, new, settings=conversation.settings, verb="Shortened")
            conversation.shortened += 1
            return
        note = "The model's version was not shorter, so I dropped sentences instead."
    sender, _ = _sender(conversation, services)
    # The proof point is the message's evidence: a shorter draft keeps it, in whichever language it is;
    # what the draft used of the lead is its hook, wherever the message set it.
    proofs = [sender.proof, *sender.proofs.values()]
    facts = [fact.text for fact in draft.facts_used]
    keep = [k for k in (sender.company, conversation.settings.cta_text, *proofs, *facts) if k]
    body = shorter_body(draft.body, keep=keep)
    new = _recheck(conversation, services, draft, subject=draft.subject, body=body, known=(draft.body,))
    settings = conversation.settings
    yield from _adopt(conversation, services, new, settings=settings, verb="Shortened", note=note)
    conversation.shortened += 1


def rewrite(
    conversation: Conversation, services: Services, *, instruction: str, changes: Changes | None = None
) -> Iterator[Event]:
    """The model rewrites the current draft as told; the result gets every check again."""
    changes = changes or Changes()
    names = strategy_names(services)
    settings = updated_settings(conversation.settings, changes, strategies=names)
    new = yield from _rewritten(conversation, services, instruction=instruction, changes=changes)
    yield from _adopt(conversation, services, new, settings=settings, verb="Revised")


def _rewritten(
    conversation: Conversation, services: Services, *, instruction: str, changes: Changes
) -> Generator[Event, None, Draft]:
    """Stream the model's rewrite as a preview; return it as a checked Draft (not yet adopted)."""
    from assistant import model
    from assistant.prompting import revision_instructions, revision_request
    from composer import parse_reply

    draft, lead = require_draft(conversation), require_lead(conversation)
    assert services.llm is not None
    settings = updated_settings(conversation.settings, changes, strategies=strategy_names(services))
    system = revision_instructions(lead=lead.model_dump(mode="json"), has_subject=draft.subject is not None)
    request = revision_request(instruction=instruction, subject=draft.subject, body=draft.body)
    text = ""
    for chunk in model.stream_text(services.llm, system=system, user=request):
        text += chunk
        yield Preview(chunk)
    subject, body = parse_reply(text)
    if not body:
        raise model.ModelFailure("The model sent back an empty draft: press Retry, or say it differently.")
    subject = None if draft.subject is None else subject or draft.subject
    known = (draft.body,) if _grounded(draft) else ()
    return _recheck(
        conversation, services, draft, subject=subject, body=body, known=known, settings=settings, llm=True
    )


def edited(conversation: Conversation, services: Services, *, subject: str | None, body: str) -> bool:
    """Take the user's own edits of the current draft (checked again); True when anything changed."""
    draft = conversation.draft
    if draft is None or conversation.lead is None or not body.strip():
        return False
    subject = None if draft.subject is None else subject
    if (subject, body) == (draft.subject, draft.body):
        return False
    conversation.draft = _recheck(
        conversation, services, draft, subject=subject, body=body, known=(draft.body,)
    )
    return True


def _grounded(draft: Draft) -> bool:
    return all(check.ok for check in draft.checks if check.name == "grounding")


def _recheck(
    conversation: Conversation,
    services: Services,
    draft: Draft,
    *,
    subject: str | None,
    body: str,
    known: tuple[str, ...],
    settings: Settings | None = None,
    llm: bool = False,
) -> Draft:
    """A changed text as a Draft with every check run again, against the account's limits."""
    sender, _ = _sender(conversation, services)
    return services.workspace.recheck(
        draft,
        at=services.now(),
        lead=require_lead(conversation),
        sender=sender,
        settings=settings or conversation.settings,
        subject=subject,
        body=body,
        known=known,
        model=services.llm.model if llm and services.llm else None,
    )


def _adopt(
    conversation: Conversation,
    services: Services,
    draft: Draft,
    *,
    settings: Settings,
    verb: str,
    note: str = "",
) -> Iterator[Event]:
    before = conversation.draft
    conversation.draft, conversation.settings = draft, settings
    if conversation.lead is not None and not services.record_draft(draft, conversation.lead):
        note = (note + " " if note else "") + "(I could not save it in the draft history.)"
    yield Made(draft)
    summary = describe(draft, before, verb=verb, lead=conversation.lead)
    yield Say(f"{summary} {note}" if note else summary)


def describe(draft: Draft, before: Draft | None, *, verb: str, lead: Lead | None) -> str:
    """One or two sentences: what was made or what changed, its length, and how the checks went."""
    kind = f"{draft.strategy.upper()} {CHANNEL_WORDS[draft.channel]}"
    article = "an" if kind[0] in "AEIOU" else "a"
    what = f"{article} {kind} in {language_name(draft.language)}"
    head = f"{verb} {what}" + (f" for {lead.full_name}" if lead and before is None else "")
    changed = []
    if before is not None:
        for label, old, new in (
            ("strategy", before.strategy.upper(), draft.strategy.upper()),
            ("language", before.language, draft.language),
            ("channel", CHANNEL_WORDS[before.channel], CHANNEL_WORDS[draft.channel]),
        ):
            if old != new:
                changed.append(f"{label} {old} → {new}")
        changed.append(f"body {len(before.body):,} → {len(draft.body):,} characters")
    else:
        changed.append(f"{len(draft.body):,} characters")
    failed = [check for check in draft.checks if not check.ok]
    if failed:
        checks = f"{len(failed)} of {len(draft.checks)} checks fail: " + "; ".join(
            f"{check.name.replace('_', ' ')} ({check.message})" for check in failed
        )
    else:
        checks = f"all {len(draft.checks)} checks pass"
    text = f"{head} ({', '.join(changed)}); {checks}."
    if draft.warnings:
        text += f" Note: {draft.warnings[0].rstrip('.')}."
    return text
