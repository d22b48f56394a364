"""Command mode: what each slash command does, /help, and the answer to free text without a model.

Commands work the same with or without a model; without one they are the whole interface, so /help
shows where the conversation stands and what to type next.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from assistant import bookkeeping, drafts
from assistant.commands import Command, CommandName, closest_command, usage
from assistant.errors import AssistantError
from assistant.events import Event, Say
from assistant.instructions import Changes, language_code, read_changes
from assistant.intents import Intent, guess_intent
from assistant.leads import lead_from_json, lead_names, mentioned_lead, pick_lead
from assistant.services import Services
from assistant.state import Conversation
from composer import SAMPLE_LEADS, Lead
from inmail.sending import NotSendableError

AUTO = "auto"
CONNECT = (
    "To chat in your own words, connect a model: set OPENAI_BASE_URL and INMAIL_MODEL (plus OPENAI_API_KEY "
    "if the server needs one) in the environment or on the Settings page; any OpenAI-compatible server works."
)


def run_command(conversation: Conversation, services: Services, command: Command) -> Iterator[Event]:
    arg = command.argument
    match command.name:
        case CommandName.HELP:
            yield Say(help_text(conversation, services))
        case CommandName.LEAD:
            yield Say(set_lead(conversation, services, arg))
        case CommandName.DRAFT:
            yield from drafts.write(conversation, services, changes=Changes(strategy=arg or None))
        case CommandName.STRATEGY:
            yield from redraft(conversation, services, Changes(strategy=arg))
        case CommandName.SHORTER:
            yield from drafts.shorter(conversation, services)
        case CommandName.LANGUAGE:
            code = language_code(arg)
            if code is None:
                raise AssistantError(
                    f"{arg!r} is not a language: use a code such as en, fr, de, es, or auto."
                )
            yield from redraft(conversation, services, Changes(language=code))
        case CommandName.CHECK:
            yield Say(check(conversation, services))
        case CommandName.CREDITS:
            yield Say(credits(services))
        case CommandName.SENT:
            yield Say(mark_sent(conversation, services))
        case _ as unreachable:
            assert_never(unreachable)


def redraft(conversation: Conversation, services: Services, changes: Changes) -> Iterator[Event]:
    """Change a setting; when there is a draft, write it again with the new setting."""
    settings = drafts.updated_settings(
        conversation.settings, changes, strategies=drafts.strategy_names(services)
    )
    if conversation.draft is None or conversation.lead is None:
        conversation.settings = settings
        what = ", ".join(f"{k} {v}" for k, v in changes.settings_changes().items())
        yield Say(f"Set {what}; the next /draft uses it.")
        return
    yield from drafts.write(conversation, services, changes=changes, verb="Redrafted as", keep_revisions=True)


def all_leads(services: Services) -> list[dict]:
    """Saved leads first, then the samples that are not saved under the same id."""
    saved = [dict(lead) for lead in services.leads()]
    ids = {str(lead.get("id")) for lead in saved}
    samples = [lead.model_dump(mode="json") for lead in SAMPLE_LEADS.values() if lead.id not in ids]
    return saved + samples


def set_lead(conversation: Conversation, services: Services, argument: str) -> str:
    if not argument:
        names = ", ".join(lead_names(all_leads(services)))
        return f"Type /lead NAME to pick one of: {names}; or paste a lead's JSON after /lead."
    if argument.lstrip().startswith("{"):
        return adopt_lead(conversation, lead_from_json(argument), pasted=True)
    return adopt_lead(conversation, pick_lead(argument, all_leads(services)))


def adopt_lead(conversation: Conversation, lead: Lead, *, pasted: bool = False) -> str:
    """Make `lead` the current lead; a draft for someone else is set aside."""
    dropped = ""
    other = conversation.lead is not None and conversation.lead.id != lead.id
    if other and conversation.draft is not None:
        conversation.draft = None  # a draft for someone else must not be sent to this lead
        dropped = " The draft for the previous lead is set aside."
    if other and conversation.settings.language != AUTO:
        # The language was asked for that lead; the next one gets their own profile's language.
        conversation.settings = conversation.settings.model_copy(update={"language": AUTO})
        dropped += " The language is back to auto (this lead's profile language)."
    conversation.lead = lead
    where = ", ".join(part for part in (lead.title, lead.company) if part)
    degree = {1: "1st-degree", 2: "2nd-degree", 3: "3rd-degree"}.get(lead.degree or 0, "out of network")
    facts = "; ".join(part for part in (where, degree, "Open Profile" if lead.open_profile else "") if part)
    how = " from the pasted JSON" if pasted else ""
    hint = "" if lead.id else " It has no id (profile URL), so /check and /sent cannot track it."
    return f"Lead set to {lead.full_name} ({facts}){how}.{dropped}{hint} Next: /draft or /check."


def _lead_json(conversation: Conversation) -> dict:
    lead = drafts.require_lead(conversation)
    if not lead.id:
        raise AssistantError('This lead has no id (profile URL): add "id" to its JSON to check or record it.')
    return lead.model_dump(mode="json")


def check(conversation: Conversation, services: Services) -> str:
    data = _lead_json(conversation)
    name = drafts.require_lead(conversation).full_name
    return bookkeeping.check_reply(services.account, data, name=name, at=services.now())


def credits(services: Services) -> str:
    return bookkeeping.credits_reply(services.account, at=services.now())


def mark_sent(conversation: Conversation, services: Services) -> str:
    """Record the current draft as sent, once: asking again repeats what was recorded."""
    draft = drafts.require_draft(conversation)
    _lead_json(conversation)
    if draft.id in conversation.sent:
        return f"Already recorded, nothing new: {conversation.sent[draft.id]}"
    lead = drafts.require_lead(conversation)
    try:
        outcome = services.workspace.mark_sent(draft, lead, at=services.now())
    except NotSendableError as exc:
        why = exc.reason.message.rstrip(".") if exc.reason else "no channel reaches them"
        raise AssistantError(
            f"I did not record it: LinkedIn would not deliver it to {lead.first_name} ({why}). "
            "Type /check to see the other ways."
        ) from None
    done = bookkeeping.sent_reply(outcome, name=lead.first_name)
    conversation.sent[draft.id] = done
    return done


def propose_send(conversation: Conversation) -> str:
    """What the model's "record this send" becomes: a pointer to the button that records it."""
    draft = drafts.require_draft(conversation)
    lead = drafts.require_lead(conversation)
    if draft.id in conversation.sent:
        return f"Already recorded, nothing new: {conversation.sent[draft.id]}"
    return (
        f"If you have sent it to {lead.first_name} on LinkedIn, press Mark as sent on the current draft's "
        "card: that records it in your book, once. I do not record sends myself."
    )


