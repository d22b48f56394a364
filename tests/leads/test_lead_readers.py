"""Reading leads: CSVs in several dialects and encodings, JSON, pasted profile pages in three UI languages,
profile PDFs made with reportlab, and every kind of bad input refused in one line."""

from __future__ import annotations

import json
import os

import pytest

from inmail.leads import ImportProblem, LeadImportError, read_leads, read_leads_file
from tests.leads import pasted_profiles as pages
from tests.leads.profile_pdfs import invoice_pdf, profile_pdf

HEADER = "First Name,Last Name,Title,Company,LinkedIn URL,Company LinkedIn URL,Company City\n"
ROW = "Elena,Rossi,Head of Operations,Korvo,https://it.linkedin.com/in/Elena-Rossi/,https://linkedin.com/company/korvo,Turin\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ((HEADER + ROW).encode(), "utf-8 commas"),
        (b"\xef\xbb\xbf" + (HEADER + ROW).encode(), "utf-8 with BOM"),
        ((HEADER + ROW).replace(",", ";").encode("cp1252"), "cp1252 semicolons"),
        ((HEADER + ROW).replace(",", "\t").encode(), "tabs"),
        ((HEADER + ROW).encode("utf-16"), "utf-16"),
    ],
)
def test_a_csv_in_any_common_dialect_gives_the_same_lead(data, label):
    result = read_leads(data, name="leads.csv")
    [lead] = result.imported
    assert (lead.first_name, lead.last_name, lead.title, lead.company) == (
        "Elena", "Rossi", "Head of Operations", "Korvo",
    ), label  # fmt: skip
    assert lead.id == "https://www.linkedin.com/in/elena-rossi", "the person's URL, canonical"
    assert lead.location is None, "Company City is the company's, not the person's"
    assert result.columns["Company LinkedIn URL"] is None


def test_cp1252_accents_and_quoted_cells_with_line_breaks():
    text = (
        'Prénom;Nom;Poste;Entreprise;Résumé\r\nRenée;Müller;"Directrice\r\nachats";Solvéo;'
        '"Ligne 1\r\nLigne 2"\r\n'
    )
    [lead] = read_leads(text.encode("cp1252"), name="export.csv").imported
    assert (lead.first_name, lead.last_name, lead.company) == ("Renée", "Müller", "Solvéo")
    assert lead.title == "Directrice achats", "a one-line field folds the cell's line break"
    assert lead.about == "Ligne 1\nLigne 2"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("first_name,last_name,company", {"first_name", "last_name", "company"}),
        ("firstName,lastName,jobTitle,profileUrl", {"first_name", "last_name", "title", "id"}),
        ("Vorname,Nachname,Unternehmen,Position", {"first_name", "last_name", "company", "title"}),
        (
            "Nombre,Apellidos,Empresa,Cargo,Ubicación",
            {"first_name", "last_name", "company", "title", "location"},
        ),
        ("Nome,Cognome,Azienda,Ruolo", {"first_name", "last_name", "company", "title"}),
        ("Primeiro nome,Sobrenome,Empresa,Cargo", {"first_name", "last_name", "company", "title"}),
        ("Full Name,Headline,Summary,Location", {"full_name", "headline", "about", "location"}),
    ],
)
def test_header_names_of_common_exports_in_six_languages(headers, expected):
    data = (
        headers + "\n" + ",".join("Ana Cruz" if i == 0 else "x" for i in range(headers.count(",") + 1))
    ).encode()
    result = read_leads(data, name="x.csv")
    assert {field for field in result.columns.values() if field} == expected
    assert not result.unsure


def test_a_full_name_is_split_and_a_weak_guess_is_unsure():
    data = b"Contact Full Name Text,Person Title Current\nAna de la Cruz,CFO\n"
    result = read_leads(data, name="x.csv")
    [lead] = result.imported
    assert (lead.first_name, lead.last_name, lead.title) == ("Ana", "de la Cruz", "CFO")
    assert result.unsure


