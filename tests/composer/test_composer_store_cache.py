"""The caches every TemplateStore in the process shares: never stale, shared between stores, thread safe."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jinja2 import DictLoader
from jinja2.exceptions import TemplateSyntaxError

from composer import (
    SAMPLE_LEAD,
    SAMPLE_LEADS,
    SAMPLE_SENDER,
    Settings,
    TemplateStore,
    compose,
    get_strategy,
    list_strategies,
)
from composer.templates.bytecode import SharedBytecodeCache
from composer.templates.caps import filters
from composer.templates.memo import LRU
from composer.templates.sandbox import TemplateSandbox, render

STRATEGY_TOML = """title = "Cache check"
description = "A strategy written by the cache tests."
sections = ["Body"]
"""

STRATEGY_EN = """{% if channel == "connection_note" %}
{{ marker }} note for {{ lead.first_name }}
{% else %}
Subject: {{ marker }} for {{ lead.first_name }}

Hi {{ lead.first_name }}, {{ marker }}: {{ sender.offer }}

{{ sender.first_name }}
{% endif %}
"""


def _write(data_dir: Path, name: str, text: str) -> None:
    path = data_dir / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _strategy(data_dir: Path, name: str, marker: str) -> None:
    """A user strategy whose drafts carry `marker` (unique per test: nothing compiled before can match)."""
    _write(data_dir, f"strategies/{name}.toml", STRATEGY_TOML)
    _write(data_dir, f"messages/{name}/en.j2", STRATEGY_EN.replace("{{ marker }}", marker))


def _draft(store: TemplateStore, strategy: str = "rabt", lead=SAMPLE_LEAD) -> str:
    return compose(lead, SAMPLE_SENDER, Settings(strategy=strategy, language="en"), store=store)[0].text()


def test_stores_with_the_same_files_share_compiled_templates_and_still_fill_their_disk_cache(tmp_path):
    marker = f"shared-{uuid.uuid4().hex}"
    first_dir, second_dir = tmp_path / "one", tmp_path / "two"
    for data_dir in (first_dir, second_dir):
        _strategy(data_dir, "cachecheck", marker)
    before = TemplateStore.cache_info().compiled
    first = _draft(TemplateStore(first_dir, cache_key=tmp_path / "key"), "cachecheck")
    middle = TemplateStore.cache_info().compiled
    second = _draft(TemplateStore(second_dir, cache_key=tmp_path / "key"), "cachecheck")
    after = TemplateStore.cache_info().compiled
    assert marker in first
    assert second == first
    assert middle.misses > before.misses, "the first store compiled the new template"
    assert after.misses == middle.misses, "the second store compiled nothing"
    assert after.hits > middle.hits
    assert list((second_dir / "cache").rglob("*.cache")), "a memory hit still leaves the signed file"


def test_a_changed_text_is_compiled_afresh_even_at_the_same_size_and_in_the_same_tick(tmp_path):
    _strategy(tmp_path, "cachecheck", "alpha")
    assert "alpha" in _draft(TemplateStore(tmp_path), "cachecheck")
    _strategy(tmp_path, "cachecheck", "gamma")  # same length: only the text tells the two apart
    assert "gamma" in _draft(TemplateStore(tmp_path), "cachecheck")


def _edit(data_dir: Path, store: TemplateStore) -> None:
    _strategy(data_dir, "cachecheck", "edited and longer")


def _override(data_dir: Path, store: TemplateStore) -> None:
    shipped = store.source("messages/rabt/en.j2")
    store.save("messages/rabt/en.j2", shipped.replace('{{ say("greeting") }}', "Overridden greeting,"))


def _reset(data_dir: Path, store: TemplateStore) -> None:
    store.reset("messages/cachecheck/en.j2")


def _delete_strategy(data_dir: Path, store: TemplateStore) -> None:
    os.remove(data_dir / "templates" / "strategies" / "cachecheck.toml")


def _new_strategy(data_dir: Path, store: TemplateStore) -> None:
    _strategy(data_dir, "another", "brand new")


def _strategies(store: TemplateStore) -> str:
    return ", ".join(strategy.name for strategy in list_strategies(store))


def _validation(store: TemplateStore) -> str:
    text = '{% import "messages/common/mine.j2" as m %}Subject: Hi\n\n{{ m.hello() }}'
    report = store.validate("messages/cachecheck/en.j2", text)
    return "; ".join(str(problem) for problem in report.errors) or f"ok: {report.preview}"


def _break_import(data_dir: Path, store: TemplateStore) -> None:
    _write(data_dir, "messages/common/mine.j2", "{% macro hello() %}{{ unclosed {% endmacro %}")


def _written_languages(store: TemplateStore) -> str:
    from composer import written_languages

    return ", ".join(written_languages(store, get_strategy(store, "cachecheck"))) or "none"


def _add_language(data_dir: Path, store: TemplateStore) -> None:
    _write(data_dir, "messages/cachecheck/de.j2", STRATEGY_EN.replace("{{ marker }}", "Hallo"))


def _variables(store: TemplateStore) -> str:
    return "; ".join(f"{v.name}={v.example}" for v in store.variables("strategies/cachecheck.toml"))


def _retitle(data_dir: Path, store: TemplateStore) -> None:
    shipped = store.default_source("strategies/rabt.toml") or ""
    _write(data_dir, "strategies/rabt.toml", shipped.replace('title = "RABT"', 'title = "My RABT"'))


# (what changes, what is observed, the change, a text, whether the change brings it (True) or takes it away)
CHANGES: list[
    tuple[str, Callable[[TemplateStore], str], Callable[[Path, TemplateStore], None], str, bool]
] = [
    ("an edit", lambda s: _draft(s, "cachecheck"), _edit, "edited and longer", True),
    ("a saved override", _draft, _override, "Overridden greeting,", True),
    ("a deleted file", _written_languages, _reset, "en", False),
    ("a deleted strategy", _strategies, _delete_strategy, "cachecheck", False),
    ("a new strategy", _strategies, _new_strategy, "another", True),
    ("a broken import", _validation, _break_import, "expected token", True),
    ("a new language", _written_languages, _add_language, "de", True),
    ("a new title", _variables, _retitle, "My RABT", True),
]


@pytest.mark.parametrize("same_store", [True, False], ids=["same store", "new store"])
@pytest.mark.parametrize(("change", "observe", "act", "text", "brings"), CHANGES, ids=[c[0] for c in CHANGES])
def test_the_next_call_sees_every_change(tmp_path, same_store, change, observe, act, text, brings):
    _strategy(tmp_path, "cachecheck", "original")
    _write(tmp_path, "messages/common/mine.j2", "{% macro hello() %}hello{% endmacro %}")
    store = TemplateStore(tmp_path)
    seen = observe(store)
    assert (text in seen) is not brings, seen
    assert observe(store) == seen  # asked twice: whatever can be cached now is
    act(tmp_path, store)
    seen = observe(store if same_store else TemplateStore(tmp_path))
    assert (text in seen) is brings, f"{change}: {seen}"


def test_the_reset_strategy_has_no_template_and_says_so(tmp_path):
    _strategy(tmp_path, "cachecheck", "original")
    store = TemplateStore(tmp_path)
    assert "original" in _draft(store, "cachecheck")
    store.reset("messages/cachecheck/en.j2")
    with pytest.raises(Exception, match="has no message template"):
        _draft(store, "cachecheck")


def test_a_validation_asked_twice_is_answered_once_and_a_new_file_asks_again(tmp_path):
    store = TemplateStore(tmp_path)
    text = store.source("messages/rabt/en.j2")
    first = store.validate("messages/rabt/en.j2", text)
    before = TemplateStore.cache_info().validated
    again = TemplateStore(tmp_path).validate("messages/rabt/en.j2", text)
    middle = TemplateStore.cache_info().validated
    assert again == first
    assert first.ok
    assert first.preview
    assert middle.hits == before.hits + 1
    assert middle.misses == before.misses
    _write(tmp_path, "messages/rabt/de.j2", text)
    assert store.validate("messages/rabt/en.j2", text) == first
    assert TemplateStore.cache_info().validated.misses == middle.misses + 1


def test_a_report_changed_by_its_caller_does_not_change_the_next_answer(tmp_path):
    store = TemplateStore(tmp_path)
    report = store.validate("llm/system.j2", store.source("llm/system.j2"))
    report.warnings.append("added by the caller")
    report.errors.clear()
    assert (
        "added by the caller" not in store.validate("llm/system.j2", store.source("llm/system.j2")).warnings
    )


class _NoUpper(TemplateSandbox):
    """Another sandbox policy: one filter fewer."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        del self.filters["upper"]