def help_text(conversation: Conversation, services: Services) -> str:
    strategies = ", ".join(drafts.strategy_names(services))
    settings = conversation.settings
    languages = ", ".join(drafts.language_codes(services))
    rows = [
        (usage(CommandName.LEAD), "pick a saved or sample lead by name, or paste the lead's JSON"),
        (usage(CommandName.DRAFT), f"write a message to the lead ({strategies})"),
        (usage(CommandName.STRATEGY), f"switch strategy and redraft (now {settings.strategy})"),
        (
            usage(CommandName.SHORTER),
            "cut the draft by about a quarter, keeping the hook, the proof point and the ask",
        ),
        (
            usage(CommandName.LANGUAGE),
            f"write in {languages} or auto (the lead's); now {settings.language}",
        ),
        (usage(CommandName.CHECK), "can you contact the lead now, by which channel, at what cost"),
        (usage(CommandName.CREDITS), "your balance, credits expiring soon, and caps used"),
        (usage(CommandName.SENT), "record the draft as sent (once) after you sent it on LinkedIn"),
    ]
    lines = ["Commands:", *(f"{cmd} — {what}" for cmd, what in rows), "", _where(conversation)]
    if services.llm is None:
        lines += ["", CONNECT]
    else:
        lines += [
            "",
            'Or just ask: "write to Maria with PAS", "shorter", "more formal", "in Spanish", '
            '"can I InMail her this week?", "how many credits expire soon?".',
        ]
    return "\n".join(lines)


def _where(conversation: Conversation) -> str:
    if conversation.lead is None:
        return "Now: no lead yet. Start with /lead Maria (a sample) or paste a lead's JSON."
    if conversation.draft is None:
        return f"Now: lead {conversation.lead.full_name}, no draft yet. Next: /draft."
    return (
        f"Now: lead {conversation.lead.full_name}, a {conversation.draft.strategy.upper()} draft. "
        "Next: /shorter, /strategy, /language, /check, or copy it and /sent."
    )


UNDERSTOOD = (
    '(No model is connected, so I read plain requests for the usual things: "write to Maria", '
    '"shorter", "in French", "use PAS", "check her", "my credits"; /help lists the commands.)'
)
NOT_UNDERSTOOD = (
    'I did not catch that. Without a model I understand requests like "write to Maria", "shorter", '
    '"in French", "check her" or "my credits", and the commands: type /help.'
)


def suggestion(conversation: Conversation, text: str) -> str:
    """What to type instead: the command a word of `text` is closest to, else the next step from here."""
    if (name := closest_command(text)) is not None:
        return f"Did you mean {usage(name)}?"
    if conversation.lead is None:
        return "Try /lead Maria to start with a sample lead."
    if conversation.draft is None:
        return "Try /draft to write to them."
    return "Try /shorter, /check or /language fr."


def free_text(conversation: Conversation, services: Services, text: str) -> Iterator[Event]:
    """No model: a plain request mapped onto the command it means, and done; else what I understand."""
    if notice := conversation.say_once("understood", UNDERSTOOD):
        yield Say(notice)
    changes = read_changes(text, strategies=drafts.strategy_names(services))
    intent = guess_intent(text, has_draft=conversation.draft is not None)
    lead = mentioned_lead(text, all_leads(services))
    if lead is not None and (conversation.lead is None or conversation.lead.id != lead.id):
        yield Say(adopt_lead(conversation, lead))
        if intent is None and changes.is_empty():
            return
    match intent:
        case Intent.DRAFT:
            yield from drafts.write(conversation, services, changes=changes)
        case Intent.CHECK:
            yield Say(check(conversation, services))
        case Intent.CREDITS:
            yield Say(credits(services))
        case Intent.SENT:
            yield Say(SEND_BY_BUTTON)
        case Intent.HELP:
            yield Say(help_text(conversation, services))
        case Intent.REVISE | Intent.CHAT | None if changes.shorter and not changes.settings_changes():
            yield from drafts.shorter(conversation, services)
        case Intent.REVISE | Intent.CHAT | None if changes.settings_changes():
            yield from redraft(conversation, services, changes)  # "shorter, in French": both
        case Intent.REVISE | Intent.CHAT | None:
            yield Say(f"{NOT_UNDERSTOOD} {suggestion(conversation, text)}")
            if connect := conversation.say_once("connect", CONNECT):
                yield Say(connect)
        case _ as unreachable:
            assert_never(unreachable)


SEND_BY_BUTTON = (
    "Once you have sent it on LinkedIn, press Mark as sent on the draft card (or type /sent): that records "
    "it in your book, once."
)
