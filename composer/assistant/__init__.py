"""The chat assistant: a conversation that drafts, revises and checks limits, with a model or without one.

Import it as `from composer.assistant import Assistant, Conversation, Services`; it is not exported from
`composer` itself, and it never imports streamlit (the page is `ui/chat.py`).
"""

from composer.assistant.assistant import Assistant
from composer.assistant.commands import Command, CommandName, parse_command
from composer.assistant.drafts import CHANNEL_WORDS
from composer.assistant.errors import AssistantError
from composer.assistant.services import Services
from composer.assistant.state import Conversation, Message, Mode, Role

__all__ = [
    "CHANNEL_WORDS",
    "Assistant",
    "AssistantError",
    "Command",
    "CommandName",
    "Conversation",
    "Message",
    "Mode",
    "Role",
    "Services",
    "parse_command",
]
