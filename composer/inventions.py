"""Claims a model may invent: numbers, phone numbers, money requests and events the inputs never mention.

A model's draft may only state what the lead's profile or the sender's texts say. "40 % revenue growth",
"call me on +1 555 0100", "wire the onboarding fee", "since we bought your company" or "congratulations
on your promotion" are inventions when no input carries them. A number counts as known when its digits
appear as a number in an input, whatever its spacing ("18%" and "18 %"); the length of the call asked
for ("a 15-minute call") is the ask's framing, not a claim. Each pattern is linear: no nested repeats.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ().-]{5,18}\d(?![\w])")
_NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*(?![^\W\d_])")
_CALL_LENGTH = re.compile(
    r"[\s-]?(?:minutes?|mins?|minuten|minutos?|minuti|hours?|hrs?|stunden?|heures?|horas?)\b", re.I
)
_IDIOMS = re.compile(r"\b24/7\b")
_MONEY_REQUEST = re.compile(
    r"\b(?:wire|transfer|send|pay|deposit|remit)\b[^.!?\n]{0,60}\b(?:fees?|payment|deposit|money|funds"
    r"|usd|eur|gbp|dollars?|euros?|pounds|bitcoin|btc|crypto|gift\s?cards?)\b"
    r"|\b(?:processing|registration|onboarding|admin|administration|application|joining|activation|listing"
    r"|finder'?s|service)\s+fees?\b"
    r"|\bbank\s+(?:details|account|transfer)\b|\b(?:pay|wire)\s+(?:us|me)\b|\bgift\s?cards?\b"
    r"|\bvirement\b|\bfrais\s+de\s+dossier\b|\büberweis\w*|\bgebühr\w*|\btransferencia\b|\bcuota\b",
    re.I,
)
# Events a draft must not claim unless an input tells of them: taking over a company, a promotion, funding.
_EVENTS = {
    "an acquisition": re.compile(
        r"\b(?:acquired|acquisitions?|acquire[sd]?|bought|purchased|takeover|merged|mergers?|rachet[ée]e?s?"
        r"|rachat|übernommen|übernahme|gekauft|adquiri(?:do|mos)|adquisici[oó]n|compramos)\b",
        re.I,
    ),
    "a promotion": re.compile(
        r"\b(?:promot(?:ion|ions|ed)|promue?|befördert|beförderung|ascens[oi]|ascendid[oa])\b", re.I
    ),
    "a funding round": re.compile(
        r"\b(?:funding\s+round|raised\s+(?:a|\$|€|£|\d)|series\s+[a-e]\b|seed\s+round|levée\s+de\s+fonds"
        r"|finanzierungsrunde|ronda\s+de\s+financiaci[oó]n)",
        re.I,
    ),
}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _numbers(text: str) -> list[str]:
    """The numbers written in `text` as digit strings ("1,000" and "1.000" are both "1000")."""
    return [_digits(m.group()) for m in _NUMBER.finditer(text)]


def invented(draft: str, inputs: Iterable[str], sender: Iterable[str]) -> list[str]:
    """What `draft` states that no input carries, each once; `sender` are the sender's own texts (a money
    request is theirs to make)."""
    known_text = "\n".join(inputs)
    known_numbers = set(_numbers(known_text))
    known_phones = [_digits(m.group()) for m in _PHONE.finditer(known_text)]
    found: list[str] = []

    def note(what: str) -> None:
        if what not in found:
            found.append(what)

    text = _IDIOMS.sub(" ", draft)
    for match in _PHONE.finditer(text):
        key = _digits(match.group())
        national = key.lstrip("0")  # "020 7946 0958" is "+44 20 7946 0958" written at home
        if (
            len(key) >= 7
            and key not in known_numbers
            and not any(national in phone for phone in known_phones)
        ):
            note(f"the phone number {match.group().strip()}")
    text = _PHONE.sub(lambda m: " " if len(_digits(m.group())) >= 7 else m.group(), text)
    for match in _NUMBER.finditer(text):
        if _digits(match.group()) in known_numbers or _CALL_LENGTH.match(text, match.end()):
            continue
        note(f"the number {match.group()}")
    own = "\n".join(sender)
    if _MONEY_REQUEST.search(draft) and not _MONEY_REQUEST.search(own):
        note("a request for money")
    for event, pattern in _EVENTS.items():
        if pattern.search(draft) and not pattern.search(known_text):
            note(event)
    return found
