"""The app's small files: sender profile, saved leads, draft history; and the copy buttons' page."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui import history, profiles
from ui.clipboard import CopyButton, copy_buttons_html, js_literal, key_class
from ui.plain import md_escape

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_sender_round_trips_and_is_absent_at_first(tmp_path):
    assert profiles.load_sender(tmp_path) is None
    profiles.save_sender(tmp_path, {"name": "Sam Rivera", "footer": "Sam — Tally"})
    assert profiles.load_sender(tmp_path) == {"name": "Sam Rivera", "footer": "Sam — Tally"}
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file is replaced, not left behind"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"name": "Sam",\n  oops}', "line 2"),
        ("[1, 2]", "must hold one JSON object"),
    ],
)
def test_a_broken_sender_file_gets_one_line_that_names_it(tmp_path, content, fragment):
    (tmp_path / profiles.SENDER_FILE).write_text(content)
    with pytest.raises(profiles.ProfileError) as info:
        profiles.load_sender(tmp_path)
    message = str(info.value)
    assert fragment in message
    assert str(tmp_path / profiles.SENDER_FILE) in message
    assert "\n" not in message


def test_saved_leads_keep_the_latest_save_last_and_can_be_deleted(tmp_path):
    profiles.save_lead(tmp_path, {"id": "a", "first_name": "Ann"})
    profiles.save_lead(tmp_path, {"id": "b", "first_name": "Ben"})
    profiles.save_lead(tmp_path, {"id": "a", "first_name": "Anna"})
    assert list(profiles.saved_leads(tmp_path)) == ["b", "a"]
    assert profiles.saved_leads(tmp_path)["a"]["first_name"] == "Anna"
    assert profiles.delete_lead(tmp_path, "b") is True
    assert profiles.delete_lead(tmp_path, "b") is False
    assert list(profiles.saved_leads(tmp_path)) == ["a"]


def test_a_lead_without_an_id_is_not_saved(tmp_path):
    with pytest.raises(profiles.ProfileError, match="profile URL"):
        profiles.save_lead(tmp_path, {"id": "  ", "first_name": "Ann"})
    assert profiles.saved_leads(tmp_path) == {}


def test_leads_file_must_map_ids_to_objects(tmp_path):
    (tmp_path / profiles.LEADS_FILE).write_text(json.dumps({"a": "not a lead"}))
    with pytest.raises(profiles.ProfileError, match="must map lead ids"):
        profiles.saved_leads(tmp_path)


def test_history_is_per_lead_newest_first_and_the_first_sent_mark_wins(tmp_path):
    history.record_draft(tmp_path, lead_id="maria", draft={"id": "d1", "body": "one"}, at=T0)
    history.record_draft(tmp_path, lead_id="maria", draft={"id": "d2", "body": "two"}, at=T0 + timedelta(1))
    history.record_draft(tmp_path, lead_id="other", draft={"id": "d3", "body": "x"}, at=T0)
    history.record_sent(
        tmp_path, lead_id="maria", draft_id="d1", subject="S", body="edited", at=T0 + timedelta(2)
    )
    history.record_sent(
        tmp_path, lead_id="maria", draft_id="d1", subject="S", body="late", at=T0 + timedelta(3)
    )

    entries = history.for_lead(tmp_path, "maria")
    assert [e.draft_id for e in entries] == ["d2", "d1"]
    assert entries[1].sent_at == T0 + timedelta(2)
    assert entries[1].sent_body == "edited"
    assert entries[0].sent_at is None
    assert history.sent_draft_ids(tmp_path, "maria") == {"d1"}
    assert history.for_lead(tmp_path, "nobody") == []


def test_history_skips_damaged_lines_and_keeps_the_rest(tmp_path):
    history.record_draft(tmp_path, lead_id="maria", draft={"id": "d1", "body": "one"}, at=T0)
    with (tmp_path / history.HISTORY_FILE).open("a") as handle:
        handle.write('{"kind": "draft", "lead_id": "maria", "at": "not a date", "draft": {"id": "bad"}}\n')
        handle.write('{"kind": "sent", "lead_id": "maria", "draft_id": "d1", "at": "never"}\n')
        handle.write('{"kind": "draft", "lead_id": "ma')  # cut short by a crash
    assert [e.draft_id for e in history.for_lead(tmp_path, "maria")] == ["d1"]
    assert history.sent_draft_ids(tmp_path, "maria") == set()


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
