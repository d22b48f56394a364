"""Outreach page: upload -> (map the columns when unsure) -> preview -> save; the saved leads are listed
and then offered on Compose; a pasted page and a bad file."""

from __future__ import annotations

from page_text import texts, unescape

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
