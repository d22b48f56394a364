"""Outreach page: upload -> (map the columns when unsure) -> preview -> save; the saved leads are listed
and then offered on Compose; a pasted page and a bad file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from page_text import texts, unescape

from composer.samples import sample_json
from inmail.workspace import Workspace

PAGE = "ui/outreach.py"


def test_paste_preview_save_and_pick_on_compose(open_page):
    from tests.leads.pasted_profiles import ENGLISH

    at = open_page(PAGE)
    at.text_area(key="outreach.paste").set_value(ENGLISH).run()
    at.text_input(key="outreach.url").set_value("https://www.linkedin.com/in/elena-rossi")
    at.button(key="btn.outreach.read_paste").click().run()
    assert not at.exception
    [preview] = [frame for frame in at.dataframe]
    assert preview.value.to_dict("records")[0]["Name"] == "Elena Rossi"
    at.button(key="btn.outreach.save").click().run()
    assert "Saved: 1 new, 0 updated, 0 already known." in unescape(texts(at))
    [saved] = at.dataframe
    assert saved.value.to_dict("records")[0]["Profile"] == "https://www.linkedin.com/in/elena-rossi"
    at.switch_page("ui/compose.py").run()
    picker = next(box for box in at.selectbox if box.label == "Pick a saved or sample lead")
    assert "Saved: Elena Rossi, Korvo Logistics" in picker.options
    assert not at.exception


def test_an_unsupported_page_is_one_line_and_nothing_saved(open_page):
    from tests.leads.pasted_profiles import ARTICLE

    at = open_page(PAGE)
    at.text_area(key="outreach.paste").set_value(ARTICLE).run()
    at.button(key="btn.outreach.read_paste").click().run()
    [error] = at.error
    assert "is not a LinkedIn profile" in unescape(error.value)
    assert "Nothing was saved." in unescape(error.value)
    assert "Saved leads (0)" in unescape(texts(at))
    assert not at.exception


def test_unsure_columns_are_mapped_before_the_preview_is_saved(open_page):
    at = open_page(PAGE)
    at.text_area(key="outreach.paste").set_value(
        "Person Full Name Text,Employer Text\nAna Cruz,Acme\nBen Ode,Zeta\n"
    ).run()
    at.button(key="btn.outreach.read_paste").click().run()
    assert "Some columns were guessed" in unescape(texts(at))
    at.selectbox(key="outreach.map.Employer Text").set_value("company")
    at.button(key="btn.outreach.remap").click().run()
    assert "Some columns were guessed" not in unescape(texts(at))
    assert [row["Company"] for row in at.dataframe[0].value.to_dict("records")] == ["Acme", "Zeta"]
    at.button(key="btn.outreach.save").click().run()
    assert "Saved leads (2)" in unescape(texts(at))
    assert not at.exception


MARIA = "https://www.linkedin.com/in/maria-lopez-data"


@pytest.fixture
def saved(data_dir):
    """Maria, Camille and a broken lead saved; Premium Business with 15 credits."""
    from limits import Account

    start = datetime.now(UTC) - timedelta(days=3)
    with Account.open(data_dir) as account:
        account.init_plan("premium_business", start=start, balance=15, at=start)
    workspace = Workspace(data_dir)
    workspace.save_lead(sample_json("maria"))
    workspace.save_lead(sample_json("camille"))
    workspace.save_lead({"id": "https://www.linkedin.com/in/broken", "first_name": "", "company": "X"})
    return data_dir


def test_batch_drafts_the_saved_leads_and_a_row_opens_its_card(open_page, saved):
    at = open_page("ui/outreach.py")
    button = at.button(key="btn.batch")
    assert button.label == "Draft 3 leads"
    button.click().run()
    assert not at.exception, at.exception
    results = at.session_state["outreach.batch_results"]
    assert [r.status.value for r in results] == ["drafted", "drafted", "failed"]
    # The bad lead is said, the others are in the table with channel, cost, coach score and checks.
    assert any("at least 1 character" in warning.value for warning in at.warning)
    saved_list, table = at.dataframe  # the saved leads, the broken one too, then the batch's table
    assert len(saved_list.value) == 3
    frame = table.value
    assert list(frame.columns) == [
        "Lead",
        "Channel",
        "Cost (credits)",
        "Allowed now",
        "Coach score",
        "Checks ok",
    ]
    assert list(frame["Lead"]) == ["Maria Lopez", "Camille Bernard"]
    assert list(frame["Cost (credits)"]) == [1, 1]
    assert all(frame["Checks ok"])
    assert "drafted, 1 could not be drafted" in " ".join(c.value for c in at.caption)
    # The first row's card is open; pick the second and mark it as sent.
    at.selectbox(key="outreach.pick").set_value(1).run()
    camille = results[1].draft
    body = at.text_area(key=f"draft.outreach.{camille.id}.body")
    assert body.value == camille.body
    at.button(key=f"btn.sent.outreach.{camille.id}").click().run()
    assert not at.exception, at.exception
    with Workspace(saved) as workspace:
        sent = workspace.sent(at=datetime.now(UTC))
    assert [item.lead_id for item in sent] == ["https://www.linkedin.com/in/camille-bernard-ops"]
    assert {b.label for b in at.get("download_button")} == {"Download CSV", "Download JSON Lines"}
    assert not at.exception


def test_with_no_leads_the_button_waits(open_page, data_dir):
    at = open_page("ui/outreach.py")
    assert at.button(key="btn.batch").disabled
    assert any("No saved leads yet" in caption.value for caption in at.caption)
    assert not at.exception
