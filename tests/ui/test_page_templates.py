"""Templates page, from its spec: list, edit, validate with line numbers, preview for a chosen lead, save to
the overrides folder, diff, reset, and a new strategy that Compose then offers."""

from __future__ import annotations

from page_text import texts, unescape

PAGE = "ui/templates.py"
RABT = "messages/rabt/en.j2"
MARKER = "P.S. We also ship a free depot calculator."


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _editor(at, name=RABT):
    return at.text_area(key=f"tpl.text.{name}")


def _draft_in_compose(at):
    """Switch to Compose and draft for the first lead with the sample sender."""
    at.switch_page("ui/compose.py").run()
    at.selectbox(key="pick.lead").select_index(0).run()
    at.button(key="btn.sample_sender").click().run()
    _button(at, "Generate draft").click().run()
    return at


def _bodies(at):
    return [a.value for a in at.text_area if a.key and a.key.startswith("draft.") and a.key.endswith(".body")]


def test_the_list_has_every_kind_and_filters_by_kind(open_page):
    at = open_page(PAGE)
    names = at.radio(key="tpl.name").options
    assert {"llm/system.j2", RABT, "strategies/pas.toml"} <= set(names)
    at.selectbox(key="tpl.kind").select("strategy").run()
    assert all(name.startswith("strategies/") for name in at.radio(key="tpl.name").options)
    assert not at.exception


def test_edit_and_save_a_template_then_compose_uses_it_and_reset_restores_it(open_page, data_dir):
    at = open_page(PAGE)
    assert at.radio(key="tpl.name").value == RABT
    shipped = _editor(at).value
    edited = shipped.replace('{{ say("close") }}', MARKER + '\n\n{{ say("close") }}')
    assert edited != shipped
    _editor(at).input(edited).run()
    assert MARKER in "\n".join(t.value for t in at.text), "the preview shows the unsaved edit"
    _button(at, "Save").click().run()
    assert "Saved messages/rabt/en.j2 to your overrides" in unescape(texts(at))
    override = data_dir / "templates" / RABT
    assert override.read_text() == edited
    diff = next(c.value for c in at.code if c.language == "diff")
    assert f"+{MARKER}" in diff

    assert MARKER in _bodies(_draft_in_compose(at))[0]

    at.switch_page(PAGE).run()
    _button(at, "Reset to default").click().run()
    assert not override.exists()
    assert _editor(at).value == shipped
    assert not at.exception


def test_a_template_with_a_syntax_error_shows_the_line_and_is_not_saved(open_page, data_dir):
    at = open_page(PAGE)
    broken = "{#- a comment -#}\nHi {{ lead.first_name }},\nThanks for {{ lead.company }\n"
    _editor(at).input(broken).run()
    assert at.error, "the error shows as soon as the text changes"
    assert unescape(at.error[0].value).startswith("Line 3: ")
    assert any("3 | Thanks for {{ lead.company }" in c.value for c in at.code)
    _button(at, "Save").click().run()
    errors = [unescape(e.value) for e in at.error]
    assert errors[0] == "Not saved: fix the problem shown below, then save again."
    assert len([e for e in errors if "Line 3" in e or "line 3" in e]) == 1, "the problem is said once"
    assert not (data_dir / "templates" / RABT).exists()
    assert _editor(at).value == broken, "the edit stays in the editor"
    assert not at.exception


def test_an_unknown_variable_is_reported(open_page):
    at = open_page(PAGE)
    _editor(at).input("Subject: Hi\n\nHello {{ lead.shoe_size }}\n").run()
    problems = " ".join(unescape(e.value) for e in [*at.error, *at.warning])
    assert "shoe_size" in problems
    assert not at.exception


def test_an_unclosed_if_is_reported_at_the_line_it_opens_in_plain_words(open_page):
    at = open_page(PAGE)
    text = "{% if lead.company %}\nHi {{ lead.first_name }},\n" + "More text.\n" * 30
    _editor(at).input(text).run()
    assert [unescape(e.value) for e in at.error] == [
        "Line 1: this {% if %} is never closed: add {% endif %} where it should end."
    ]
    assert any("1 | {% if lead.company %}" in c.value for c in at.code)
    assert not at.exception


def test_an_unknown_field_says_so_without_python_words(open_page):
    at = open_page(PAGE)
    _editor(at).input("Subject: Hi\n\nHello {{ lead.shoe_size }}\n").run()
    shown = unescape(texts(at))
    assert "dict object" not in shown
    assert "unknown field `lead.shoe_size`" in shown
    assert not at.exception


def test_the_variables_list_has_the_sample_leads_values(open_page):
    at = open_page(PAGE)
    [table] = [d for d in at.dataframe if "Variable" in d.value.columns]
    values = dict(zip(table.value["Variable"], table.value["Sample value"], strict=True))
    assert values["lead.first_name"] == "Maria"
    assert values["lead.company"] == "Acme Logistics"
    assert values["sender.name"] == "Sam Rivera"
    assert "pick" in values
    assert not at.exception


def test_preview_is_for_the_chosen_lead(open_page):
    at = open_page(PAGE)
    assert "Hello Maria," in "\n".join(t.value for t in at.text)
    lead = next(o for o in at.selectbox(key="tpl.preview_lead").options if "Priya" in o)
    at.selectbox(key="tpl.preview_lead").select(lead).run()
    preview = "\n".join(t.value for t in at.text)
    assert "Priya" in preview
    assert "Maria" not in preview
    assert not at.exception


def test_a_prompt_previews_as_the_model_would_get_it(open_page):
    at = open_page(PAGE)
    at.radio(key="tpl.name").set_value("llm/system.j2").run()
    assert any("LinkedIn" in t.value for t in at.text)
    assert not at.exception


def _new_strategy(at, name, *, title="", description="", sections="", base="rabt"):
    at.text_input(key="newstrat.name").input(name)
    at.text_input(key="newstrat.title").input(title)
    at.text_area(key="newstrat.description").input(description)
    at.text_input(key="newstrat.sections").input(sections)
    at.selectbox(key="newstrat.base").select(base)
    _button(at, "Create strategy").click().run()


def test_add_a_strategy_and_pick_it_in_compose(open_page, data_dir):
    at = open_page(PAGE)
    sections = "Before, After, Bridge"
    _new_strategy(at, "bab", title=sections, description="Where they are, could be, how to get there.",
                  sections=sections, base="pas")  # fmt: skip
    assert "Created strategy bab" in unescape(texts(at))
    assert (data_dir / "templates" / "strategies" / "bab.toml").exists()
    assert (data_dir / "templates" / "messages" / "bab" / "en.j2").exists()
    assert at.radio(key="tpl.name").value == "messages/bab/en.j2"

    _draft_in_compose(at)
    strategy = at.selectbox(key="opts.strategy")
    assert "Before, After, Bridge (bab)" in strategy.options
    assert strategy.value == "bab", "the new strategy is picked"
    header = next(m.value for m in at.markdown if m.value.startswith("**Draft 1**"))
    assert "BAB" in header
    assert _bodies(at)
    assert not at.exception


def test_a_bad_strategy_name_is_one_error_and_writes_nothing(open_page, data_dir):
    at = open_page(PAGE)
    _new_strategy(at, "rabt", description="Again.", sections="One")
    assert "already exists" in unescape(at.error[0].value)

    _new_strategy(at, "Has Spaces", description="Again.", sections="One")
    assert len(at.error) == 1
    assert not (data_dir / "templates").exists()
    assert at.text_input(key="newstrat.name").value == "Has Spaces"
    assert not at.exception
