"""Lead text is data, never instructions or markup.

`clean` turns an untrusted field into plain words: template syntax, links, e-mail addresses, markdown,
HTML, control characters and sentences that address an AI are removed. `strip_links` does the same
for a model's reply, keeping the links and addresses the sender supplied.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from composer.text import cut, one_line, split_sentences

_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\{#|#\}", re.S)
_MD_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\(([^)]{0,2000})\)")
_MD_LINK = re.compile(r"\[([^\]]{0,500})\]\(([^)]{0,2000})\)")
_HTML = re.compile(
    r"<(script|style)\b[^>]{0,2000}>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>", re.S | re.I
)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,20}://|\bwww\.)[^\s<>\"'()\[\]]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN = re.compile(
    r"\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|co|app|dev|xyz|info|biz|me|ly|gl|link|click|example|site"
    r"|online|shop|top|page|eu|uk|de|fr|es)\b(?:/[^\s]*)?",
    re.I,
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}(#{1,6}|>)\s+", re.M)
_MARKUP_CHARS = re.compile(r"[{}\[\]<>`*\\]")
# Cheap first looks: most profile text has no markup and no instructions, so the heavy patterns are skipped.
_SUSPECT_CHARS = re.compile(r"[{}\[\]<>`*\\#@_]|://")
_SUSPECT_DOMAIN = re.compile(r"\.[A-Za-z]{2}")
_INSTRUCTION_WORDS = (
    "ignor",
    "disregard",
    "forget",
    "overrid",
    "instruction",
    "prompt",
    "you are",
    "you're",
    "act as",
    "link",
    "url",
    "respond",
    "reply",
    "replies",
    "answer",
    "message",
    "response",
    "draft",
    "mail",
    "system",
    "assistant",
    "<|",
    "oubli",
    "consigne",
    "anweisung",
    "vergiss",
    "instruccion",
    "olvida",
)
_TRAILING_PUNCT = ".,;:!?)]}'\""


@functools.cache
def _instruction() -> re.Pattern[str]:
    """Sentences that talk to an AI. Compiled on first need: most text never gets past the keyword check."""
    return re.compile(
        r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules|directions)\b"
        r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
        r"|\bnew\s+instructions?\b|\bprompt\s+injection\b"
        r"|\bif\s+you\s*(?:'re|are)\s+(?:an?\s+)?(?:ai|bot|llm|language\s+model|assistant|chatbot|gpt)\b"
        r"|\byou\s+are\s+now\b|\bact\s+as\s+(?:an?\s+)?(?:ai|assistant|chatgpt)\b"
        r"|\b(?:include|add|insert|append|put)\b[^.!?\n]{0,30}\b(?:link|url)\b[^.!?\n]{0,30}\b(?:message|reply|draft)\b"
        r"|\b(?:respond|reply|answer)\s+only\s+with\b"
        r"|\b(?:in|into|to)\s+(?:any|your|every|each|the)\s+(?:reply|replies|message|messages|response|responses"
        r"|answer|answers|draft|drafts|e-?mail|inmail)\b"
        r"|^\s*(?:system|assistant)\s*:"
        r"|<\|[a-z_]+\|>"
        r"|\bignor(?:e[rz]?|iere?n?)\b[^.!?\n]{0,40}\b(?:instructions|consignes|anweisungen|vorgaben)\b"
        r"|\boubliez?\b[^.!?\n]{0,30}\binstructions\b"
        r"|\bvergiss\b[^.!?\n]{0,30}\banweisungen\b"
        r"|\b(?:ignora|olvida)\b[^.!?\n]{0,30}\binstrucciones\b",
        re.I | re.M,
    )


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: tuple[str, ...] = ()
    instructions: int = 0


def drop_controls(text: str) -> str:
    # Cc and Cf hide text (zero-width, bidi overrides); keep newlines and tabs as spaces.
    return "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cf") else (" " if ch in "\n\t\r" else "") for ch in text
    )


def _remove_links(
    text: str, removed: list[str], allowed: frozenset[str] = frozenset(), *, labels: bool = True
) -> str:
    """Drop links, addresses and images; a markdown link keeps its words when `labels` is set."""

    def keep_label(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2).strip()
        if target.lower() in allowed:
            return f"{label} {target}".strip()
        removed.append(target)
        return label if labels else " "

    def drop_image(match: re.Match[str]) -> str:
        removed.append(f"image {match.group(2).strip()}")
        return ""

    def drop(match: re.Match[str]) -> str:
        raw = match.group(0)
        token = raw.rstrip(_TRAILING_PUNCT)
        if token.lower() in allowed:
            return raw
        removed.append(token)
        return raw[len(token) :]

    text = _MD_IMAGE.sub(drop_image, text)
    text = _MD_LINK.sub(keep_label, text)
    for pattern in (_URL, _EMAIL, _DOMAIN):
        text = pattern.sub(drop, text)
    return text


def _noting(
    removed: list[str], what: Callable[[re.Match[str]], str], replacement: str
) -> Callable[[re.Match[str]], str]:
    """A substitution that notes what it removed."""

    def substitute(match: re.Match[str]) -> str:
        removed.append(what(match))
        return replacement

    return substitute


@functools.lru_cache(maxsize=4096)  # a draft reads the same lead fields several times (view, facts, checks)
def clean(value: str | None, *, limit: int) -> Scrubbed:
    """An untrusted lead field as plain text of at most `limit` characters, cut at a sentence."""
    if not value:
        return Scrubbed("")
    removed: list[str] = []
    text = unicodedata.normalize("NFC", value[: limit * 8 + 2000])
    if not text.isprintable():
        text = drop_controls(text)
    if _suspect(text):
        text = _TEMPLATE_SYNTAX.sub(" ", text)
        text = _HTML.sub(_noting(removed, lambda m: "markup", " "), text)
        text = _remove_links(text, removed, labels=False)  # "[click here](...)" in a profile is bait
        text = _EMPHASIS.sub(r"\2", text)
        text = _HEADING.sub("", text)
        text = _MARKUP_CHARS.sub(" ", text)
    dropped = 0
    if looks_like_instructions(text):
        sentences = split_sentences(text)
        kept = [s for s in sentences if not _instruction().search(s)]
        dropped, text = len(sentences) - len(kept), " ".join(kept)
    return Scrubbed(cut(one_line(text), limit), tuple(removed), dropped)


def clean_text(value: str | None, *, limit: int) -> str:
    return clean(value, limit=limit).text


def _suspect(text: str) -> bool:
    return bool(_SUSPECT_CHARS.search(text) or _SUSPECT_DOMAIN.search(text))


def looks_like_instructions(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in _INSTRUCTION_WORDS) and bool(_instruction().search(text))


@functools.lru_cache(maxsize=256)
def supplied_links(*texts: str | None) -> frozenset[str]:
    """Links and addresses the sender wrote themselves: these may appear in a draft."""
    found: set[str] = set()
    for text in texts:
        for pattern in (_URL, _EMAIL, _DOMAIN):
            found.update(m.group(0).rstrip(_TRAILING_PUNCT).lower() for m in pattern.finditer(text or ""))
        found.update(m.group(2).strip().lower() for m in _MD_LINK.finditer(text or ""))
    return frozenset(found)


def strip_links(text: str, *, allowed: frozenset[str]) -> tuple[str, list[str]]:
    """A model's reply without links, addresses, images or HTML the sender did not supply.

    Markdown emphasis and headings are flattened too: drafts are pasted as plain text.
    """
    removed: list[str] = []
    if not _suspect(text):
        return text, removed
    text = _HTML.sub(_noting(removed, lambda m: m.group(0)[:60], ""), text)
    text = _remove_links(text, removed, allowed)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HEADING.sub("", text)
    return text, removed
