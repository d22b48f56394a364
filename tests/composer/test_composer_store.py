"""TemplateStore: shipped templates, user overrides that never touch them, validation, user strategies."""

from __future__ import annotations

import pytest

from composer import SAMPLE_LEAD, SAMPLE_SENDER, ComposerError, Settings, compose, list_strategies
from prompts import TemplateStore
from prompts.loader import SHIPPED_DIR, Origin, TemplateKind

BAB_TOML = """title = "BAB"
description = "Before, After, Bridge: their world now, their world with your offer, and how to get there."
sections = ["Before", "After", "Bridge"]

[guidance]
Before = "where they are today"
After = "where they could be"
Bridge = "the sender's offer as the way there"
"""

BAB_EN = """{% import "messages/common/en.j2" as c with context %}
{% if channel == "connection_note" %}
{{ c.greeting() }} {{ c.short_reason() }} {{ c.note_ask() }}
{% else %}
Subject: Before and after, {{ lead.first_name }}

{{ c.greeting() }}

Today {{ lead.company or "your team" }} plans by hand. Imagine the plan written before Monday.

{{ sender.offer }}
{% if cta_on %}

{{ c.ask() }}
{% endif %}

{{ c.sign_off() }}
{% endif %}
"""


@pytest.fixture
def store(data_dir) -> TemplateStore:
    return TemplateStore(data_dir)


def test_lists_every_shipped_template_with_its_kind(store):
    infos = {info.name: info for info in store.list()}
    for strategy in ("rabt", "aida", "pas"):
        assert infos[f"strategies/{strategy}.toml"].kind is TemplateKind.STRATEGY
        # one structure per strategy; prompts/phrases/LANG.toml words it in each language
        assert infos[f"messages/{strategy}/en.j2"].kind is TemplateKind.MESSAGE
    assert infos["llm/system.j2"].kind is TemplateKind.PROMPT
    assert all(info.origin is Origin.SHIPPED for info in infos.values())


def test_every_shipped_template_validates_with_a_preview(store):
    for info in store.list():
        report = store.validate(info.name, store.source(info.name))
        assert report.ok, (info.name, report.errors)
        assert report.preview, info.name


def test_saving_an_override_never_writes_over_the_shipped_file(store, data_dir):
    name = "messages/rabt/en.j2"
    shipped = (SHIPPED_DIR / name).read_text()
    changed = shipped.replace('{{ say("tease") }}', "I also have one sharp idea.")
    path = store.save(name, changed)
    assert path == data_dir / "templates" / name
    assert (SHIPPED_DIR / name).read_text() == shipped
    assert store.default_source(name) == shipped
    assert store.source(name) == changed
    assert next(i for i in store.list() if i.name == name).origin is Origin.OVERRIDE
    assert "+" in store.diff(name)
    assert "sharp idea" in store.diff(name)
    [draft] = compose(
        SAMPLE_LEAD.model_copy(update={"recent_post": None}), SAMPLE_SENDER, Settings(), store=store
    )
    assert "one sharp idea" in draft.body
    store.reset(name)
    assert store.source(name) == shipped
    assert store.diff(name) == ""


def test_an_invalid_template_is_not_saved_and_the_error_names_the_line(store, data_dir):
    with pytest.raises(ComposerError, match=r"line 3: .*leed"):
        store.save("messages/rabt/en.j2", "Subject: x\n\n{{ leed.first_name }}")
    with pytest.raises(ComposerError, match="line 2"):
        store.save("messages/rabt/en.j2", "Subject: x\n{% if %}")
    assert not (data_dir / "templates" / "messages" / "rabt" / "en.j2").exists()


def test_a_template_that_fails_only_in_one_channel_is_caught_by_the_preview(store):
    text = (
        '{% if channel == "connection_note" %}{{ lead.nope }}'
        "{% else %}Subject: x\n\nHi {{ lead.first_name }}{% endif %}"
    )
    report = store.validate("messages/rabt/en.j2", text)
    assert not report.ok
    assert "nope" in report.errors[0].message


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "messages/rabt.j2", "llm/system.txt", "strategies/x/y.toml"]
)
def test_only_template_names_can_be_saved(store, name):
    with pytest.raises(ComposerError, match="not a template name"):
        store.save(name, "x")


def test_a_user_strategy_appears_everywhere_and_drafts(store):
    store.save("messages/bab/en.j2", BAB_EN)
    store.save("strategies/bab.toml", BAB_TOML)
    strategies = {s.name: s for s in list_strategies(store)}
    assert strategies["bab"].title == "BAB"
    assert not strategies["bab"].builtin
    assert strategies["rabt"].builtin
    assert strategies["rabt"].sections == ["Reason", "Ask", "Benefit", "Tease"]
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy="bab"), store=store)
    assert draft.strategy == "bab"
    assert draft.subject == "Before and after, Maria"
    assert "Today Acme Logistics plans by hand." in draft.body
    # no French BAB yet: English with a warning
    [french] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy="bab", language="fr"), store=store)
    assert french.language == "en"
    assert french.warnings


def test_a_strategy_without_message_templates_explains_what_to_add(store):
    store.save("strategies/bab.toml", BAB_TOML)
    with pytest.raises(ComposerError, match=r"messages/bab/en\.j2"):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy="bab"), store=store)


def test_unknown_strategy_lists_the_known_ones(store):
    with pytest.raises(ComposerError, match="unknown strategy 'nope': choose one of aida, pas, rabt"):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy="nope"), store=store)


def test_a_broken_user_strategy_file_does_not_hide_the_others(store, data_dir):
    broken = data_dir / "templates" / "strategies" / "oops.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text('title = "Oops"\ndescription = \nsections = ["A"]\n')
    assert {s.name for s in list_strategies(store)} == {"rabt", "aida", "pas"}
    with pytest.raises(ComposerError, match=r"oops\.toml line 2"):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy="oops"), store=store)


def test_an_edited_file_is_picked_up_without_restarting(store, data_dir):
    compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)
    override = data_dir / "templates" / "messages" / "rabt" / "en.j2"
    override.parent.mkdir(parents=True)
    override.write_text("Subject: edited\n\nHi {{ lead.first_name }}, edited by hand. Call?")
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)
    assert draft.subject == "edited"


def test_edits_and_resets_win_at_the_next_draft_and_a_pinned_block_sees_one_version(store, data_dir):
    override = data_dir / "templates" / "messages" / "rabt" / "en.j2"
    override.parent.mkdir(parents=True)
    override.write_text("Subject: first\n\nHi {{ lead.first_name }}, one. Call?")
    assert compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)[0].subject == "first"
    override.write_text("Subject: second version\n\nHi {{ lead.first_name }}, two. Call?")
    assert compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)[0].subject == "second version"
    with store.pinned():  # one draft never mixes two versions of a file
        before = store.source("messages/rabt/en.j2")
        store.reset("messages/rabt/en.j2")
        assert store.source("messages/rabt/en.j2") == before
    assert store.source("messages/rabt/en.j2") == store.default_source("messages/rabt/en.j2")
    assert compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)[0].subject != "second version"
