"""A language pack: everything the offline engine needs to write in one language.

One folder per language under prompts/ (prompts/LANG/messages.toml); the languages the engine writes are
the folders that hold one. A pack is data: whole messages per channel, situation and strategy, and the
small tables (greeting, close, ask, who writes, quotation marks, function words) that fill their holes.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composer.errors import ComposerError
from composer.text import fold

PROMPTS_DIR = Path(__file__).resolve().parent.parent.parent / "prompts"
PACK_FILE = "messages.toml"
DEFAULT = "_"


@dataclass(frozen=True, eq=False)  # one object per language (load is cached): hashed by identity
class Pack:
    language: str
    table: Mapping[str, Any]
    source: str  # the file's text: words in it are the engine's own, never an invented name

    def variants(self, channel: str, situation: str, strategy: str) -> list[str]:
        """The messages for a channel, situation and strategy (the channel's `_` situation as fallback)."""
        by_situation = self.table.get(channel, {})
        for key in (situation, DEFAULT):
            entry = by_situation.get(key, {})
            found = entry.get(strategy) or entry.get(DEFAULT)
            if found:
                return [found] if isinstance(found, str) else list(found)
        return []

    def line(self, table: str, key: str) -> str:
        """One entry of a small table (greeting by mood, an ask by kind); '' when absent."""
        entry = self.table.get(table, {})
        value = entry.get(key, entry.get(DEFAULT, ""))
        return value if isinstance(value, str) else ""

    def lines(self, table: str, key: str = DEFAULT) -> list[str]:
        value = self.table.get(table, {}).get(key, [])
        return [value] if isinstance(value, str) else list(value)

    def subjects(self, situation: str) -> list[str]:
        return self.lines("subject", situation)

    def quoted(self, text: str) -> str:
        """`text` in the language's quotation marks; where the language sets its full stop after the
        closing mark («…».), a quote's own full stop moves out."""
        marks = self.table.get("quote", {})
        opening, closing = marks.get("open", "“"), marks.get("close", "”")
        if marks.get("stop_outside") and text.endswith("."):
            return f"{opening}{text[:-1]}{closing}."
        return f"{opening}{text}{closing}"

    def words(self, kind: str) -> frozenset[str]:
        return frozenset(fold(str(self.table.get("words", {}).get(kind, ""))).split())

    @functools.cached_property
    def _function_patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """One compiled pattern per function: any of its keywords as a whole word or phrase."""
        return tuple(
            (name, re.compile("|".join(rf"(?<![\w&]){re.escape(k)}s?(?![\w&])" for k in keywords)))
            for name, keywords in self.functions
        )

    @functools.cached_property
    def functions(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(function, its keywords) in the order the pack lists them."""
        text = str(self.table.get("words", {}).get("functions", ""))
        found = []
        for raw in text.strip().splitlines():
            name, _, words = raw.partition(":")
            keywords = tuple(w for w in (fold(k).strip() for k in words.split(",")) if w)
            if name.strip() and keywords:
                found.append((name.strip(), keywords))
        return tuple(found)

    def function_of(self, text: str) -> str:
        """The first function whose keyword is a whole word (or phrase) of `text`; '' when none."""
        folded = fold(text)
        return next((name for name, pattern in self._function_patterns if pattern.search(folded)), "")

    def functions_in(self, text: str) -> frozenset[str]:
        """The functions `text` names (an offer: the same one for every lead of a batch)."""
        return _functions_in(self, text)


@functools.lru_cache(maxsize=256)
def _functions_in(pack: Pack, text: str) -> frozenset[str]:
    folded = fold(text)
    return frozenset(name for name, pattern in pack._function_patterns if pattern.search(folded))


@functools.cache
def available() -> tuple[str, ...]:
    """The languages with a pack, sorted."""
    return tuple(sorted(p.parent.name for p in PROMPTS_DIR.glob(f"*/{PACK_FILE}")))


@functools.cache
def load(language: str) -> Pack | None:
    path = PROMPTS_DIR / language / PACK_FILE
    if language not in available():
        return None
    source = path.read_text(encoding="utf-8")
    try:
        table = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ComposerError(f"{path}: {exc}; fix the file") from None
    return Pack(language=language, table=table, source=source)
