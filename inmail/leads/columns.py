"""Which lead field each CSV column fills: the header names of common exports (CRMs, prospecting tools,
LinkedIn's own) in English, French, German, Spanish, Portuguese and Italian, folded so that "First Name",
"first_name", "firstName" and "Prénom" compare as words. Columns about the person's company (its LinkedIn
page, city, website) are not the person's and are left out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FULL_NAME = "full_name"  # not a Lead field: split into first and last name
FIELDS = (
    "id",
    "first_name",
    "last_name",
    FULL_NAME,
    "headline",
    "title",
    "company",
    "location",
    "about",
    "skills",
    "language",
    "recent_post",
    "mutual_connections",
    "degree",
    "open_profile",
)
NAME_FIELDS = ("first_name", FULL_NAME)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Folded header -> field. A header matches strongly when it folds to one of these exactly.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": _words(
        "id linkedinurl linkedinprofileurl linkedinprofile linkedinprofilelink profileurl profilelink "
        "linkedin personlinkedinurl publicprofileurl publicurl linkedinlink liurl urlprofil urldeprofil "
        "profillinkedin lienlinkedin lienprofil profilurl linkedinprofil profillink urlperfil "
        "urldelperfil perfillinkedin perfildelinkedin urldoperfil enderecodoperfil urlprofilo "
        "urldelprofilo profilolinkedin"
    ),
    "first_name": _words(
        "firstname first givenname forename prenom vorname nombre primernombre primeironome nome"
    ),
    "last_name": _words(
        "lastname last surname familyname nom nomdefamille nachname familienname apellido apellidos "
        "sobrenome ultimonome cognome"
    ),
    FULL_NAME: _words(
        "fullname name contactname personname contact nomcomplet nomprenom vollstandigername vollername "
        "nombrecompleto nomecompleto nominativo"
    ),
    "headline": _words(
        "headline profileheadline linkedinheadline tagline titreduprofil accroche schlagzeile titular "
        "titulardelperfil tituloprofissional titolodelprofilo"
    ),
    "title": _words(
        "title jobtitle position role currenttitle currentposition currentjobtitle currentrole poste "
        "fonction intitule intituledeposte titre berufsbezeichnung jobtitel titel stelle cargo puesto "
        "cargoatual funcao ruolo posizione qualifica titolo"
    ),
    "company": _words(
        "company companyname currentcompany currentcompanyname organization organisation employer account "
        "accountname entreprise societe employeur nomdelentreprise unternehmen firma arbeitgeber "
        "firmenname empresa compania nombredelaempresa empresaatual azienda societa nomeazienda"
    ),
    "location": _words(
        "location personlocation city geography region localisation lieu ville standort ort stadt "
        "ubicacion ciudad localizacao localidade cidade localita citta"
    ),
    "about": _words(
        "summary about bio description profilesummary resume apropos infos zusammenfassung info uber "
        "extracto acercade resumen resumo sobre riepilogo informazioni sommario"
    ),
    "skills": _words(
        "skills topskills competences kenntnisse fahigkeiten aptitudes habilidades competencias competenze"
    ),
    "language": _words("language profilelanguage langue sprache idioma lingua"),
    "recent_post": _words("recentpost lastpost latestpost post dernierpost letzterbeitrag ultimapublicacion"),
    "mutual_connections": _words(
        "mutualconnections sharedconnections relationsencommun gemeinsamekontakte contactosencomun "
        "conexoesemcomum collegamentiincomune"
    ),
    "degree": _words("connectiondegree degreeofconnection networkdistance degre grad grado grau"),
    "open_profile": _words("openprofile isopenprofile"),
}
_EXACT = {word: field for field, words in _SYNONYMS.items() for word in words}
# The company's own columns ("Company LinkedIn URL", "Company City", "Website de l'entreprise"): an
# organisation word plus anything but "name" is about the company, never the person.
_ORG_WORDS = _words(
    "company companies organization organisation account entreprise societe unternehmen firma empresa "
    "compania azienda societa employer"
)
_ORG_NAME = {"", "name", "nom", "nombre", "nome", "current", "currentname", "de", "del", "dela", "da"}
_WEAK_ORDER = ("id", FULL_NAME, "first_name", "last_name", "title", "company", "headline", "location")


def fold(header: str) -> str:
    """'First Name', 'first_name', 'firstName', 'Prénom ' -> 'firstname' / 'prenom'."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", ascii_text)


def is_company_column(folded: str) -> bool:
    for word in _ORG_WORDS:
        if word in folded:
            rest = folded.replace(word, "", 1)
            return rest not in _ORG_NAME and _EXACT.get(folded) != "company"
    return False


@dataclass(frozen=True)
class ColumnGuess:
    """Column -> field (None: not used); `weak` names the fields guessed from part of a header only."""

    fields: dict[str, str | None]
    weak: frozenset[str]

    def column_of(self, field: str) -> str | None:
        return next((column for column, found in self.fields.items() if found == field), None)


def guess_columns(headers: Sequence[str], samples: Sequence[Sequence[str]] = ()) -> ColumnGuess:
    """The field of each header: exact synonyms first, then a LinkedIn-URL column found by its cells, then
    headers that contain a synonym as a word part (weak). Each field is taken by one column at most."""
    fields: dict[str, str | None] = dict.fromkeys(headers)
    taken: set[str] = set()
    for header in headers:
        folded = fold(header)
        field = _EXACT.get(folded)
        if field and field not in taken and not (field != "company" and is_company_column(folded)):
            fields[header] = field
            taken.add(field)
    if "id" not in taken:
        for index, header in enumerate(headers):
            cells = [row[index] for row in samples if index < len(row) and row[index].strip()]
            usable = fields[header] is None and not is_company_column(fold(header)) and cells
            if usable and sum("linkedin.com/in/" in cell.lower() for cell in cells) * 2 > len(cells):
                fields[header] = "id"
                break
    weak: set[str] = set()
    for field in _WEAK_ORDER:
        if field in taken:
            continue
        for header in headers:
            folded = fold(header)
            if fields[header] is None and not is_company_column(folded) and _contains(folded, field):
                fields[header] = field
                taken.add(field)
                weak.add(field)
                break
    return ColumnGuess(fields, frozenset(weak))


def _contains(folded: str, field: str) -> bool:
    return any(len(word) >= 4 and word in folded for word in _SYNONYMS[field])


def apply_mapping(guess: ColumnGuess, mapping: Mapping[str, str]) -> ColumnGuess:
    """The guess with the user's COLUMN=field choices on top (field "" or "none": leave the column out).
    A column the file lacks or a field a lead lacks raises ValueError naming it."""
    fields = dict(guess.fields)
    confirmed: set[str] = set()
    by_fold = {fold(header): header for header in fields}
    for column, field in mapping.items():
        header = column if column in fields else by_fold.get(fold(column))
        if header is None:
            raise ValueError(f"the file has no column {column!r} (it has: {', '.join(fields)})")
        wanted = field.strip().lower().replace("-", "_")
        if wanted in ("", "none", "skip"):
            fields[header] = None
            continue
        if wanted not in FIELDS:
            raise ValueError(f"{field!r} is not a lead field (use one of: {', '.join(FIELDS)})")
        for other, found in fields.items():
            if found == wanted and other != header:
                fields[other] = None
        fields[header] = wanted
        confirmed.add(wanted)
    return ColumnGuess(fields, guess.weak - confirmed)
