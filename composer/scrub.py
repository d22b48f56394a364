"""Lead text is data, never instructions or markup.

`clean` turns an untrusted field into plain words: template syntax, links, e-mail addresses, markdown,
HTML, control characters and sentences that address an AI are removed. `strip_links` does the same
for a model's reply, keeping the links and addresses the sender supplied.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from publicsuffixlist import PublicSuffixList

from composer.text import cut, one_line, split_sentences

_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\{#|#\}", re.S)
# A target may hold one level of brackets: "[Acme](https://en.wikipedia.org/wiki/Acme_(company))".
_TARGET = r"\(((?:[^()]|\([^()]{0,200}\)){0,2000})\)"
_MD_IMAGE = re.compile(r"!\[([^\]]{0,500})\]" + _TARGET)
_MD_LINK = re.compile(r"\[([^\]]{0,500})\]" + _TARGET)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,2000}>")
_BLOCK_OPEN = re.compile(r"<(script|style)\b[^>]{0,2000}>", re.I)
_BLOCK_CLOSE = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,20}://|\bwww\.)[^\s<>\"'()\[\]]+", re.I)
# Each pattern starts only where a run starts (the look-behind): a long word is scanned once, not per letter.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,200}@[\w-]+(?:\.[\w-]+)+")
_PATH = r"(?::\d{1,5})?(?:/[^\s<>\"'()\[\]]*)?"
# Host-like tokens ("acme-deals.ru/promo", "lnkd.in/x9"): a link when the public suffix list knows the ending.
_HOST = re.compile(rf"(?<![\w.@-])(?P<host>(?:[^\W_][\w-]{{0,62}}\.)+[^\W\d_][\w-]{{1,62}})(?![\w@-]){_PATH}")
_IP = re.compile(rf"(?<![\w.])(?P<host>\d{{1,3}}(?:\.\d{{1,3}}){{3}})(?![\w]|\.\d){_PATH}")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}(#{1,6}|>)\s+", re.M)
_MARKUP_CHARS = re.compile(r"[{}\[\]<>`*\\]")
# Cheap first looks: most profile text has no markup and no instructions, so the heavy patterns are skipped.
_SUSPECT_CHARS = re.compile(r"[{}\[\]<>`*\\#@_]|://")
_SUSPECT_DOMAIN = re.compile(r"\.[^\W\d_]{2}|\d\.\d+\.\d")
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


_HIDDEN_ASCII = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def drop_hidden(text: str) -> str:
    """`text` without control, format and bidi characters (escape codes, zero-width, overrides); lines
    and tabs stay."""
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _HIDDEN_ASCII.sub("", text) if _HIDDEN_ASCII.search(text) else text


def _remove_links(text: str, removed: list[str], allowed: frozenset[str] = frozenset()) -> str:
    """Drop links, addresses and images; a markdown link keeps its words."""

    def keep_label(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2).strip()
        if _link_key(target) in allowed:
            return f"{label} {target}".strip()
        removed.append(target)
        return label

    def drop_image(match: re.Match[str]) -> str:
        removed.append(f"image {match.group(2).strip()}")
        return ""

    def drop(match: re.Match[str]) -> str:
        raw = match.group(0)
        token = raw.rstrip(_TRAILING_PUNCT)
        if not _is_link(match) or _link_key(token) in allowed:
            return raw
        removed.append(token)
        return raw[len(token) :]

    text = _MD_IMAGE.sub(drop_image, text)
    text = _MD_LINK.sub(keep_label, text)
    for pattern in _LINKS:
        text = pattern.sub(drop, text)
    return text


_LINKS = (_URL, _EMAIL, _IP, _HOST)
# Names reserved for tests, examples and local networks (RFC 2606, 6761): not in the list, still hosts.
_SPECIAL_USE = frozenset({"example", "test", "invalid", "localhost", "local", "internal", "lan", "onion"})


@functools.cache
def _suffixes() -> PublicSuffixList:
    """The public suffix list the package ships (ICANN section): loaded once, never fetched."""
    return PublicSuffixList(only_icann=True)


def _is_link(match: re.Match[str]) -> bool:
    """Whether a matched token is a link: a scheme, an address, an IP, or a host on a known public suffix."""
    if match.re is _IP:
        try:
            ipaddress.ip_address(match.group("host"))
        except ValueError:
            return False
        return True
    if match.re is not _HOST:
        return True
    host = match.group("host").lower()
    if host.rsplit(".", 1)[-1] in _SPECIAL_USE:
        return True
    return _suffixes().privatesuffix(host, accept_unknown=False) is not None


def _link_key(token: str) -> str:
    """A link as compared with the sender's: no scheme, no "www.", no final slash, lower case."""
    key = token.lower().split("://", 1)[-1]
    return key.removeprefix("www.").rstrip("/")


def _strip_html(text: str, note: Callable[[str], None], replacement: str) -> str:
    """`text` without comments, script and style blocks and tags, in one pass each: an opener that is
    never closed ends the search (a lazy `<!--.*?-->` would rescan the rest once per opener)."""
    parts: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) != -1 and (end := text.find("-->", start + 4)) != -1:
        parts += [text[at:start], replacement]
        note(text[start : end + 3])
        at = end + 3
    text = "".join([*parts, text[at:]])
    parts, at, open_kinds = [], 0, {"script", "style"}
    while open_kinds and (opener := _BLOCK_OPEN.search(text, at)):
        kind = opener.group(1).lower()
        closer = _BLOCK_CLOSE[kind].search(text, opener.end()) if kind in open_kinds else None
        if closer is None:
            open_kinds.discard(kind)  # no closer further on: the later openers of this kind stay tags
            parts.append(text[at : opener.end()])
            at = opener.end()
            continue
        parts += [text[at : opener.start()], replacement]
        note(text[opener.start() : closer.end()])
        at = closer.end()
    text = "".join([*parts, text[at:]])

    def tag(match: re.Match[str]) -> str:
        note(match.group(0))
        return replacement

    return _TAG.sub(tag, text)


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
        text = _strip_html(text, lambda found: removed.append("markup"), " ")
        text = _remove_links(
            text, removed
        )  # a link's words are data ("[Acme](...) Logistics"), its target not
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
        for pattern in _LINKS:
            found.update(
                _link_key(m.group(0).rstrip(_TRAILING_PUNCT))
                for m in pattern.finditer(text or "")
                if _is_link(m)
            )
        found.update(_link_key(m.group(2).strip()) for m in _MD_LINK.finditer(text or ""))
    return frozenset(found)


def strip_links(text: str, *, allowed: frozenset[str]) -> tuple[str, list[str]]:
    """A model's reply without links, addresses, images or HTML the sender did not supply, and without
    control or bidi characters.

    Markdown emphasis and headings are flattened too: drafts are pasted as plain text.
    """
    removed: list[str] = []
    text = drop_hidden(text)
    if not _suspect(text):
        return text, removed
    text = _strip_html(text, lambda found: removed.append(found[:60]), "")
    text = _remove_links(text, removed, allowed)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HEADING.sub("", text)
    return text, removed
