"""PDFs made with reportlab, laid out like LinkedIn's "Save to PDF" profile: a sidebar on the left third
(Contact with a profile URL that wraps, Top Skills, Languages, Certifications) and the main column (the name
in 26 pt, headline, location, Summary, Experience, Education) over two pages, with "Page N of M" footers."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = letter
SIDE_X, MAIN_X = 36, 220

HEADINGS = {
    "en": ("Contact", "Top Skills", "Languages", "Certifications", "Summary", "Experience", "Education",
           "of"),
    "fr": ("Coordonnées", "Principales compétences", "Langues", "Certifications", "Résumé", "Expérience",
           "Formation", "sur"),
    "de": ("Kontakt", "Top-Kenntnisse", "Sprachen", "Certifications", "Zusammenfassung", "Berufserfahrung",
           "Ausbildung", "von"),
}  # fmt: skip
PAGE_WORD = {"en": "Page", "fr": "Page", "de": "Seite"}


def _pages(language: str) -> list[tuple[list[tuple[str, float]], list[tuple[str, float]]]]:
    contact, skills, languages, certs, summary, experience, education, _ = HEADINGS[language]
    side1 = [
        (contact, 13),
        ("elena.rossi@example.com", 10.5),
        ("www.linkedin.com/in/elena-rossi-", 10.5),
        ("a1b2c3 (LinkedIn)", 10.5),
        ("www.korvo.example (Company)", 10.5),
        (skills, 13),
        ("Supply Chain Management", 10.5),
        ("Lean Manufacturing", 10.5),
        ("Carrier Management", 10.5),
        (languages, 13),
        ("Italian (Native or Bilingual)", 10.5),
        ("English (Full Professional)", 10.5),
        (certs, 13),
        ("Lean Six Sigma Green Belt", 10.5),
    ]
    main1 = [
        ("Elena Rossi", 26),
        ("Head of Operations at Korvo Logistics | Lean, automation,", 12),
        ("supplier networks", 12),
        ("Milan, Lombardy, Italy", 10.5),
        (summary, 15.75),
        ("I run operations at Korvo Logistics, where we cut supplier lead times", 10.5),
        ("by 30% in two years.", 10.5),
        (experience, 15.75),
        ("Korvo Logistics", 12),
        ("5 years 2 months", 10.5),
        ("Head of Operations", 11.5),
        ("January 2021 - Present (3 years 11 months)", 10.5),
        ("Milan, Lombardy, Italy", 10.5),
        ("Led the move to a shared supplier portal across 14 sites.", 10.5),
        ("Operations Manager", 11.5),
        ("October 2019 - December 2020 (1 year 3 months)", 10.5),
    ]
    main2 = [
        ("Ran two warehouses with 80 people.", 10.5),
        ("Acme Freight", 12),
        ("Logistics Analyst", 11.5),
        ("September 2015 - September 2019 (4 years 1 month)", 10.5),
        ("Turin, Piedmont, Italy", 10.5),
        (education, 15.75),
        ("Politecnico di Milano", 12),
        ("Master's degree, Management Engineering · (2010 - 2015)", 10.5),
    ]
    return [(side1, main1), ([], main2)]


def profile_pdf(language: str = "en", *, password: str | None = None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    pages = _pages(language)
    for number, (side, main) in enumerate(pages, start=1):
        for x, lines in ((SIDE_X, side), (MAIN_X, main)):
            y = HEIGHT - 60
            for text, size in lines:
                canvas.setFont("Helvetica", size)
                canvas.drawString(x, y, text)
                y -= size + 8
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(WIDTH / 2, 30, f"{PAGE_WORD[language]} {number} {HEADINGS[language][-1]} 2")
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    return _encrypted(data, password) if password else data


def invoice_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    y = HEIGHT - 60
    for text in (
        "INVOICE 2024-117",
        "Korvo Logistics S.p.A.",
        "Via Roma 1, Milan",
        "Item  Qty  Price",
        "Pallet racking  4  1,200.00",
        "Total due: 4,800.00 EUR",
        "Payment within 30 days",
    ):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(MAIN_X, y, text)
        y -= 20
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _encrypted(data: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
