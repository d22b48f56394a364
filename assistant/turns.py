"""Model mode: one user message, answered through tool calls, or through the routing fallback.

Tools that write ask first: a model's `record_send` (or a routed "sent") only proposes the send; the
user records it with the draft card's Mark as sent button, the same workspace call as on Compose.

With tool calling the model picks tools and their arguments and the assistant runs them; the model does
not see tool results, because every tool already ends in a short sentence that says what it did. When a
server refuses `tools` (HTTP 400/422/500/501) or a reply shows they were ignored, the conversation moves to
routing for good (said once): the model names the intent in one word and the assistant fills in the
arguments from the message itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import assert_never

from assistant import drafts, model, offline
from assistant.errors import AssistantError
from assistant.events import Event, Say
from assistant.instructions import Changes, read_changes
from assistant.intents import ACTIONS, Intent, guess_intent, parse_intent, routing_instructions
from assistant.leads import mentioned_lead
from assistant.prompting import assistant_instructions
from assistant.services import Services
from assistant.state import Conversation, Mode
from assistant.tools import (
    DraftArgs,
    ReviseArgs,
    SelectLeadArgs,
    ToolCall,
    ToolName,
    read_tool_call,
    tool_specs,
)

ROUTING_NOTICE = (
    "(This model server does not call tools, so I ask the model to name what you want and do it myself; "
    "slash commands work too.)"
)
# Text that is a tool call written out instead of made: JSON with a name, <tool_call> tags, our tool names.
_TOOL_TEXT = re.compile(
    r"<\|?tool_call|\"(?:name|function|arguments)\"\s*:|\b(?:" + "|".join(ToolName) + r")\b", re.IGNORECASE
)
# How a reply starts when it may be one of those, or a draft written out: held back until it is over.
_SUSPECT = re.compile(r"[{\[<`]|subject", re.IGNORECASE)


def _system(conversation: Conversation, services: Services, *, tools: bool) -> str:
    draft = conversation.draft
    settings = conversation.settings
    return assistant_instructions(
        lead=conversation.lead.model_dump(mode="json") if conversation.lead else None,
        subject=draft.subject if draft else None,
        body=draft.body if draft else None,
        settings=f"strategy {settings.strategy}, language {settings.language}, channel {settings.channel}, "
        f"mood {settings.mood}",
        strategies=drafts.strategy_names(services),
        tools=tools,
    )


def tool_turn(
    conversation: Conversation, services: Services, text: str, *, model_text: str
) -> Iterator[Event]:
    assert services.llm is not None
    guess = guess_intent(text, has_draft=conversation.draft is not None)
    # For an action, hold the words back: a model that ignores the tools would make up drafts or credits.
    hold = guess in ACTIONS
    stream = model.stream_reply(
        services.llm,
        system=_system(conversation, services, tools=True),
        turns=[*conversation.history()[:-1], ("user", model_text)],
        tools=tool_specs(strategies=drafts.strategy_names(services)),
    )
    held: list[str] = []
    showing = False
    try:
        while True:
            chunk = next(stream)
            if showing:
                yield Say(chunk, joined=True)
                continue
            held.append(chunk)
            start = "".join(held).lstrip()
            # Decide once the reply has begun: a tool call written out or a draft is held back for now.
            if not hold and len(start) >= len("subject:") and not _SUSPECT.match(start):
                showing = True
                yield Say(start, joined=True)
                held.clear()
    except StopIteration as done:
        reply = done.value
    except model.ModelFailure as exc:
        if exc.status in model.TOOLS_REFUSED and not exc.streamed:
            yield from _to_routing(conversation, services, text)
            return
        raise
    if reply.tool_calls:
        for raw in reply.tool_calls:
            call = read_tool_call(call_id=raw.get("id") or "", name=raw["name"], args=raw.get("args"))
            yield from run_tool(conversation, services, call, text=text)
        return
    if showing:
        return
    answer = "".join(held)
    if ignored_tools(answer, guess):
        yield from _to_routing(conversation, services, text)
    else:
        yield Say(answer.strip())


def ignored_tools(answer: str, guess: Intent | None) -> bool:
    """An empty reply, a tool call written as text, or a statement where an action was asked for."""
    stripped = answer.strip()
    if not stripped or _TOOL_TEXT.search(stripped) or stripped.lower().startswith("subject"):
        return True
    return guess in ACTIONS and not stripped.endswith("?")


def _to_routing(conversation: Conversation, services: Services, text: str) -> Iterator[Event]:
    conversation.mode = Mode.ROUTING
    if notice := conversation.say_once("routing", ROUTING_NOTICE):
        yield Say(notice)
    yield from routing_turn(conversation, services, text)


_TOOL_INTENTS = {
    ToolName.DRAFT: Intent.DRAFT,
    ToolName.REVISE: Intent.REVISE,
    ToolName.CHECK: Intent.CHECK,
    ToolName.CREDITS: Intent.CREDITS,
    ToolName.SENT: Intent.SENT,
}


def run_tool(conversation: Conversation, services: Services, call: ToolCall, *, text: str) -> Iterator[Event]:
    """Run one tool the model asked for. The user's own words back up the model's arguments."""
    if isinstance(call.args, SelectLeadArgs):
        yield Say(offline.set_lead(conversation, services, call.args.name))
        return
    strategies = drafts.strategy_names(services)
    changes = read_changes(text, strategies=strategies)
    instruction = text
    if isinstance(call.args, ReviseArgs):
        instruction = call.args.instruction
        asked = read_changes(instruction, strategies=strategies)
        changes = _merge(_merge(Changes(**call.args.model_dump(exclude={"instruction"})), asked), changes)
    elif isinstance(call.args, DraftArgs):
        changes = _merge(Changes(**call.args.model_dump()), changes)
    yield from act(conversation, services, _TOOL_INTENTS[call.name], text=instruction, changes=changes)


def _merge(first: Changes, second: Changes) -> Changes:
    """`first`, with what it leaves open taken from `second`."""
    merged = {k: v for k, v in second.model_dump().items() if v not in (None, False)}
    merged.update({k: v for k, v in first.model_dump().items() if v not in (None, False)})
    return Changes(**merged)


def revise(
    conversation: Conversation, services: Services, *, instruction: str, changes: Changes
) -> Iterator[Event]:
    """A new strategy or channel means a new draft; anything else the model rewrites, keeping the rest."""
    drafts.require_draft(conversation)
    if changes.shorter and not changes.settings_changes():  # shorter it must be: checked, with a fallback
        yield from drafts.shorter(conversation, services, instruction=instruction)
    elif changes.strategy or changes.channel or services.llm is None:
        if not changes.settings_changes():
            raise AssistantError("Say what to change: shorter, another strategy, language or channel.")
        yield from drafts.write(
            conversation, services, changes=changes, verb="Redrafted as", keep_revisions=True
        )
    else:
        yield from drafts.rewrite(conversation, services, instruction=instruction, changes=changes)


def routing_turn(conversation: Conversation, services: Services, text: str) -> Iterator[Event]:
    """Ask the model for the intent (one word), then act on it with arguments read from the message."""
    assert services.llm is not None
    has_draft = conversation.draft is not None
    answer = "".join(model.stream_text(services.llm, system=routing_instructions(), user=text))
    intent = parse_intent(answer) or guess_intent(text, has_draft=has_draft)
    if intent is None:
        yield Say(
            "I could not tell what you want (the model's answer did not say), so here are the commands: "
            "type /help, or try /draft, /shorter, /check or /credits."
        )
        return
    if intent is Intent.REVISE and not has_draft:
        intent = Intent.DRAFT
    yield from run_intent(conversation, services, intent, text)


def run_intent(conversation: Conversation, services: Services, intent: Intent, text: str) -> Iterator[Event]:
    """Act on a routed intent; the arguments come from the message, and a lead it names is picked."""
    changes = read_changes(text, strategies=drafts.strategy_names(services))
    lead = (
        mentioned_lead(text, offline.all_leads(services)) if intent in (Intent.DRAFT, Intent.CHECK) else None
    )
    if lead is not None and (conversation.lead is None or conversation.lead.id != lead.id):
        yield Say(offline.adopt_lead(conversation, lead))
    yield from act(conversation, services, intent, text=text, changes=changes)


def act(
    conversation: Conversation, services: Services, intent: Intent, *, text: str, changes: Changes
) -> Iterator[Event]:
    match intent:
        case Intent.DRAFT:
            yield from drafts.write(conversation, services, changes=changes)
        case Intent.REVISE:
            yield from revise(conversation, services, instruction=text, changes=changes)
        case Intent.CHECK:
            yield Say(offline.check(conversation, services))
        case Intent.CREDITS:
            yield Say(offline.credits(services))
        case Intent.SENT:  # the model may only propose it: the user records it with the card's button
            yield Say(offline.propose_send(conversation))
        case Intent.HELP:
            yield Say(offline.help_text(conversation, services))
        case Intent.CHAT:
            assert services.llm is not None
            system = _system(conversation, services, tools=False)
            for chunk in model.stream_text(services.llm, system=system, user=text):
                yield Say(chunk, joined=True)
        case _ as unreachable:
            assert_never(unreachable)
