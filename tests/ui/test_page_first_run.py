"""The first run: Compose opens first and leads to a draft in two clicks, with no model, plan or profile;
the sample sender and a made-up lead id are said on the page; form problems are plain words."""

from __future__ import annotations

import pytest
from page_text import texts, unescape
from streamlit.testing.v1 import AppTest
from test_page_compose import ROOT, _button, _draft_areas

PAGE = "ui/compose.py"


def _first_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def test_the_app_opens_on_compose_and_two_clicks_make_a_draft(data_dir):
    at = _first_page()
    assert at.title[0].value == "Compose"
    assert "New here?" in texts(at)
    _button(at, "Try a sample lead").click().run()
    _button(at, "Generate draft").click().run()
    bodies = _draft_areas(at)
    assert len(bodies) == 1
    assert bodies[0].value.startswith("Hello Maria,")
    shown = unescape(texts(at))
    assert "Writing as the sample sender, Sam Rivera" in shown
    assert "New here?" not in shown
    assert not at.exception


def test_the_sample_sender_notice_goes_once_the_user_saves_a_profile(open_page):
    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    for field, value in (("name", "Robin Vale"), ("company", "Vale Data"), ("offer", "data audits")):
        widget = (
            at.text_area(key=f"sender.{field}") if field == "offer" else at.text_input(key=f"sender.{field}")
        )
        widget.input(value).run()
    assert "not saved yet" in unescape(texts(at))
    at.button(key="btn.save_sender").click().run()
    _button(at, "Generate draft").click().run()
    shown = unescape(texts(at))
    assert "sample sender" not in shown
    assert "not saved yet" not in shown
    assert "Robin" in _draft_areas(at)[0].value
    assert not at.exception


def test_a_lead_without_a_profile_url_gets_an_id_from_name_and_company(open_page, data_dir):
    from inmail.workspace import Workspace

    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    at.text_input(key="lead.id").input("").run()
    assert "local:maria-lopez-acme-logistics" in unescape(texts(at))
    _button(at, "Generate draft").click().run()
    assert _draft_areas(at), "the lead is drafted for"
    assert Workspace(data_dir).history({"id": "local:maria-lopez-acme-logistics"})
    assert not at.exception


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("lead.first_name", "", "The lead's first name is empty: fill in First name on the Lead tab."),
        (
            "lead.company",
            "x" * 201,
            "The lead's current company is too long (at most 200 characters): fix Current company on the "
            "Lead tab.",
        ),
    ],
)
def test_form_problems_name_the_field_and_the_tab(open_page, key, value, expected):
    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    at.text_input(key=key).input(value).run()
    _button(at, "Generate draft").click().run()
    assert [unescape(e.value) for e in at.error] == [expected]
    assert "field '" not in expected
    assert "Input should" not in unescape(texts(at))
    assert not at.exception


def test_the_language_list_offers_only_languages_with_templates(open_page):
    at = open_page(PAGE)
    offered = at.selectbox(key="opts.language").options
    assert offered[0].startswith("auto")
    assert {o.rsplit("(", 1)[-1].rstrip(")") for o in offered[1:]} == {"de", "en", "es", "fr", "it", "pt"}
    assert not at.exception


def test_a_follow_up_has_no_subject_line(open_page, account):
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC) - timedelta(days=9)  # a follow-up needs a first message on the book
    account.init_plan("premium_career", start=start, at=start)
    account.record_inmail("https://www.linkedin.com/in/maria-lopez-data", at=start + timedelta(days=1))
    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    at.segmented_control(key="opts.channel").set_value("follow_up").run()
    _button(at, "Generate draft").click().run()
    assert _draft_areas(at)
    assert not [w for w in at.text_input if w.key and w.key.endswith(".subject")]
    assert not at.exception


def test_older_drafts_fold_to_one_line_each(open_page):
    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    for strategy in ("rabt", "pas", "aida"):
        at.selectbox(key="opts.strategy").set_value(strategy).run()
        _button(at, "Generate draft").click().run()
    folded = [e.label for e in at.expander if e.label.startswith("Draft ")]
    assert len(folded) == 2
    assert folded[0].startswith("Draft 2: PAS inmail, en,")
    assert "checks pass" in folded[0]
    assert not at.exception


def test_a_lead_no_channel_reaches_reads_as_a_sentence(open_page, account):
    from test_page_compose import _plan

    _plan(account)
    at = open_page(PAGE)
    _button(at, "Try a sample lead").click().run()
    at.selectbox(key="lead.degree").set_value("out").run()
    at.toggle(key="lead.accepts_inmail").set_value(False).run()
    shown = unescape(texts(at))
    assert "Not now: no channel reaches them." in shown
    assert "by no channel" not in shown
    assert not at.exception
