"""The template store's data: what kind a template is, where it comes from, and a validation report.

Names are paths relative to the shipped folder (`prompts/`) or the user's data_dir/"templates":
`llm/system.j2` (prompt), `messages/rabt/en.j2` (message), `strategies/rabt.toml` (strategy).
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from composer.errors import ComposerError

NAME = re.compile(
    r"^(?:llm/[a-z0-9_-]+\.j2|messages/[a-z0-9_-]+/[a-z0-9_-]+\.j2|strategies/[a-z0-9_-]+\.toml)$"
)


class TemplateKind(StrEnum):
    PROMPT = "prompt"
    MESSAGE = "message"
    STRATEGY = "strategy"


class Origin(StrEnum):
    SHIPPED = "shipped"
    OVERRIDE = "override"
    USER = "user"


class TemplateInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)  # these are built on first use, not by `inmail draft`

    name: str
    kind: TemplateKind
    origin: Origin
    path: Path


class Problem(BaseModel):
    model_config = ConfigDict(defer_build=True)

    line: int | None = None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class ValidationReport(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str
    kind: TemplateKind
    errors: list[Problem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    preview: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class Variable(BaseModel):
    """A variable a template can use (`lead`, `lead.first_name`) and its value for the sample lead."""

    model_config = ConfigDict(defer_build=True)

    name: str
    example: str


def is_template_name(name: str) -> bool:
    return bool(NAME.match(name))


def kind_of(name: str) -> TemplateKind:
    if not NAME.match(name):
        raise ComposerError(
            f"'{name}' is not a template name: use llm/NAME.j2, messages/STRATEGY/LANG.j2 "
            "or strategies/NAME.toml"
        )
    prefix = name.split("/", 1)[0]
    return {"llm": TemplateKind.PROMPT, "messages": TemplateKind.MESSAGE}.get(prefix, TemplateKind.STRATEGY)
