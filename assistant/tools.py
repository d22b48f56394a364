"""The tools the model may call: names, argument models and their OpenAI function specs.

The specs are plain JSON-schema dicts (no LangChain import here), kept simple — no `anyOf`/`null` —
because small local servers turn them into grammars and choke on the fancy parts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from assistant.errors import AssistantError


class ToolName(StrEnum):
    SELECT_LEAD = "select_lead"
    DRAFT = "draft_message"
    REVISE = "revise_draft"
    CHECK = "check_limits"
    CREDITS = "report_credits"
    SENT = "record_send"


class SelectLeadArgs(BaseModel):
    """Pick a saved or sample lead by name as the current lead."""

    name: str = Field(description="the lead's name, as the user said it")


class DraftArgs(BaseModel):
    """Write a new message to the current lead. Leave out what the user did not ask for."""

    strategy: str | None = Field(default=None, description="message strategy")
    channel: str | None = Field(default=None, description="inmail, connection_note or follow_up")
    language: str | None = Field(default=None, description="language code such as en, es, fr, de, or auto")
    mood: str | None = Field(default=None, description="professional, friendly, funny, optimistic, motivated")


class ReviseArgs(BaseModel):
    """Change the current draft as the user asked: shorter, more formal, another language or strategy."""

    instruction: str = Field(description="the user's request, in their words")
    strategy: str | None = Field(default=None, description="a new strategy, if asked")
    language: str | None = Field(default=None, description="a new language code, if asked")
    mood: str | None = Field(default=None, description="a new mood, if asked")


class NoArgs(BaseModel):
    pass


_DESCRIPTIONS = {
    ToolName.SELECT_LEAD: SelectLeadArgs.__doc__,
    ToolName.DRAFT: DraftArgs.__doc__,
    ToolName.REVISE: ReviseArgs.__doc__,
    ToolName.CHECK: "Check whether the current lead can be contacted now: channel, credit cost, reasons.",
    ToolName.CREDITS: "Report the InMail credit balance, credits expiring soon, and the usage caps.",
    ToolName.SENT: "Offer to record the current draft as sent, when the user says they sent it; the user "
    "confirms with a button, so this records nothing by itself.",
}
ARGUMENTS: dict[ToolName, type[BaseModel]] = {
    ToolName.SELECT_LEAD: SelectLeadArgs,
    ToolName.DRAFT: DraftArgs,
    ToolName.REVISE: ReviseArgs,
    ToolName.CHECK: NoArgs,
    ToolName.CREDITS: NoArgs,
    ToolName.SENT: NoArgs,
}


def tool_specs(*, strategies: Sequence[str]) -> list[dict[str, Any]]:
    """OpenAI `tools` entries; the strategy enum lists the strategies that exist right now."""
    return [_spec(name, strategies) for name in ToolName]


def _spec(name: ToolName, strategies: Sequence[str]) -> dict[str, Any]:
    model = ARGUMENTS[name]
    properties: dict[str, Any] = {}
    for field_name, field in model.model_fields.items():
        prop: dict[str, Any] = {"type": "string", "description": field.description or field_name}
        if field_name == "strategy" and strategies:
            prop["enum"] = list(strategies)
        properties[field_name] = prop
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    return {
        "type": "function",
        "function": {
            "name": str(name),
            "description": _DESCRIPTIONS[name],
            "parameters": {"type": "object", "properties": properties, "required": required},
        },
    }


class ToolCall(BaseModel):
    """One call the model asked for, with its arguments validated."""

    id: str
    name: ToolName
    args: BaseModel


def read_tool_call(*, call_id: str, name: str, args: dict[str, Any] | str | None) -> ToolCall:
    """Validate a model's tool call. Raises AssistantError naming what was wrong (the model made it)."""
    try:
        tool = ToolName(name)
    except ValueError:
        raise AssistantError(f"The model asked for a tool that does not exist ({name!r}).") from None
    if isinstance(args, str):  # some servers send the raw JSON string
        try:
            args = json.loads(args or "{}")
        except json.JSONDecodeError:
            raise AssistantError(f"The model sent unreadable arguments for {name}.") from None
    if not isinstance(args, dict | None):
        raise AssistantError(f"The model sent unreadable arguments for {name}.")
    # Models send "" or null for "not given"; drop them so the defaults apply.
    cleaned = {k: v for k, v in (args or {}).items() if v not in ("", None)}
    try:
        parsed = ARGUMENTS[tool].model_validate(cleaned)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "arguments"
        raise AssistantError(f"The model sent a bad {where} for {name}: {first['msg']}.") from None
    return ToolCall(id=call_id, name=tool, args=parsed)