def test_map_overrides_the_guess_and_bad_maps_are_refused():
    data = b"Who,Where\nAna Cruz,Lisbon\n"
    with pytest.raises(LeadImportError) as info:
        read_leads(data, name="x.csv")
    assert info.value.problem is ImportProblem.NO_COLUMNS
    [lead] = read_leads(data, name="x.csv", mapping={"Who": "full_name", "where": "location"}).imported
    assert (lead.first_name, lead.last_name, lead.location) == ("Ana", "Cruz", "Lisbon")
    for mapping in ({"Nope": "first_name"}, {"Who": "shoe_size"}):
        with pytest.raises(LeadImportError) as info:
            read_leads(data, name="x.csv", mapping=mapping)
        assert info.value.problem is ImportProblem.BAD_MAPPING


def test_bad_rows_are_skipped_with_their_line_and_the_rest_read():
    data = (
        HEADER
        + ROW
        + ",,,Nobody Inc,,,\n"
        + "Jonas,"
        + "W" * 300
        + ",Buyer,Hanseatic,,,\n"
        + "Ana,Cruz,,,,,\n"
    ).encode()
    result = read_leads(data, name="x.csv")
    assert [lead.first_name for lead in result.imported] == ["Elena", "Ana"]
    assert [s.where for s in result.skipped] == ["line 3", "line 4"]
    assert "first name" in result.skipped[0].why
    assert "last_name" in result.skipped[1].why
    assert result.to_json()["skipped"][0] == {"where": "line 3", "why": result.skipped[0].why}


def test_json_and_json_lines():
    leads = [{"first_name": "Ana", "id": "linkedin.com/in/ana"}, {"first_name": ""}, "nope"]
    result = read_leads(json.dumps(leads).encode(), name="x.json")
    assert [lead.id for lead in result.imported] == ["https://www.linkedin.com/in/ana"]
    assert [s.where for s in result.skipped] == ["item 2", "item 3"]
    lines = b'{"first_name": "Ana"}\n{broken\n{"first_name": "Ben"}\n'
    result = read_leads(lines, name="x.jsonl")
    assert [lead.first_name for lead in result.imported] == ["Ana", "Ben"]
    assert [s.where for s in result.skipped] == ["line 2"]


@pytest.mark.parametrize(
    ("text", "language", "name", "title", "company"),
    [
        (pages.ENGLISH, "en", "Elena Rossi", "Head of Operations", "Korvo Logistics"),
        (pages.FRENCH, "fr", "Camille Durand", "Directrice des achats", "Solvéo"),
        (pages.GERMAN, "de", "Jonas Weber", "Leiter Einkauf", "Hanseatic Parts GmbH"),
    ],
)
def test_pasted_profile_pages_in_three_ui_languages(text, language, name, title, company):
    result = read_leads(text.encode(), name="page")
    assert result.language == language
    [lead] = result.imported
    assert (lead.full_name, lead.title, lead.company) == (name, title, company)
    assert lead.location
    assert "Contact" not in lead.location
    assert "Kontakt" not in lead.location
    assert lead.experiences[1].start
    assert lead.education[0].school
    assert lead.skills
    assert not any(char.isdigit() for skill in lead.skills for char in skill), "no endorsement counts"


def test_the_english_page_in_full():
    [lead] = read_leads(pages.ENGLISH.encode(), format="text").imported
    assert lead.headline.startswith("Head of Operations at Korvo Logistics")
    assert lead.location == "Milan, Lombardy, Italy"
    assert lead.degree == 2
    assert lead.mutual_connections == ["Anna Bianchi", "Marco Verdi"]
    assert lead.about.endswith("hard problems.")
    assert lead.recent_post.startswith("We finally moved our supplier onboarding")
    roles = [(e.title, e.company, e.start, e.end) for e in lead.experiences]
    assert roles == [
        ("Head of Operations", "Korvo Logistics", "Jan 2021", "Present"),
        ("Operations Manager", "Korvo Logistics", "Oct 2019", "Dec 2020"),
        ("Logistics Analyst", "Acme Freight", "Sep 2015", "Sep 2019"),
    ]
    assert lead.experiences[0].description == "Led the move to a shared supplier portal across 14 sites."
    assert lead.experiences[2].description == "Built the carrier scorecard.", "the place line is not text"
    assert (lead.education[0].degree, lead.education[0].field) == (
        "Master's degree",
        "Management Engineering",
    )
    assert lead.skills == ["Supply Chain Management", "Lean Manufacturing"]
    assert "Luca Neri" not in json.dumps(lead.model_dump()), "People also viewed is not the profile"


