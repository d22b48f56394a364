"""Phrase tables: the words of the offline engine, one TOML file per language (prompts/phrases/LANG.toml).

A strategy's template says *what* comes where (`say("reason")`); the phrase table of the draft's language
says it. An entry is a string, a list of strings (one is picked, stable per lead,
among the ones that fill the most variables; a list of lists tries each list in turn), or a table keyed by a
value of the draft (the hook's source, the post's kind, persona, mood, strategy, channel; `_` is the
default) whose values are entries again. `{name}` fills in a variable; a phrase whose variables are not
all known is skipped; `{?name}` requires `name` but prints nothing.

The `[words]` table holds the language's word lists: `stop` (words that carry no topic) and the cue
words that classify a post (`hiring`, `news`, `problem`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composer.errors import ComposerError
from composer.text import fold

PHRASES_DIR = Path(__file__).resolve().parent.parent / "prompts" / "phrases"
_VARIABLE = re.compile(r"\{\??([a-z_]+)\}")  # {?name}: needs `name` but prints nothing


@dataclass(frozen=True)
class Phrases:
    language: str
    table: Mapping[str, Any]
    source: str  # the file's text: names in it are grounded

    def words(self, kind: str) -> frozenset[str]:
        return _word_set(self.language, kind, str(self.table.get("words", {}).get(kind, "")))

    def say(
        self,
        key: str,
        *,
        dims: Sequence[str],
        values: Mapping[str, str],
        pick: Callable[..., str],
    ) -> str:
        """The phrase for `key`: the entry chosen by the first of `dims` it is keyed by, filled in."""
        entry = self.table.get(key)
        return _fill(entry, dims, values, pick)


def _fill(entry: Any, dims: Sequence[str], values: Mapping[str, str], pick: Callable[..., str]) -> str:
    if entry is None:
        return ""
    if isinstance(entry, dict):
        for dim in dims:
            if dim in entry:
                text = _fill(entry[dim], dims, values, pick)
                if text:
                    return text
        return _fill(entry.get("_"), dims, values, pick)
    if isinstance(entry, list) and entry and all(isinstance(group, list) for group in entry):
        # a list of lists: ordered fallbacks, the first group with a usable form wins
        for group in entry:
            if text := _fill(group, dims, values, pick):
                return text
        return ""
    options = [entry] if isinstance(entry, str) else list(entry)
    usable = [o for o in options if all(values.get(v) for v in _VARIABLE.findall(o))]
    if not usable:
        return ""
    fullest = max(len(_VARIABLE.findall(o)) for o in usable)
    usable = [o for o in usable if len(_VARIABLE.findall(o)) == fullest]
    chosen = pick(*usable) if len(usable) > 1 else usable[0]
    return _VARIABLE.sub(lambda m: "" if m.group(0)[1] == "?" else values[m.group(1)], chosen)


@functools.lru_cache(maxsize=64)
def _word_set(language: str, kind: str, text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


def available() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in PHRASES_DIR.glob("*.toml")))


@functools.lru_cache(maxsize=16)
def load(language: str) -> Phrases | None:
    """The phrase table of `language`, None when the composer has none."""
    path = PHRASES_DIR / f"{language}.toml"
    if not re.fullmatch(r"[a-z]{2,3}", language) or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ComposerError(f"{path} is not valid TOML ({exc}): fix the phrase file") from None
    return Phrases(language=language, table=table, source=text)
