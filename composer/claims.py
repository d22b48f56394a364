"""Claims a draft may only make from the inputs: an asset to send, the sender's role, news to celebrate.

Each check reads the finished text, so it holds for both engines: a model that offers "our two-page case
study" the sender never declared, calls its writer "founder" when the sender is a partner, or
congratulates a lead on news their profile does not hold, fails here.
"""

from __future__ import annotations

import re

from composer import phrases
from composer.cues import cues
from composer.models import CheckResult, Lead, Sender, Settings
from composer.text import fold, split_sentences

# Offering to send something, in each language (folded, whole words).
_OFFERS = re.compile(
    r" (?:send|share|attach|forward|envoyer|envoie|partager|transmettre|schicke|schicken|senden|sende"
    r"|zusenden|enviar|envio|envie|mandar|mando|compartir|partilhar|inviare|invio|mandare|condividere) "
)
# What a draft might offer to send, one kind per row in every language (folded words; a phrase counts when
# all its words are there): a kind the sender declared in any language may be offered in any other.
_ASSETS = (
    ("case study", "etude de cas", "fallstudie", "caso de estudio", "caso de exito", "estudo de caso",
     "caso di studio"),
    ("demo", "demonstration", "demonstracao"),
    ("video", "videos"),
    ("deck", "presentation", "praesentation", "prasentation", "presentacion", "apresentacao",
     "presentazione"),
    ("one pager", "fiche"),
    ("whitepaper", "white paper"),
    ("checklist",),
    ("template",),
    ("report",),
    ("portfolio",),
    ("cv", "resume", "lebenslauf", "curriculum"),
    ("plan",),
    ("pdf",),
    ("brochure",),
    ("leitfaden", "guia", "guida"),
    ("unterlagen",),
)  # fmt: skip
# The writer's own role in the first person, and the role words a draft may not take on.
_FIRST_PERSON = re.compile(r" (?:i m|i am|i founded|je suis|j ai fonde|ich bin|soy|sou|sono) ")
_ROLES = (
    "founder",
    "co founder",
    "cofounder",
    "ceo",
    "cto",
    "coo",
    "owner",
    "director",
    "head of",
    "vp",
    "recruiter",
    "partner",
    "fondateur",
    "fondatrice",
    "directeur",
    "directrice",
    "recruteur",
    "gruender",
    "grunder",
    "geschaeftsfuehrer",
    "geschaftsfuhrer",
    "leiter",
    "leiterin",
    "fundador",
    "fundadora",
    "director",
    "directora",
    "reclutador",
    "reclutadora",
    "diretor",
    "diretora",
    "recrutador",
    "fondatore",
    "fondatrice",
    "direttore",
    "direttrice",
    "socio",
    "socia",
    "associe",
    "associee",
)
_CONGRATULATE = re.compile(
    r" (?:congrat\w*|felicit\w*|gluckwunsch\w*|glueckwunsch\w*|gratulier\w*|enhorabuena|parabens"
    r"|complimenti|congratulazioni) "
)
_DIGIT = re.compile(r"\d")


def _has(folded: str, phrase: str) -> bool:
    return f" {phrase} " in folded


def _sender_words(sender: Sender, settings: Settings) -> str:
    own = [
        sender.name,
        sender.title,
        sender.company,
        sender.footer,
        settings.footer_text,
        *sender.titles.values(),
    ]
    return fold(" ".join(t for t in own if t))


def check_assets(body: str, sender: Sender, settings: Settings) -> CheckResult:
    declared = fold(" ".join([*sender.assets, settings.cta_text or ""]))
    for sentence in split_sentences(body):
        folded = fold(sentence)
        if not _OFFERS.search(folded):
            continue
        for kind in _ASSETS:
            offered = next((name for name in kind if _has(folded, name)), None)
            if offered and not any(_has(declared, name) for name in kind):
                return CheckResult(
                    name="assets",
                    ok=False,
                    message=f"offers to send a {offered} the sender did not declare: add it to your assets "
                    "in You, or take the offer out",
                )
    return CheckResult(name="assets", ok=True, message="offers only what the sender declared")


def check_sender_role(body: str, sender: Sender, settings: Settings, lead: Lead) -> CheckResult:
    own = _sender_words(sender, settings)
    theirs = [fold(t).strip() for t in (lead.title, lead.headline) if t]  # "your work as Directrice ..."
    for sentence in split_sentences(body):
        folded = fold(sentence)
        for words in theirs:
            folded = folded.replace(f" {words} ", " ")
        if not _FIRST_PERSON.search(folded):
            continue
        for role in _ROLES:
            if _has(folded, role) and not _has(own, role):
                return CheckResult(
                    name="sender_role",
                    ok=False,
                    message=f"calls the sender '{role}', which is not their title: keep the title as given",
                )
    return CheckResult(name="sender_role", ok=True, message="the sender's title as given")


def _has_news(lead: Lead, language: str) -> bool:
    table = phrases.load(language) or phrases.load("en")
    if table is None:
        return True
    texts = [lead.recent_post or "", lead.about or "", *(e.description or "" for e in lead.experiences)]
    for text in filter(None, texts):
        if cues(table, "news").any(text) or cues(table, "hiring").any(text):
            return True
        result = cues(table, "result_down").any(text) or cues(table, "result_up").any(text)
        if result and _DIGIT.search(text):
            return True
    return False


def check_news(body: str, lead: Lead, language: str) -> CheckResult:
    congratulates = any(_CONGRATULATE.search(fold(s)) for s in split_sentences(body))
    if congratulates and not _has_news(lead, language) and not _has_news(lead, lead.language or language):
        return CheckResult(
            name="news",
            ok=False,
            message="congratulates on news or a result the lead's profile does not hold: take it out",
        )
    return CheckResult(name="news", ok=True, message="no news claimed beyond the profile")


def check_claims(
    body: str, *, lead: Lead, sender: Sender, settings: Settings, language: str
) -> list[CheckResult]:
    return [
        check_assets(body, sender, settings),
        check_sender_role(body, sender, settings, lead),
        check_news(body, lead, language),
    ]
