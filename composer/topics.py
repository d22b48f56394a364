"""What a lead's fact is about, as a noun phrase a person would write, and a short quote of it.

No part-of-speech tagger covers the six languages offline in a small package, so the noun phrases come
from each language's grammar words (composer.wordlists): a phrase is a run of content words after a
determiner or a preposition (in French, Spanish, Italian and Portuguese a verb rarely follows one),
joined by "of"/"de"/"di"; in German, adjectives and one capitalised noun. Days, times and amounts never
make a topic. A phrase is *good* when it has at least two content words and at most `MAX_WORDS` words,
or is a German plural compound ("Auftragsmengen"); a single noun ("Schichtleiter", "entrepôt") reads as
nonsense slotted into a sentence, so it is *weak* and the phrase files refer to the fact in their own
words instead. A fact in another language than the draft is *foreign*: its topic is never slotted, only
quoted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum

from composer import languages
from composer.text import fold, split_sentences, strip_end
from composer.wordlists import (
    ARTICLE_ORDER,
    CLAUSE_OPENERS,
    CLAUSE_OPENERS_BY_LANGUAGE,
    COMPOUNDS,
    COORDINATORS,
    DETERMINERS,
    FUSED,
    HIRING_VERBS,
    NOUN_JOINERS,
    PREPOSITIONS,
    SUBJECTS,
    TIME_WORDS,
    VERBS,
)

MAX_WORDS = 6  # words in a topic, joiners included ("analista de previsão de procura" is five)
QUOTE_MAX = 6  # words in a quote
_LINK = re.compile(r"\S*(?:https?://|www\.|@)\S*|\S+\.(?:com|io|org|net|de|fr|es|it|pt)\b\S*", re.I)
_TOKEN = re.compile(r"[^\W_]*[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|\d+|[^\w\s]")  # "A380" is a word
_ELIDED = re.compile(r"^((?:[ldjnsc]|qu|dell|dall|nell|sull|all|un)['’])(\w.*)$", re.I)
_VOWEL = tuple("aeiouhàâéèêíóúAEIOUHÉ")
_ROMANCE = frozenset({"fr", "es", "it", "pt"})
_SENTENCE_STOPS = frozenset(".!?|")
# A German plural compound stands alone after "über" or "zu" ("Auftragsmengen", "Schichten"); a
# singular ("Planungsaufwand") or a person ("Schichtleiter") needs an article and a case it cannot know.
_DECLINED = re.compile(r"(?:e|en|er|es|em)$")  # a German adjective before its noun: "städtische"
_GERMAN_PLURAL = re.compile(r"^[A-ZÄÖÜ]\w{3,}(?:en|ern)$")
# A Romance infinitive right after a preposition is a verb, not a noun: "per raccogliere documenti",
# "pour rassembler", "para reunir".
_INFINITIVE = {
    "fr": re.compile(r"\w{3,}(?:er|ir|re)$"),
    "es": re.compile(r"\w{2,}(?:ar|er|ir)$"),
    "pt": re.compile(r"\w{2,}(?:ar|er|ir)$"),
    "it": re.compile(r"\w{3,}(?:are|ere|ire)$"),
}
# Articles that are prepositions too, before an infinitive: Portuguese "a juntar documentos".
_PREPOSITION_TOO = {"pt": frozenset({"a"}), "it": frozenset({"a"})}
# An English participle that ends a phrase is its verb ("organic traffic doubled", "documents
# scattered"); a gerund after a time or an amount is one too ("two weeks gathering documents").
_PARTICIPLE = re.compile(r"\w{3,}[^e]ed$")
_GERUND = {
    "en": re.compile(r"\w{3,}ing$"),
    "es": re.compile(r"\w{2,}(?:ando|iendo|yendo)$"),
    "pt": re.compile(r"\w{2,}(?:ando|endo|indo)$"),
    "it": re.compile(r"\w{2,}(?:ando|endo)$"),
}
# Ordinals sit between a determiner and its noun ("notre troisième entrepôt", "our third warehouse").
_ORDINAL = re.compile(
    r"(?:second|third|fourth|fifth|ieme|primer|segund|tercer|cuart|quint|terz|quart|esim)[oa]?s?$"
)


class TopicQuality(StrEnum):
    GOOD = "good"  # a noun phrase of two or more words in the draft's language
    WEAK = "weak"  # one word, or only filler: refer to the fact without it
    FOREIGN = "foreign"  # in another language than the draft: quote it at most
    NONE = "none"  # nothing to say it is about


@dataclass(frozen=True)
class Topic:
    """What a fact is about: `bare` ("order volumes"), `det` with its determiner ("your order volumes"),
    `quote` (at most QUOTE_MAX of the lead's own words), the verdict, and how many words it shares with
    what the sender wants."""

    bare: str = ""
    det: str = ""
    quote: str = ""
    quality: TopicQuality = TopicQuality.NONE
    hits: int = 0

    @property
    def good(self) -> bool:
        return self.quality is TopicQuality.GOOD


class _Kind(StrEnum):
    """What a token is to a noun phrase."""

    PUNCT = "punct"
    NUMBER = "number"
    DET = "det"
    JOINER = "joiner"
    PREP = "prep"
    TIME = "time"
    STOP = "stop"
    WORD = "word"


@dataclass
class _Phrase:
    words: list[str]  # the lead's tokens, joiners included
    article: str  # the determiner(s) before it, folded ("la nostra"), "" without one
    start: int  # where it starts among the text's tokens
    anchored: bool  # after a determiner or preposition, or in a title-like text
    sentence_start: bool
    overflow: bool = False  # the run went on past MAX_WORDS: a list or a title-cased sentence

    def content(self, language: str) -> list[str]:
        return [w for w in self.words if fold(w).strip() not in NOUN_JOINERS.get(language, ())]


def _tokens(text: str, language: str) -> list[str]:
    """Words and punctuation; French and Italian elisions split off ("d'emballage" -> "d'", "emballage")."""
    found: list[str] = []
    for token in _TOKEN.findall(_LINK.sub(" | ", text.replace("\n", " | "))):
        match = _ELIDED.match(token) if language in ("fr", "it") else None
        found.extend(match.groups() if match else (token,))
    return found


def _kind(token: str, language: str, stop: frozenset[str]) -> _Kind:
    word = fold(token).strip()
    if not word or not token[0].isalnum():
        return _Kind.PUNCT
    if token[0].isdigit():
        return _Kind.NUMBER
    if word in DETERMINERS.get(language, {}) and word not in NOUN_JOINERS.get(language, ()):
        return _Kind.DET
    if word in NOUN_JOINERS.get(language, ()):
        return _Kind.JOINER
    if word in PREPOSITIONS.get(language, ()):
        return _Kind.PREP
    parts = word.split()
    if len(parts) > 1:  # "on-time" is a word, "we're" is "we"
        if all(p in TIME_WORDS for p in parts):
            return _Kind.TIME
        if (parts[0] in stop and all(len(p) <= 2 for p in parts[1:])) or (
            parts[0] in VERBS and all(len(p) <= 3 for p in parts[1:])  # "custa-nos", "leva-nos"
        ):
            return _Kind.STOP
        return _Kind.WORD
    if word in TIME_WORDS:
        return _Kind.TIME
    if _ORDINAL.search(word) and len(word) > 4:
        return _Kind.WORD
    if word in stop or word in VERBS or len(word) < 3:
        return _Kind.STOP
    return _Kind.WORD


def _verbs_in_context(tokens: list[str], kinds: list[_Kind], language: str) -> None:
    """Mark as verbs the words that only their neighbours show are verbs (in place)."""
    infinitive = _INFINITIVE.get(language)
    compounds = COMPOUNDS.get(language, frozenset())
    for i in range(1, len(tokens)):
        word, before = fold(tokens[i]).strip(), fold(tokens[i - 1]).strip()
        if (before, word) in compounds:
            kinds[i - 1] = kinds[i] = _Kind.WORD
            continue
        if before in _PREPOSITION_TOO.get(language, ()) and infinitive and infinitive.fullmatch(word):
            kinds[i - 1] = _Kind.PREP  # "a juntar", "a contratar": the "a" is no article
        if kinds[i] != "word":
            continue
        after_preposition = kinds[i - 1] in ("prep", "joiner") or before in _PREPOSITION_TOO.get(language, ())
        infinitive_verb = bool(infinitive and after_preposition and infinitive.fullmatch(word))
        gerund_form = _GERUND.get(language)
        after_amount = (
            kinds[i - 1] in ("time", "number")
            or (  # "three weeks of copying numbers"
                kinds[i - 1] == "joiner" and kinds[i - 2 : i - 1] in (["time"], ["number"])
            )
        )
        gerund = bool(gerund_form and after_amount and gerund_form.fullmatch(word))
        if infinitive_verb or gerund:
            kinds[i] = _Kind.STOP


def noun_phrases(text: str, language: str, stop: frozenset[str]) -> list[_Phrase]:
    """The candidate noun phrases of `text`, in order."""
    tokens = _tokens(text, language)
    kinds = [_kind(t, language, stop) for t in tokens]
    _verbs_in_context(tokens, kinds, language)
    found: list[_Phrase] = []
    current: _Phrase | None = None
    article, after_anchor, sentence_start = "", True, True
    title_like = len(tokens) <= MAX_WORDS + 2  # a title, skill or headline part: no verb to fear

    def close() -> None:
        nonlocal current
        if current:
            while current.words and (
                kinds[current.start + len(current.words) - 1] == "joiner"
                or (language == "en" and _PARTICIPLE.fullmatch(fold(current.words[-1]).strip()))
            ):
                current.words.pop()
            if current.words:
                found.append(current)
        current = None

    for i, (token, kind) in enumerate(zip(tokens, kinds, strict=True)):
        nxt = kinds[i + 1] if i + 1 < len(kinds) else "punct"
        if kind == "word" and language == "de" and current and current.words[-1][:1].isupper():
            close()  # a German noun ends its phrase: "die Dienstpläne neu" is "Dienstpläne"
        if kind == "word":
            if (
                language == "de"
                and not token[:1].isupper()
                and not (nxt == "word" and _DECLINED.search(token))
            ):
                close()  # a lower-case German word that no noun follows is not part of a phrase
                after_anchor = False
                continue
            if current is None:
                current = _Phrase([], article, i, after_anchor or title_like, sentence_start)
            if len(current.words) < MAX_WORDS:
                current.words.append(token)
            else:
                current.overflow = True
            sentence_start = False
            continue
        if kind == "joiner" and current and nxt == "word":
            current.words.append(token)  # "déchets d'emballage", "head of planning"
            continue
        close()
        if kind == "punct":
            after_anchor, article = language not in _ROMANCE, ""
            sentence_start = token in _SENTENCE_STOPS
        elif kind == "det" or (kind == "joiner" and fold(token).strip() in DETERMINERS.get(language, {})):
            article = (
                f"{article} {fold(token).strip()}".strip()
                if kinds[i - 1 : i] == ["det"]
                else fold(token).strip()
            )
            after_anchor = True
        elif kind in ("prep", "joiner"):
            article, after_anchor = "", True
        elif kind == "stop" and kinds[i - 1 : i] == ["det"]:
            pass  # an adjective between determiner and noun: "a senior planner", "un nuevo sistema"
        else:
            # a Romance noun right after a hiring verb is its object: "buscamos ingenieras de datos"
            hires = fold(token).strip() in HIRING_VERBS.get(language, ())
            article, after_anchor = "", kind == "stop" and (language not in _ROMANCE or hires)
        if kind != "punct":
            sentence_start = False
    close()
    return found


def _surface(phrase: _Phrase, language: str, headline: bool) -> str:
    """The phrase as it reads mid-sentence: a capital kept for German nouns, acronyms and names."""
    words = []
    for n, word in enumerate(phrase.words):
        titled = word[:1].isupper() and word[1:] == word[1:].lower()
        first = n == 0 and phrase.sentence_start
        if language != "de" and titled and (first or headline):
            word = word.lower()
        words.append(word)
    text = " ".join(words)
    return re.sub(r"(['’]) ", r"\1", text)  # "d' emballage" -> "d'emballage"


_FIRST_PERSON = frozenset(
    fold(
        "our my notre nos mon ma mes unser unsere unseren unserem unserer mein meine meinen nuestro nuestra"
        " nuestros nuestras mi mis nosso nossa nossos nossas meu minha nostro nostra nostri nostre mio mia"
    ).split()
)
_YOURS = frozenset(fold("your votre vos tu tus tuo tua tuoi tue seu sua seus suas").split())


def _with_article(bare: str, article: str, language: str, *, own: bool = False) -> str:
    """`bare` with the determiner the draft needs ("our rota" -> "your rota"); "" when none fits. With
    `own` the text is the sender's, so "our" stays "our" ("la nostra distribuzione")."""
    if language == "de":
        return bare
    table = DETERMINERS.get(language, {})
    words = article.split()
    chosen = next((table[w] for w in reversed(words) if table.get(w)), "")
    if own and chosen.split()[-1:] and chosen.split()[-1] in _YOURS:
        mine = words[-1]
        lead_in = words[-2] if len(words) > 1 else (chosen.split()[0] if len(chosen.split()) > 1 else "")
        return f"{lead_in} {mine} {bare}".strip()
    if language == "en":
        if chosen == "a":
            chosen = "an" if bare[:1].lower() in "aeiou" else "a"
        return f"{chosen} {bare}".strip()
    if not chosen:
        return "" if language == "fr" else bare
    vowel = bare.startswith(_VOWEL)
    if language == "fr" and chosen in ("le", "la") and vowel:
        return f"l'{bare}"
    if language == "it" and chosen in ("lo", "la", "l", "il") and vowel:
        return f"l'{bare}"
    if language == "it" and chosen == "l":
        chosen = "il"
    return f"{chosen} {bare}"


def _hits(words: list[str], language: str, wanted: Set[str]) -> int:
    return sum(1 for w in words for part in fold(w).split() if languages.stem(part, language) in wanted)


def _verdict(phrase: _Phrase, language: str) -> TopicQuality:
    content = phrase.content(language)
    if not phrase.anchored and language in _ROMANCE:
        return TopicQuality.WEAK  # "Coordino", "carton compris": no determiner, maybe a verb
    if phrase.overflow:
        return TopicQuality.WEAK
    if len(content) < 2 and not (language == "de" and _GERMAN_PLURAL.search(content[0])):
        return TopicQuality.WEAK
    return TopicQuality.GOOD


def _named(phrase: _Phrase, language: str) -> bool:
    """One capitalised word inside a sentence, not a German noun: a name such as 'Airflow' or 'HubSpot'."""
    words = phrase.content(language)
    return (
        len(words) == 1
        and not phrase.sentence_start
        and not phrase.overflow
        and words[0][:1].isupper()
        and (language != "de" or words[0][1:].lower() != words[0][1:])
    )


def _has_subject(words: list[str], n: int, language: str) -> bool:
    """Whether the clause after the conjunction words[n] can stand alone: after "and" or "und" it
    needs its own subject ("and we are now 300", not "und sind jetzt 120 Leute"); Spanish, Italian
    and Portuguese drop the subject anyway."""
    if fold(words[n]).strip() not in COORDINATORS.get(language, ()):
        return True
    return fold(words[n + 1]).strip() in SUBJECTS.get(language, ())


def _possessed(words: list[str]) -> bool:
    """Whether the words open with the lead's "our" ("our demo requests", "o nosso tráfego"): a noun
    phrase quoted alone that way needs the sentence it came from."""
    return any(fold(word).strip() in _FIRST_PERSON for word in words[:2])


def quote_of(text: str, language: str, wanted: Set[str], *, phrase: str = "", foreign: bool = False) -> str:
    """At most QUOTE_MAX of the lead's words to quote: the clause that shares most with `wanted`, its
    opening conjunction left out ("order volumes swing so much"), preferring one holding `phrase`;
    else `phrase` itself when it has two words or more; else ""."""
    clauses = []
    openers = CLAUSE_OPENERS_BY_LANGUAGE.get(language, CLAUSE_OPENERS)
    parts = [
        p
        for s in split_sentences(_LINK.sub(" | ", text))
        for p in re.split(r"[;:,()|]+|\s[-–—]\s", strip_end(s))
    ]
    for part in parts:
        words = part.split()
        while words and fold(words[0]).strip() in openers:
            words = words[1:]
        for n, word in enumerate(words):  # "... from scratch because order volumes swing"
            if (
                n
                and fold(word).strip() in openers
                and len(words) - n - 1 >= 2
                and _has_subject(words, n, language)
            ):
                clauses.append(words[n + 1 :])
                words = words[:n]
                break
        clauses.append(words)
    whole = len(text.split()) <= QUOTE_MAX
    usable = [
        c
        for c in clauses
        if (3 if not whole else 2) <= len(c) <= QUOTE_MAX
        and any(_kind(w, language, frozenset()) == "word" for w in c)
        and not (len(c) <= 4 and _possessed(c))  # "our demo requests": a fragment
        and fold(c[0]).strip() not in PREPOSITIONS.get(language, ())  # "um Lieferscheine zu suchen"
    ]
    needle = fold(phrase)
    # the phrase alone is quoted only as a term: "our demo requests" needs the sentence it came from
    # in another language the quote is the only way to name it: "notre troisième entrepôt" will do
    named = foreign or not _possessed(phrase.split())
    content = [w for w in phrase.split() if fold(w).strip() not in DETERMINERS.get(language, {})]
    term = phrase if len(content) >= 2 and named else ""  # "le vendite" says nothing in quotes
    if not usable:
        return term

    def rank(c: list[str]) -> tuple[int, bool]:
        return _hits(c, language, wanted), bool(phrase) and needle in fold(" ".join(c))

    best = max(usable, key=lambda c: (*rank(c), -abs(len(c) - 4)))
    if rank(best) == (0, False) and phrase:
        return term  # no clause says anything about it ("Danke an das ganze Team"): the phrase or nothing
    return " ".join(best).strip(" \"'“”«»„.!?…")


def _as_written(text: str, phrase: _Phrase, language: str) -> str:
    """The phrase with the lead's own determiner before it ("les déchets d'emballage")."""
    tokens = _tokens(text, language)
    start = phrase.start
    while start and fold(tokens[start - 1]).strip() in DETERMINERS.get(language, {}):
        start -= 1
    words = tokens[start : phrase.start] + phrase.words
    return re.sub(r"(['’]) ", r"\1", " ".join(words))


def after(preposition: str, phrase: str, language: str) -> str:
    """`phrase` after `preposition`, the article fused as the language wants: ("su", "la tua rete", "it")
    -> "sulla tua rete", ("de", "le stock", "fr") -> "du stock", ("sobre", "los turnos", "es") unchanged."""
    if not phrase:
        return ""
    fused = FUSED.get(language, {}).get(preposition)
    if fused:
        for article, form in zip(ARTICLE_ORDER[language], fused, strict=True):
            if article.endswith("'") and phrase.startswith(article):
                return form + phrase[len(article) :]
            if phrase.startswith(f"{article} "):
                return f"{form} {phrase[len(article) + 1 :]}"
    if language in ("fr", "it") and preposition in ("de", "di") and phrase.startswith(_VOWEL):
        return f"d'{phrase}"
    return f"{preposition} {phrase}"


def grammar_words(language: str) -> frozenset[str]:
    """Words that never say what a text is about: determiners, prepositions, joiners, times, verbs."""
    return _grammar_words(language)


@functools.cache
def _grammar_words(language: str) -> frozenset[str]:
    return frozenset(
        set(DETERMINERS.get(language, {}))
        | PREPOSITIONS.get(language, frozenset())
        | NOUN_JOINERS.get(language, frozenset())
        | CLAUSE_OPENERS
        | TIME_WORDS
        | VERBS
    )


def topic_of(
    text: str,
    *,
    language: str,
    draft_language: str,
    wanted: set[str],
    stop: frozenset[str],
    own: bool = False,
) -> Topic:
    """The topic of `text` (written in `language`) for a draft in `draft_language`: the good phrase
    that shares most stems with `wanted`, else the first good one, else the best weak one. `own` says
    the text is the sender's, so its "our" stays "our"."""
    return _topic_of(text, language, draft_language, frozenset(wanted), stop, own)


@functools.lru_cache(maxsize=4096)  # every draft of one lead asks again, once per variant and channel
def _topic_of(
    text: str, language: str, draft_language: str, wanted: frozenset[str], stop: frozenset[str], own: bool
) -> Topic:
    candidates = noun_phrases(text, language, stop)
    if not candidates:
        return Topic(quote=quote_of(text, language, wanted))
    headline = sum(w[:1].isupper() for w in text.split()) > len(text.split()) / 2
    scored = [(p, _verdict(p, language), _hits(p.content(language), language, wanted)) for p in candidates]
    # a product name the offer names too ("to Airflow") is a topic on its own
    scored = [
        (p, TopicQuality.GOOD if hits and _named(p, language) else verdict, hits)
        for p, verdict, hits in scored
    ]
    phrase, quality, hits = max(
        scored, key=lambda s: (s[1] is TopicQuality.GOOD, s[2], len(s[0].content(language)) >= 2, -s[0].start)
    )
    bare = _surface(phrase, language, headline)
    written = _as_written(text, phrase, language)
    quote = quote_of(text, language, wanted, phrase=written, foreign=language != draft_language)
    if language != draft_language:
        return Topic(quote=quote, quality=TopicQuality.FOREIGN, hits=hits)
    if quality is not TopicQuality.GOOD:
        return Topic(quote=quote, quality=quality, hits=hits)
    return Topic(bare, _with_article(bare, phrase.article, language, own=own), quote, quality, hits)
