"""The copy buttons' page and escaped markdown: what a draft's text can and cannot do on the page."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.clipboard import CopyButton, copy_buttons_html, js_literal, key_class
from ui.plain import md_escape


@settings(max_examples=200)
@given(st.text())
def test_clipboard_text_is_an_exact_js_literal_that_cannot_end_the_script(text):
    literal = js_literal([text, "x"])
    assert json.loads(literal) == [text, "x"]
    assert not {"<", ">", "&"} & set(literal)


def _specs(page: str) -> list[dict]:
    """The button specs the frame's script reads, parsed back from the page."""
    line = next(line for line in page.splitlines() if line.startswith("const buttons = "))
    return json.loads(line.removeprefix("const buttons = ").removesuffix(";"))


def test_markup_in_a_draft_never_reaches_the_html():
    hostile = '</script><img src="https://evil.example/beacon.png"><script>alert(1)</script>'
    page = copy_buttons_html(
        [CopyButton(label="Copy <b>", text=hostile), CopyButton(label="Body", text="plain")], key="k"
    )
    assert "<img" not in page
    assert page.count("</script>") == 1  # only the button's own script element closes
    assert "Copy &lt;b&gt;" in page
    assert page.count('data-index="') == 2


@settings(max_examples=100)
@given(st.text(), st.text(alphabet="__KEYSPECBUTONRAMILDX<>&", max_size=30))
def test_each_text_reaches_the_script_exactly_even_if_it_looks_like_a_placeholder(text, tricky):
    buttons = [
        CopyButton(
            label="Copy all", text=text + tricky, fields=("draft.compose.d1.subject", "draft.compose.d1.body")
        ),
        CopyButton(label="Copy note", text="__KEY__ __SPECS__ __SEPARATOR__"),
    ]
    page = copy_buttons_html(buttons, key="draft.compose.d1")
    assert _specs(page) == [
        {
            "text": text + tricky,
            "fields": ["st-key-draft-compose-d1-subject", "st-key-draft-compose-d1-body"],
        },
        {"text": "__KEY__ __SPECS__ __SEPARATOR__", "fields": []},
    ]
    assert '"inmail.copy-status." + "draft.compose.d1"' in page


@pytest.mark.parametrize(
    ("key", "css_class"),
    [
        ("draft.chat-side.9f3a.body", "st-key-draft-chat-side-9f3a-body"),
        ("draft.chat0.9f3a.subject", "st-key-draft-chat0-9f3a-subject"),
        (" draft.a_b c/d ", "st-key-draft-a_b-c-d"),  # Streamlit trims, then keeps only [a-zA-Z0-9_-]
    ],
)
def test_a_field_is_found_by_the_class_streamlit_derives_from_its_key(key, css_class):
    assert key_class(key) == css_class


@settings(max_examples=200)
@given(st.text())
def test_escaped_markdown_has_no_unescaped_markup_character(text):
    escaped = md_escape(text)
    unescaped = escaped.replace("\\\\", "")  # drop escaped backslashes, then every special must be escaped
    for mark in "[]()!<>*_`:":
        index = unescaped.find(mark)
        while index != -1:
            assert index > 0, (mark, escaped)
            assert unescaped[index - 1] == "\\", (mark, escaped)
            index = unescaped.find(mark, index + 1)


@pytest.mark.parametrize(
    "text", ["see https://evil.example/b.png", "www.evil.example", "mail me: a@evil.example"]
)
def test_escaped_text_has_no_bare_url_or_address_for_markdown_to_link(text):
    escaped = md_escape(text)
    assert "https://" not in escaped.replace("\\", "")
    assert "www." not in escaped.replace("\\", "")
    assert "a@evil" not in escaped.replace("\\", "")
    assert escaped.replace("\\", "").replace("\u2060", "") == text
