"""Strategies: a TOML file of metadata (strategies/NAME.toml) plus message templates (messages/NAME/LANG.j2).

A strategy the user drops into the overrides folder is listed next to the shipped ones and can be used
with `--strategy NAME`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from composer.errors import ComposerError, TemplateError
from composer.models import describe_validation_error

if TYPE_CHECKING:
    from composer.templates import TemplateStore

_TOML_LINE = re.compile(r"line (\d+)")
STRATEGY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_STRATEGY_CHARS = 20_000


class Strategy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1, max_length=1000)
    sections: list[str] = Field(min_length=1, max_length=8)
    guidance: dict[str, str] = Field(default_factory=dict)
    builtin: bool = False

    def as_context(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "sections": list(self.sections),
            "guidance": [self.guidance.get(section, "") for section in self.sections],
        }


def strategy_file(name: str) -> str:
    return f"strategies/{name}.toml"


def message_file(name: str, language: str) -> str:
    return f"messages/{name}/{language}.j2"


@functools.lru_cache(maxsize=128)
def parse_strategy(name: str, text: str, *, builtin: bool = False) -> Strategy:
    """Strategy metadata from TOML; errors name the line and the field."""
    file = strategy_file(name)
    if len(text) > MAX_STRATEGY_CHARS:
        message = f"the file is {len(text):,} characters; a strategy holds at most {MAX_STRATEGY_CHARS:,}"
        raise TemplateError(message, name=file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _TOML_LINE.search(str(exc))
        raise TemplateError(
            f"not valid TOML: {exc}", name=file, line=int(line.group(1)) if line else None
        ) from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise TemplateError(
            "the TOML nests too deeply: a strategy has only a few flat fields", name=file
        ) from None
    try:
        return Strategy.model_validate({**data, "name": name, "builtin": builtin})
    except ValidationError as exc:
        raise TemplateError(describe_validation_error(exc), name=file) from None


def _names(store: TemplateStore) -> list[str]:
    return [info.name.removeprefix("strategies/").removesuffix(".toml") for info in store.list("strategy")]


def list_strategies(store: TemplateStore) -> list[Strategy]:
    """Every strategy, shipped and user-added; a broken user file is skipped rather than hiding the rest."""
    found = []
    for name in _names(store):
        try:
            found.append(get_strategy(store, name))
        except TemplateError:
            continue
    return found


def get_strategy(store: TemplateStore, name: str) -> Strategy:
    name = name.strip().lower()
    file = strategy_file(name)
    if not STRATEGY_NAME.match(name) or not store.exists(file):
        known = ", ".join(_names(store))
        raise ComposerError(
            f"unknown strategy '{name}': choose one of {known}, or add {file} to the templates"
        )
    return parse_strategy(name, store.source(file), builtin=store.default_source(file) is not None)
