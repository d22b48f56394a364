"""The assistant: one message in, a streamed plain-text reply out, the conversation updated.

`reply()` is a generator of text chunks for the page to stream. The user's message is stored before
anything runs and the reply is stored when the stream ends (in `finally`, so a reply cut short by an error
or a closed page keeps what streamed): nothing typed is lost, and Retry can send it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from assistant import drafts, offline, turns
from assistant.commands import is_command, parse_command
from assistant.errors import AssistantError
from assistant.events import Event, Made, Preview, Say
from assistant.leads import find_json_object, lead_from_json
from assistant.model import ModelFailure
from assistant.services import Services
from assistant.state import Conversation, Message, Mode, Role
from composer import ChannelRefused, ComposerError
from inmail.errors import WorkspaceError
from limits import LimitsError, NotInitialisedError

NO_PLAN = "I do not know your LinkedIn plan yet: set it on the Settings page, then ask me again."
CHANNEL_WORDS = {"connection_note": "connection note", "follow_up": "follow-up", "inmail": "InMail"}


class Assistant:
    def __init__(self, services: Services) -> None:
        self.services = services

    def reply(self, conversation: Conversation, text: str) -> Iterator[str]:
        """Store the user's message, then stream the reply to it."""
        text = text.strip()
        if not text:
            return
        message = Message(role=Role.USER, text=text)
        conversation.messages.append(message)
        yield from self._answer(conversation, message)

    def retry(self, conversation: Conversation) -> Iterator[str]:
        """Answer the last user message again after a failed reply (which stays, with what it streamed)."""
        if not conversation.can_retry():
            return
        last = next(m for m in reversed(conversation.messages) if m.role is Role.USER)
        yield from self._answer(conversation, last)  # the failed reply stays; this one follows it

    def use_edits(self, conversation: Conversation, *, subject: str | None, body: str) -> bool:
        """The user edited the current draft by hand: keep working on their text (checked again)."""
        return drafts.edited(conversation, self.services, subject=subject, body=body)

    def mode(self, conversation: Conversation) -> Mode:
        """Commands without a model; with one, tools until this server showed it cannot call them."""
        if self.services.llm is None:
            return Mode.COMMANDS
        learned = conversation.mode is Mode.ROUTING and conversation.mode_for == self._server()
        return Mode.ROUTING if learned else Mode.TOOLS

    def _server(self) -> str | None:
        llm = self.services.llm
        return f"{llm.where} {llm.model}" if llm else None

    def _answer(self, conversation: Conversation, message: Message) -> Iterator[str]:
        said: list[str] = []  # the reply's own words: what the conversation keeps
        shown: list[str] = []  # everything streamed, previews included: kept if the model fails
        last = None  # the kind of the previous event shown, to start a new line or paragraph
        draft = error = None
        failed = False
        try:
            for event in self._events(conversation, message):
                if isinstance(event, Made):
                    draft = event.draft
                    continue
                kind = type(event)
                continues = isinstance(event, Preview) or event.joined  # streamed words of one text
                gap = "" if last is None or (continues and kind is last) else "\n" if kind is last else "\n\n"
                if isinstance(event, Say):
                    said.append(("\n" if said and not event.joined else "") + event.text)
                shown.append(gap + event.text)
                last = kind
                yield shown[-1]
        except ModelFailure as exc:
            error, failed = str(exc), True
        except NotInitialisedError:
            error = NO_PLAN
        except ChannelRefused as exc:
            error = refused(exc)
        except (AssistantError, ComposerError, WorkspaceError, LimitsError) as exc:
            error = _sentence(str(exc))
        finally:
            text = "".join(shown if failed else said).strip()
            conversation.messages.append(
                Message(
                    role=Role.ASSISTANT,
                    text=text,
                    draft=draft,
                    lead=conversation.lead if draft else None,
                    error=error,
                    failed=failed,
                )
            )
        if error:
            yield ("\n" if shown else "") + error

    def _events(self, conversation: Conversation, message: Message) -> Iterator[Event]:
        text = message.text
        if is_command(text):
            yield from offline.run_command(conversation, self.services, parse_command(text))
            return
        text, pasted = self._pasted_lead(conversation, message)
        if pasted:
            yield Say(pasted)
            if not text:
                return
        mode = self.mode(conversation)
        conversation.mode, conversation.mode_for = mode, self._server()
        match mode:
            case Mode.COMMANDS:
                yield from offline.free_text(conversation, self.services, text)
            case Mode.TOOLS:
                yield from turns.tool_turn(
                    conversation, self.services, text, model_text=message.model_text or text
                )
            case Mode.ROUTING:
                yield from turns.routing_turn(conversation, self.services, text)
            case _ as unreachable:
                assert_never(unreachable)

    def _pasted_lead(self, conversation: Conversation, message: Message) -> tuple[str, str]:
        """A lead pasted into a message becomes the current lead; the model sees a marker, not the JSON.

        Returns (the rest of the message, what was done).
        """
        found = find_json_object(message.text)
        if found is None:
            return message.text, ""
        raw, rest = found
        lead = lead_from_json(raw)
        done = offline.adopt_lead(conversation, lead, pasted=True)
        message.model_text = f"{rest} [lead pasted: {lead.full_name}; see the lead data]".strip()
        return rest, done


def refused(exc: ChannelRefused) -> str:
    """The refusal in the chat's words: what to type for the channel that does reach the lead."""
    instead = CHANNEL_WORDS.get(exc.instead, exc.instead)
    return f'{exc.lead_name} does not accept InMail: say "{instead}" and I will write one instead.'


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
