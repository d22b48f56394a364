"""Reading a message out of text: "Subject: ...", a blank line, the body.

Both engines produce this format (the offline templates on purpose, a model because it was asked to),
so one forgiving parser serves both: it accepts markdown bold labels, localised labels, code fences,
a chatty first line, a JSON object, or no subject line at all.
"""

from __future__ import annotations

import json
import re

from composer.text import tidy

_LABEL = r"(?:subject(?:\s+line)?|objet|sujet|betreff|asunto|assunto|oggetto)"
# Each pattern is linear: one character class per stretch, no two repeats that can take the same text.
_SUBJECT = re.compile(rf"[*_#>\s]*{_LABEL}[*_\s]*[:：]", re.I)
_BODY_LABEL = re.compile(r"^[*_\s]*(?:body|message|corps|nachricht|cuerpo|mensaje)[*_\s]*:[*_\s]*", re.I)
_FENCE = re.compile(r"^[ \t]*```[\w-]*[ \t]*$", re.M)
MAX_REPLY_CHARS = 20_000  # ten times the longest body: what a reply holds beyond is never read
_CHATTER_START = re.compile(
    r"^(?:sure|certainly|of course|okay|ok|absolutely|here(?:'s| is| are)|voici|hier ist|aquí tienes"
    r"|claro)\b",
    re.I,
)
_CHATTER_END = re.compile(
    r"^(?:let me know if you(?:'d| would)? (?:like|want|need)|i can (?:also )?(?:adjust|make|tweak|shorten)"
    r"|feel free to (?:adjust|edit|tweak)|notes?:|-{3,}|\*{3,}|\(?(?:word|character) count)",
    re.I,
)
_QUOTES = "\"'“”«»„"


def _from_json(text: str) -> tuple[str | None, str] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("body") or data.get("message"), str):
        subject = data.get("subject")
        return (subject.strip() if isinstance(subject, str) else None), str(
            data.get("body") or data["message"]
        )
    return None


def parse_reply(text: str) -> tuple[str | None, str]:
    """(subject or None, body) from a reply, read up to MAX_REPLY_CHARS; never raises."""
    text = _FENCE.sub("", text[:MAX_REPLY_CHARS].replace("\r\n", "\n")).strip()
    if text.startswith("{") and (parsed := _from_json(text)) is not None:
        subject, body = parsed
        return subject or None, tidy(body)
    lines = text.split("\n")
    subject = None
    for index, line in enumerate(lines[:6]):
        match = _SUBJECT.match(line)
        if match:
            subject = line[match.end() :].strip().strip("*_").strip()
            # Quotes around the whole subject go; a closing quote in it stays (Your post "X.").
            subject = _unquote(subject) if subject.strip(_QUOTES + " ") else None
            lines = lines[index + 1 :]
            break
    if (
        subject is None
        and lines
        and _CHATTER_START.match(lines[0].strip())
        and lines[0].rstrip().endswith(":")
    ):
        lines = lines[1:]
    body = "\n".join(lines).strip()
    body = _BODY_LABEL.sub("", body, count=1)
    paragraphs = body.split("\n\n")
    while len(paragraphs) > 1 and _CHATTER_END.match(paragraphs[-1].strip()):
        paragraphs.pop()
    return subject, _unquote(tidy("\n\n".join(paragraphs)))


def _unquote(text: str) -> str:
    """A subject or body wrapped whole in quotes loses them; a quote that ends a sentence inside stays."""
    inner = text[1:-1]
    if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES and not any(q in inner for q in _QUOTES):
        return inner.strip()
    return text