def test_a_profile_url_given_with_a_pasted_page_is_its_id():
    [lead] = read_leads(
        pages.FRENCH.encode(), format="text", profile_url="fr.linkedin.com/in/CamilleD"
    ).imported
    assert lead.id == "https://www.linkedin.com/in/camilled"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_profile_pdfs_in_linkedins_layout(language):
    result = read_leads(profile_pdf(language), name="Profile.pdf")
    [lead] = result.imported
    assert lead.id == "https://www.linkedin.com/in/elena-rossi-a1b2c3", "the URL that wraps is joined"
    assert (lead.full_name, lead.location) == ("Elena Rossi", "Milan, Lombardy, Italy")
    assert lead.headline == "Head of Operations at Korvo Logistics | Lean, automation, supplier networks"
    assert lead.about.endswith("by 30% in two years.")
    assert [(e.title, e.company) for e in lead.experiences] == [
        ("Head of Operations", "Korvo Logistics"),
        ("Operations Manager", "Korvo Logistics"),
        ("Logistics Analyst", "Acme Freight"),
    ]
    assert lead.experiences[1].description == "Ran two warehouses with 80 people.", "across the page break"
    assert lead.skills == ["Supply Chain Management", "Lean Manufacturing", "Carrier Management"]
    assert lead.education[0].school == "Politecnico di Milano"
    assert "Page" not in json.dumps(lead.model_dump())
    assert "Seite" not in json.dumps(lead.model_dump())


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "x.csv", ImportProblem.EMPTY),
        (b"  \n\n", "x.txt", ImportProblem.EMPTY),
        (bytes(range(256)) * 4, "x.csv", ImportProblem.BINARY),
        (b"First Name\n\x81\x8d\x8f\x90\x9d\n", "x.csv", ImportProblem.NOT_TEXT),
        (b"Invoice,Total\n2024-117,4800\n", "x.csv", ImportProblem.NO_COLUMNS),
        (pages.ARTICLE.encode(), "article.txt", ImportProblem.NOT_A_PROFILE),
        (pages.DUTCH.encode(), "page.txt", ImportProblem.UNSUPPORTED_LANGUAGE),
        (b'{"first_name": ', "x.json", ImportProblem.NOT_JSON),
        (b"%PDF-1.4 broken", "x.pdf", ImportProblem.BROKEN_PDF),
    ],
)
def test_bad_input_is_one_line(data, name, problem):
    with pytest.raises(LeadImportError) as info:
        read_leads(data, name=name)
    assert info.value.problem is problem
    assert "\n" not in str(info.value)
    assert str(info.value)


def test_an_invoice_pdf_and_an_encrypted_pdf_are_refused():
    with pytest.raises(LeadImportError) as info:
        read_leads(invoice_pdf(), name="invoice.pdf")
    assert info.value.problem is ImportProblem.NOT_A_PROFILE
    with pytest.raises(LeadImportError) as info:
        read_leads(profile_pdf(password="s3cret"), name="locked.pdf")
    assert info.value.problem is ImportProblem.ENCRYPTED
    assert "password" in str(info.value)


def test_files_are_refused_by_size_before_reading_and_links_and_devices_too(tmp_path):
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse: no 60 MB written
    with pytest.raises(LeadImportError) as info:
        read_leads_file(big)
    assert info.value.problem is ImportProblem.TOO_LARGE
    assert "50,000,000" in str(info.value)
    small = tmp_path / "small.csv"
    small.write_bytes((HEADER + ROW).encode())
    with pytest.raises(LeadImportError) as info:
        read_leads_file(small, limit=10)
    assert info.value.problem is ImportProblem.TOO_LARGE
    link = tmp_path / "link.csv"
    link.symlink_to(small)
    cases = {link: ImportProblem.SYMLINK, tmp_path: ImportProblem.NOT_A_FILE}
    cases[tmp_path / "none.csv"] = ImportProblem.MISSING
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    cases[fifo] = ImportProblem.NOT_A_FILE
    for path, problem in cases.items():
        with pytest.raises(LeadImportError) as info:
            read_leads_file(path)
        assert info.value.problem is problem, path
    assert [lead.first_name for lead in read_leads_file(small).imported] == ["Elena"]
