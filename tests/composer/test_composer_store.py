"""TemplateStore: shipped templates, user overrides that never touch them, validation, user strategies."""

from __future__ import annotations

import pytest

from composer import (
    SAMPLE_LEAD,
    SAMPLE_SENDER,
    ComposerError,
    Origin,
    Settings,
    TemplateKind,
    TemplateStore,
    compose,
    list_strategies,
)
from composer.templates.store import SHIPPED_DIR

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


# -- the template editor: errors at the right line, once, in plain words; the variables; bounded input

SHIPPED_RABT = (SHIPPED_DIR / "messages" / "rabt" / "en.j2").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("{% if lead.company %}\n" + SHIPPED_RABT, 1, "this {% if %} is never closed: add {% endif %}"),
        ("Subject: x\n\n{% for h in hooks %}\n{{ h.text }}\nbye\n", 3, "this {% for %} is never closed"),
        ("Subject: x\n{% if cta_on %}\n{% endfor %}\n", 3, "does not close the {% if %} opened on line 2"),
        ("Subject: x\n{% if cta_on %}\n{% els %}\n{% endif %}", 3, "{% els %} is not a tag templates know"),
        (
            "Subject: x\n\n{{ leed.first_name }}",
            3,
            "unknown variable `leed`; the template can use: ",
        ),
        ("Subject: x\n\nHi\n{{ lead.nickname }}", 4, "unknown field `lead.nickname`; `lead` has: about, "),
        ("Subject: x\n\n{{ sender['phone'] }}", 3, "unknown field `sender.phone`; `sender` has: "),
    ],
)
def test_an_editor_error_is_reported_once_at_its_line_in_plain_words(store, data_dir, text, line, words):
    report = store.validate("messages/rabt/en.j2", text)
    assert [(p.line, words in p.message) for p in report.errors] == [(line, True)]
    assert "dict object" not in report.errors[0].message
    assert "Jinja" not in report.errors[0].message
    with pytest.raises(ComposerError, match=f"line {line}: ") as caught:
        store.save("messages/rabt/en.j2", text)
    assert words in str(caught.value)
    assert not (data_dir / "templates" / "messages" / "rabt" / "en.j2").exists()


def test_a_guarded_field_is_not_an_error(store):
    text = (
        "Subject: x\n\n{% if lead.nickname is defined %}{{ lead.nickname }}{% endif %}"
        "{{ lead.x|default('') }}"
    )
    assert store.validate("messages/rabt/en.j2", text, preview=False).ok


@pytest.mark.parametrize("name", ["messages/rabt/en.j2", "messages/common/fr.j2", "llm/system.j2"])
def test_the_variables_listed_are_exactly_what_a_template_may_use(store, name):
    found = {v.name: v.example for v in store.variables(name)}
    assert found["lead.first_name"] == SAMPLE_LEAD.first_name
    assert found["sender.name"] == SAMPLE_SENDER.name
    assert found["lead"].startswith("fields: ")
    for variable in found:  # each one validates; a near miss does not
        assert store.validate(name, f"Subject: x\n\n{{{{ {variable} }}}}", preview=False).ok, variable
        assert not store.validate(name, f"Subject: x\n\n{{{{ {variable}zz }}}}", preview=False).ok, variable
    assert ("lead_profile" in found) == name.startswith("llm/")
    assert ("pick" in found) == name.startswith("messages/")


def test_a_strategy_lists_its_fields(store):
    found = {v.name: v.example for v in store.variables("strategies/rabt.toml")}
    assert found["title"] == "RABT"
    assert set(found) == {"title", "description", "sections", "guidance"}


DEEP = 5000


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Subject: x\n\n{{ " + "(" * DEEP + "1" + ")" * DEEP + " }}", "brackets nest more than 16 deep"),
        ("Subject: x\n\n{{ " + "[" * DEEP + "]" * DEEP + " }}", "brackets nest more than 16 deep"),
        ("Subject: x\n\n{{ " + "{'a': " * 40 + "1" + "}" * 40 + " }}", "brackets nest more than 16 deep"),
        ("Subject: x\n\n" + "{% if 1 %}" * 40 + "x" + "{% endif %}" * 40, "blocks nest more than 16 deep"),
        ("Subject: x\n\n" + "{% for i in range(1) %}" * 30 + "x" + "{% endfor %}" * 30, "blocks nest"),
    ],
)
def test_deep_nesting_is_one_line_error_never_a_recursion_error(store, data_dir, text, words):
    report = store.validate("messages/rabt/en.j2", text)
    assert [(p.line, words in p.message) for p in report.errors] == [(3, True)]
    override = data_dir / "templates" / "messages" / "rabt" / "en.j2"  # a file written by hand
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(text, encoding="utf-8")
    with pytest.raises(ComposerError, match=words):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (BAB_TOML + "deep = " + "[" * DEEP + "]" * DEEP + "\n", "nests too deeply"),
        (BAB_TOML + "deep = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n", "nests too deeply"),
        (BAB_TOML + "# " + "x" * 30_000 + "\n", "a strategy holds at most 20,000"),
    ],
)
def test_a_strategy_file_too_deep_or_too_big_is_one_line_error(store, text, words):
    report = store.validate("strategies/bab.toml", text)
    assert [words in p.message for p in report.errors] == [True]


def test_a_template_file_too_big_is_refused_before_it_is_read_whole(store, data_dir):
    override = data_dir / "templates" / "messages" / "rabt" / "en.j2"
    override.parent.mkdir(parents=True)
    override.write_bytes(b"Subject: x\n\n" + b"a" * 200_000)
    with pytest.raises(ComposerError, match="larger than 160 kB"):
        store.source("messages/rabt/en.j2")
    with pytest.raises(ComposerError, match="larger than 160 kB"):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)
