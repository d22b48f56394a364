"""Offline "shorter": drop whole sentences, never the greeting, the hook, the ask or the sign-off (the
hook: the first sentence, and any sentence holding a `keep` text, such as the lead's words it quotes).

The template engine writes complete sentences, so removing the longest optional ones keeps the message
grammatical and its facts true (nothing is reworded). Deterministic, like the engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.errors import AssistantError
from composer import split_sentences

TARGET = 0.75  # each /shorter aims at three quarters of the length
_SIGN_OFF = re.compile(r"^.{1,30}[,!]$")  # "Best,", "Saludos,", "Cheers!"
_ASK = re.compile(r"[?？][\"'”’»“)]*$")  # a question, maybe inside quotes
_SPACES = re.compile(r"[ \t\r\n]+")  # ordinary white space only


def shorter_body(body: str, *, keep: Sequence[str] = ()) -> str:
    """`body` with optional sentences dropped, longest first, until it is at most TARGET of its length.

    Raises AssistantError when nothing optional is left to drop.
    """
    head, middle, tail = _frame(body.strip().split("\n"))
    gap = "\n\n" if middle and not middle[-1].strip() else "\n"  # as the sign-off was set off before
    paragraphs = [_sentences(p) for p in "\n".join(middle).split("\n\n") if p.strip()]
    places = [(i, j) for i, sentences in enumerate(paragraphs) for j in range(len(sentences))]
    optional = [p for p in places[1:] if not _needed(paragraphs[p[0]][p[1]], keep)]  # places[0]: the hook
    goal = len(body) * TARGET
    dropped: set[tuple[int, int]] = set()
    for place in sorted(optional, key=lambda p: (-len(paragraphs[p[0]][p[1]]), p)):
        if len(_join(head, paragraphs, tail, dropped, gap)) <= goal:
            break
        dropped.add(place)
    if not dropped:
        raise AssistantError(
            "The draft is already down to its greeting, hook, ask and sign-off: "
            "edit it by hand, or connect a model to rewrite it shorter."
        )
    return _join(head, paragraphs, tail, dropped, gap)


def _frame(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(greeting lines, the middle, sign-off lines): a short first line, and the lines from "Best," on."""
    head: list[str] = []
    if len(lines) > 2 and len(lines[0]) <= 60 and not lines[1].strip():
        head = lines[:1]
    start = len(head)
    end = next(
        (i for i in range(len(lines) - 1, start, -1) if _SIGN_OFF.match(lines[i].strip())),
        len(lines),
    )
    return head, lines[start:end], lines[end:]


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences with line breaks and runs of spaces made one space; a no-break space
    (French before ? : ; and inside « ») stays as the engine set it."""
    return [_SPACES.sub(" ", sentence).strip(" ") for sentence in split_sentences(paragraph)]


def _needed(sentence: str, keep: Sequence[str]) -> bool:
    folded = _folded(sentence)
    return bool(_ASK.search(sentence)) or any(k.strip() and _folded(k) in folded for k in keep)


def _folded(text: str) -> str:
    """Text to compare: no spaces (a quote may be set with no-break ones, or none before a colon), case
    folded, no closing full stop ("Cut costs 18%." is kept)."""
    return "".join(text.split()).casefold().rstrip(".!")


def _join(head, paragraphs, tail, dropped, gap) -> str:
    middle = []
    for i, sentences in enumerate(paragraphs):
        kept = [s for j, s in enumerate(sentences) if (i, j) not in dropped]
        if kept:
            middle.append(" ".join(kept))
    text = "\n\n".join([*head, "\n\n".join(middle)])
    return text + gap + "\n".join(tail) if tail else text
