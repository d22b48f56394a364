"""The chat assistant: a conversation that drafts, revises and checks limits, with a model or without one.

A front end like the app and the CLI: `Assistant(Services(workspace=...))` works through the workspace
(`inmail.workspace`), which records drafts and sends. It never imports streamlit (the page is `ui/chat.py`).
"""

from assistant.assistant import Assistant
from assistant.commands import Command, CommandName, parse_command
from assistant.drafts import CHANNEL_WORDS
from assistant.errors import AssistantError
from assistant.services import Services
from assistant.state import Conversation, Message, Mode, Role

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