def test_another_sandbox_policy_never_gets_code_compiled_under_a_different_one():
    source = {"t.j2": "{{ 'shout'|upper }} {{ name }}"}
    cache = SharedBytecodeCache(memory=LRU(maxsize=8))
    plain = TemplateSandbox(loader=DictLoader(source), bytecode_cache=cache)
    assert render(plain.get_template("t.j2"), {"name": "x"}) == "SHOUT x"
    strict = _NoUpper(loader=DictLoader(source), bytecode_cache=cache)
    with pytest.raises(TemplateSyntaxError, match="upper"):
        strict.get_template("t.j2")
    again = TemplateSandbox(loader=DictLoader(source), bytecode_cache=cache)
    assert render(again.get_template("t.j2"), {"name": "y"}) == "SHOUT y"
    assert cache.memory.info().hits == 1
    assert set(filters()) >= {"upper"}


def test_a_bounded_cache_keeps_the_most_recently_used():
    cache: LRU[str] = LRU(maxsize=2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"
    cache.put("c", "C")  # "b" is the least recently used
    assert (cache.get("b"), cache.get("a"), cache.get("c")) == (None, "A", "C")
    assert cache.info().size == 2


def test_threads_rendering_at_once_get_the_drafts_one_thread_gets(tmp_path):
    """Streamlit runs each session in its own thread: cold compiles race, and each draft is still right."""
    marker = f"threads-{uuid.uuid4().hex}"
    _strategy(tmp_path, "cachecheck", marker)
    jobs = [(name, lead) for name in ("cachecheck", "rabt", "aida", "pas") for lead in SAMPLE_LEADS.values()]
    shared = TemplateStore(tmp_path)

    def draft(index: int) -> str:
        strategy, lead = jobs[index % len(jobs)]
        store = shared if index % 2 else TemplateStore(tmp_path)
        return _draft(store, strategy, lead)

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(draft, range(4 * len(jobs))))
    alone = [draft(index) for index in range(4 * len(jobs))]
    assert together == alone
    assert sum(marker in text for text in together) == 4 * len(SAMPLE_LEADS)
