"""The book of leads: one lead per profile, an import fills and never erases, a form's save replaces,
leads are found by id, id prefix or name, and the old leads.json is copied in once."""

from __future__ import annotations

import json

import pytest

from inmail.leads import LeadImportError, UnknownLeadError
from inmail.workspace import Workspace
from tests.leads import pasted_profiles as pages
from tests.leads.profile_pdfs import profile_pdf

CSV = (
    b"Full Name,Title,Company,Profile URL,Skills\n"
    b"Elena Rossi,,Korvo,https://linkedin.com/in/elena-rossi-a1b2c3,Lean\n"
    b"Jonas Weber,Buyer,Hanseatic,,\n"
)


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "data") as opened:
        yield opened


def test_a_later_import_fills_empty_fields_and_never_erases(ws):
    first = ws.import_leads(CSV, name="crm.csv")
    assert first.stored.to_json() == {"added": 2, "updated": 0, "unchanged": 0}
    second = ws.import_leads(profile_pdf(), name="Profile.pdf")
    assert second.stored.to_json() == {"added": 0, "updated": 1, "unchanged": 0}
    elena = ws.lead("https://de.linkedin.com/in/Elena-Rossi-A1B2C3/")
    assert elena.company == "Korvo", "the CSV's company stays"
    assert elena.title == "Head of Operations", "the PDF filled the empty title"
    assert elena.skills[0] == "Lean"
    assert "Carrier Management" in elena.skills
    assert len(elena.experiences) == 3
    again = ws.import_leads(CSV, name="crm.csv")
    assert again.stored.to_json() == {"added": 0, "updated": 0, "unchanged": 2}
    assert len(ws.leads()) == 2


def test_get_find_and_remove_by_id_prefix_or_name(ws):
    ws.import_leads(CSV, name="crm.csv")
    ws.import_leads(pages.FRENCH.encode(), name="pasted", format="text")
    assert ws.lead("local:jonas").full_name == "Jonas Weber"
    assert ws.lead("camille durand").company == "Solvéo"
    assert [lead.full_name for lead in ws.find_leads("Elena")] == ["Elena Rossi"]
    assert ws.find_leads("elena rossi")[0].id == "https://www.linkedin.com/in/elena-rossi-a1b2c3"
    with pytest.raises(UnknownLeadError) as info:
        ws.lead("nobody")
    assert not info.value.matches
    with pytest.raises(UnknownLeadError) as info:
        ws.lead("local:")
    assert len(info.value.matches) == 2
    assert ws.remove_lead("Jonas").full_name == "Jonas Weber"
    assert [lead.first_name for lead in ws.leads()] == ["Elena", "Camille"]


def test_a_refused_file_stores_nothing(ws):
    with pytest.raises(LeadImportError):
        ws.import_leads(b"Invoice,Total\n1,2\n", name="invoice.csv")
    assert ws.leads() == []


def test_the_old_saved_leads_are_copied_in_once_and_a_form_save_replaces(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    (root / "leads.json").write_text(json.dumps({"b": {"id": "b", "first_name": "Ben"}}))
    with Workspace(root) as ws:
        ws.save_lead({"id": "b", "first_name": "Benjamin", "company": "Acme"})
        ws.import_leads(b"first_name,company,id\nBen,Other,b\n", name="x.csv")
        assert ws.saved_leads()["b"]["company"] == "Acme", "an import never erases"
        assert ws.saved_leads()["b"]["first_name"] == "Benjamin", "the form's save replaced"
    with Workspace(root) as ws:
        assert list(ws.saved_leads()) == ["b"], "copied once, not again over the edit"
        assert ws.saved_leads()["b"]["first_name"] == "Benjamin"
