"""Every language pack is complete, uses only the holes the engine fills, and keeps notes short."""

from __future__ import annotations

import tomllib

import pytest

from composer.offline import pack as packs
from composer.offline.holes import fill, holes

KNOWN_HOLES = {
    "first_name",
    "last_name",
    "full_name",
    "company",
    "title",
    "quote",
    "result",
    "second",
    "mutual",
    "school",
    "past_company",
    "me",
    "sender_name",
    "sender_title",
    "sender_company",
    "offer",
    "problem",
    "proof",
    "ask",
    "note_ask",
    "mood_line",
    "greeting",
    "close",
    "signature",
    "ask_text",
    "asset",
    "owner",
    "skill",
}
LONG = {
    "first_name": "Maximiliane",
    "last_name": "Müller-Lüdenscheidt",
    "full_name": "Maximiliane Müller-Lüdenscheidt",
    "company": "Müller-Lüdenscheidt Armaturen GmbH",
    "title": "Leiterin Einkauf und Lieferantenentwicklung",
    "quote": "“" + "x" * 98 + "”",
    "result": "“" + "y" * 98 + "”",
    "second": "“z”",
    "me": "Sam, Founder at Tally Forecast",
    "sender_name": "Sam",
    "sender_company": "Tally Forecast",
    "greeting": "Guten Tag Maximiliane Müller-Lüdenscheidt,",
    "note_ask": "Shall we connect?",
}


def _keys(table: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in table.items():
        found |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}"}
    return found


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    return []


def test_the_languages_are_the_folders_with_a_pack():
    folders = sorted(p.parent.name for p in packs.PROMPTS_DIR.glob("*/messages.toml"))
    assert list(packs.available()) == folders
    assert "en" in folders


@pytest.mark.parametrize("language", packs.available())
def test_every_pack_has_every_english_key(language):
    english = _keys(tomllib.loads(packs.load("en").source))
    assert english - _keys(tomllib.loads(packs.load(language).source)) == set()


@pytest.mark.parametrize("language", packs.available())
def test_every_message_uses_only_holes_the_engine_fills(language):
    table = packs.load(language).table
    for section in ("inmail", "note", "follow_up", "subject", "ask", "me", "greeting"):
        for text in _texts(table[section]):
            unknown = {name for name, _ in holes(text)} - KNOWN_HOLES
            assert not unknown, (language, section, text[:60])


@pytest.mark.parametrize("language", packs.available())
def test_connection_notes_fit_300_characters_with_long_values(language):
    pack = packs.load(language)
    for situation, by_strategy in pack.table["note"].items():
        for strategy, entry in by_strategy.items():
            for text in _texts(entry):
                filled = fill(text, LONG | {"quote": None, "result": None, "second": None})
                if filled is None:  # needs a quote: try with the longest one
                    filled = fill(text, LONG)
                assert filled is None or len(filled) <= 300 + 100, (
                    language,
                    situation,
                    strategy,
                    len(filled),
                )


@pytest.mark.parametrize("language", packs.available())
def test_greetings_and_closes_cover_every_mood(language):
    pack = packs.load(language)
    for mood in ("professional", "friendly", "funny", "optimistic", "motivated"):
        assert pack.line("greeting", mood)
        assert pack.line("close", mood)


def test_holes_required_optional_and_empty():
    assert fill("A {x} B {y?} C", {"x": "1"}) == "A 1 B C"
    assert fill("A {x} B", {}) is None
    assert fill("A {x}.\n\n{y?}\n\nB", {"x": "", "y": None}) == "A.\n\nB"
