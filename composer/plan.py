"""The message plan: what a draft will say, decided before any words are written.

`build_plan(lead, sender, settings)` cleans the lead once (`facts.lead_view`), lists every usable fact,
classifies the recent post, scores each fact for relevance to the sender's offer and problem (shared
content words after stemming, plus persona rules) and picks the hook by relevance, then strength. A
strategy template the user wrote or edited writes from it through the phrase tables; the shipped
strategies read the lead in `composer.offline`, which the LLM prompt carries too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from composer import languages, phrases
from composer.cues import without
from composer.facts import lead_view
from composer.models import FactKind, Lead, Persona, Sender, SenderText, Settings
from composer.post_kinds import PostKind, asks_for_work, classify_post, open_to, reports_result
from composer.relevance import fact_language, overlap, stems, stop_words, without_name
from composer.text import cut_clause, fold, strip_end
from composer.topics import QUOTE_MAX, Topic, TopicQuality, after, topic_of
from composer.wordlists import FUSED

QUOTE_WORDS = QUOTE_MAX  # longer lead text is referred to in the draft's own words, never quoted


class Source(StrEnum):
    """Where a fact comes from; the values are the phrase tables' keys."""

    POST_NEWS = "post_news"
    POST_HIRING = "post_hiring"
    POST_PROBLEM = "post_problem"
    POST_LESSON = "post_lesson"
    OPEN_TO = "open_to"
    MUTUAL = "mutual"
    SHARED_SCHOOL = "shared_school"
    SHARED_EMPLOYER = "shared_employer"
    RESULT = "result"
    HEADLINE = "headline"
    ABOUT = "about"
    EXPERIENCE = "experience"
    PAST_EMPLOYER = "past_employer"
    ROLE = "role"
    SKILL = "skill"
    EDUCATION = "education"
    NONE = "none"


_STRENGTH = {
    Source.POST_NEWS: 6,
    Source.POST_HIRING: 6,
    Source.POST_PROBLEM: 6,
    Source.POST_LESSON: 5,
    Source.OPEN_TO: 5,
    Source.MUTUAL: 5,
    Source.SHARED_SCHOOL: 4,
    Source.SHARED_EMPLOYER: 4,
    Source.RESULT: 4,
    Source.HEADLINE: 3,
    Source.ABOUT: 3,
    Source.EXPERIENCE: 2,
    Source.PAST_EMPLOYER: 2,
    Source.ROLE: 2,
    Source.SKILL: 1,
    Source.EDUCATION: 1,
}
_KIND = {
    Source.MUTUAL: FactKind.MUTUAL_CONNECTIONS,
    Source.SHARED_SCHOOL: FactKind.EDUCATION,
    Source.EDUCATION: FactKind.EDUCATION,
    Source.ABOUT: FactKind.ABOUT,
    Source.SKILL: FactKind.SKILLS,
}


@dataclass(frozen=True)
class PlanFact:
    """One usable lead fact: the lead's words, what it is about, a short phrase a draft may quote, and
    its score. `topic`, `topic_det` and `shared` are in the draft's language and empty unless the topic
    is good (composer.topics); `quote` is the lead's own words, possibly in another language."""

    source: Source
    text: str
    shared: str = ""  # the topic when it shares words with the offer ("late deliveries"), else ""
    topic: str = ""  # what it is about, as a noun phrase without article ("order volumes")
    quote: str = ""  # at most QUOTE_WORDS of the lead's words, to be shown in quotation marks only
    relevance: float = 0.0
    name: str = ""  # the person, school, employer or skill it names
    topic_det: str = ""  # the topic with the determiner the draft needs ("your order volumes")
    quality: TopicQuality = TopicQuality.NONE
    language: str = ""  # the language the fact is written in
    matches: int = 0  # content words it shares with the sender's offer and problem (after stemming)
    open_to_work: bool = False  # an open-to headline that asks for a role ("Open to new opportunities")

    @property
    def foreign(self) -> bool:
        """Written in another language than the draft: never slotted into a sentence, only quoted."""
        return self.quality is TopicQuality.FOREIGN

    def placeholders(self) -> dict[str, str]:
        """The phrase files' placeholders for this fact (PLAN_FIELDS.md)."""
        return {
            "topic": self.topic,
            "topic_cap": self.topic[:1].upper() + self.topic[1:],
            "topic_det": self.topic_det,
            "topic_good": "yes" if self.topic else "",
            "quote": self.quote,
            "foreign": "yes" if self.foreign else "",
        } | self._fused()

    def _fused(self) -> dict[str, str]:
        """`topic_det` after each preposition that fuses with an article: topic_su "sulla tua rete"."""
        return {
            f"topic_{fold(preposition).strip()}": after(preposition, self.topic_det, self.language)
            for preposition in FUSED.get(self.language, {})
        }

    @property
    def strength(self) -> int:
        return _STRENGTH.get(self.source, 0)

    @property
    def kind(self) -> FactKind:
        if self.source.value.startswith("post_"):
            return FactKind.RECENT_POST
        return _KIND.get(self.source, FactKind.EXPERIENCE)


NO_FACT = PlanFact(Source.NONE, "")
# Facts that are a name (a person, school, employer, skill): their topic is only what they share.
_NAMED = frozenset(
    {Source.MUTUAL, Source.SHARED_SCHOOL, Source.SHARED_EMPLOYER, Source.PAST_EMPLOYER, Source.SKILL}
    | {Source.EDUCATION, Source.ROLE}
)


@dataclass(frozen=True)
class MessagePlan:
    """What the draft says: language, the hook and why it matters, a second fact, the sender's texts."""

    language: str  # the language the draft is written in
    requested_language: str
    persona: Persona
    hook: PlanFact
    second: PlanFact  # the follow-up's new reason
    facts: tuple[PlanFact, ...]  # every usable fact, best hook first
    post_kind: PostKind
    why: str  # why the hook matters for this sender, in plain words
    sender_texts: dict[str, str]  # offer, problem, proof, ask in `language` ('' when not given)
    missing: tuple[SenderText, ...] = ()  # sender texts with no version in the requested language
    view: dict = field(default_factory=dict, compare=False, repr=False)  # the cleaned lead
    related: bool = False  # the hook bears on the offer (`why` says how, or that it does not)
    offer_topic: Topic = field(default_factory=Topic)  # the part of the offer the hook touches
    open_to_work: bool = False  # the headline asks for a role, whatever the hook is
    post_result: bool = False  # the recent post reports a result ("our traffic doubled"): congratulate

    @property
    def relation(self) -> str:
        """Whether and why the hook relates to the offer, in one plain sentence."""
        return f"{'Related' if self.related else 'Not related'} to the offer: {self.why}."

    def prompt_plan(self) -> dict[str, str]:
        """The plan in the shape the LLM prompt takes (`plan.hook`, `plan.why`, `plan.guidance`): `why`
        is empty when the hook does not relate to the offer, so the prompt claims no link."""
        if not self.hook.text:
            return {"hook": "", "why": "", "guidance": self.guidance()}
        said = self.hook.quote if self.hook.foreign else self.hook.topic_det or self.hook.quote
        where = self.hook.source.value.replace("_", " ")
        return {
            "hook": f"their {where} ({said})" if said else f"their {where}",
            "why": self.why if self.related else "",
            "guidance": self.guidance(),
        }

    def placeholders(self) -> dict[str, str]:
        """The phrase files' plan-wide placeholders."""
        return {
            "related": "yes" if self.related else "",
            "open_to_work": "yes" if self.open_to_work else "",
            "post_result": "yes" if self.post_result else "",
            "unrelated": "" if self.related else "yes",
            "offer_topic": self.offer_topic.bare,
            "offer_topic_det": self.offer_topic.det,
        }

    def guidance(self) -> str:
        """The plan as a few lines for a model's prompt."""
        lines = [f"Hook ({self.hook.source.value}): {self.hook.text}" if self.hook.text else "Hook: none"]
        lines.append(f"Why it matters: {self.why}")
        lines.append(self.relation)
        if self.hook.foreign:
            lines.append(
                f"The hook is written in {languages.name(self.hook.language)}: refer to it in "
                f"{languages.name(self.language)} words, quoting at most a short phrase in quotation marks."
            )
        if self.second.text:
            lines.append(f"Second fact (for a follow-up): {self.second.text}")
        if self.post_kind is PostKind.NEWS:
            lines.append("The recent post is good news: congratulate, never call it a problem.")
        if self.post_result:
            lines.append("The recent post reports a result they achieved: congratulate them on it.")
        if self.open_to_work:
            lines.append("Their headline says they are open to a new role.")
        lines += [f"Sender {k}: {v}" for k, v in self.sender_texts.items() if v]
        lines.append(f"Quote at most {QUOTE_WORDS} words of the lead's text; otherwise paraphrase.")
        return "\n".join(lines)


def sender_language(sender: Sender) -> str:
    """The language the sender's own texts are written in: as given, else detected, else English."""
    if sender.language:
        return sender.language
    text = " ".join(sender.base_text(kind) for kind in SenderText)
    return languages.detect(text) or languages.DEFAULT_LANGUAGE


def sender_texts(sender: Sender, language: str) -> tuple[dict[str, str], tuple[SenderText, ...]]:
    """The sender's texts in `language` and the ones that have no version in it."""
    own = sender_language(sender)
    texts, missing = {}, []
    for kind in SenderText:
        base = sender.base_text(kind)
        text = sender.versions(kind).get(language) or (base if own == language else "")
        if base and not text:
            missing.append(kind)
        texts[kind.value] = text.strip()
    return texts, tuple(missing)


def draft_language(sender: Sender, requested: str) -> tuple[str, tuple[SenderText, ...]]:
    """The language to write in: the one asked for, unless a sender text has no version in it (then the
    sender's own language) or the composer has no phrases for it (then English)."""
    if phrases.load(requested) is None:  # no phrases for it: the sender's language, else English
        own = sender_language(sender)
        return (own if phrases.load(own) else languages.DEFAULT_LANGUAGE), ()
    _, missing = sender_texts(sender, requested)
    language = requested
    if missing:  # a complete English version reads better abroad than the sender's own language
        language = sender_language(sender)
        if language != languages.DEFAULT_LANGUAGE and not sender_texts(sender, languages.DEFAULT_LANGUAGE)[1]:
            language = languages.DEFAULT_LANGUAGE
    if phrases.load(language) is None:
        language = languages.DEFAULT_LANGUAGE
    return language, missing


def _candidates(view: dict, lead: Lead, sender: Sender, post_kind: PostKind, table: phrases.Phrases):
    if view["post_full"]:
        yield Source(f"post_{post_kind.value}"), view["post_full"], ""
    if view["open_to"]:
        yield Source.OPEN_TO, view["open_to"], ""
    for person in view["mutual_connections"][:1]:
        yield Source.MUTUAL, person, person
    mine = {fold(s) for s in sender.schools}
    for school in view["schools"]:
        yield (Source.SHARED_SCHOOL if fold(school) in mine else Source.EDUCATION), school, school
    employers = {fold(c) for c in sender.companies}
    for company in view["past_companies"]:
        yield (
            (Source.SHARED_EMPLOYER if fold(company) in employers else Source.PAST_EMPLOYER),
            company,
            company,
        )
    if view["result"]:
        yield Source.RESULT, view["result"], ""
    if view["headline_extra"]:
        yield Source.HEADLINE, view["headline_extra"], ""
    if view["about"]:
        yield Source.ABOUT, view["about"], ""
    for description in view["descriptions"]:
        if not (view["result"] and fold(view["result"]) in fold(description)):
            yield Source.EXPERIENCE, description, ""
    if view["title"] or view["company"]:
        yield Source.ROLE, view["title"] or view["company"], view["company"]
    for skill in view["skills"]:
        yield Source.SKILL, skill, skill


def _persona_bonus(
    persona: Persona, source: Source, relevance: float, *, open_to_work: bool = False, counted: bool = False
) -> float:
    """What each persona looks for besides shared words (a recruiter reads skills, a job seeker
    reads hiring posts, a seller reads stated problems and news)."""
    if source is Source.POST_NEWS:
        return 1.5  # fresh news is the best reason to write, whoever writes: congratulate first
    match persona:
        case Persona.JOB_SEEKER:
            return 3.0 if source is Source.POST_HIRING else 0.0
        case Persona.RECRUITER:
            if open_to_work:
                return 5.0  # "open to new opportunities": the one signal a recruiter waits for
            if counted and relevance and source in (Source.EXPERIENCE, Source.RESULT):
                return 5.5  # done at scale what the role needs ("migrated 300 pipelines to Airflow")
            return (
                0.5 if source is Source.SKILL and relevance else -1.0 if source is Source.POST_HIRING else 0.0
            )
        case Persona.CONTENT_CREATOR:
            return 1.0 if source is Source.POST_LESSON else 0.0
        case Persona.SALESPERSON | Persona.FOUNDER | Persona.MARKETER:
            bonus = {Source.POST_PROBLEM: 1.0, Source.OPEN_TO: 0.5}
            return bonus.get(source, 0.0)
    return 0.0


def build_plan(lead: Lead, sender: Sender, settings: Settings, *, variant: int = 0) -> MessagePlan:
    """The plan for one draft. `variant` N hooks on the N-th best fact, so variants say different things."""
    requested = languages.requested(settings.language, lead)
    language, missing = draft_language(sender, requested)
    table = phrases.load(language)
    assert table is not None  # draft_language falls back to a language with phrases
    texts, _ = sender_texts(sender, language)
    lead_language = lead.language or language
    lead_table = phrases.load(lead_language) or table
    view = dict(lead_view(lead, settings.facts, language=language))
    view["open_to"] = open_to(view["headline"], lead_table)
    stop = table.words("stop")
    # the sender's company name says nothing about the offer ("Tally Forecast predicts ...")
    offer = without_name(" ".join((texts["offer"], texts["problem"])), sender.company or "")
    offer_stems = stems(offer, language, stop)
    lead_stop_words = lead_table.words("stop")
    if lead_language != language:
        offer_stems |= stems(offer, lead_language, lead_stop_words)
    post_kind = classify_post(view["post_full"], lead_table)
    # a headline that repeats the job title says no more about the offer than the title does
    title = view["title"]
    title_stems = stems(title, language, stop) | stems(title, lead_language, lead_stop_words)
    wanted: dict[str, set[str]] = {language: offer_stems}

    def wanted_in(code: str) -> set[str]:  # the offer's stems as the fact's language stems them
        if code not in wanted:
            wanted[code] = offer_stems | stems(offer, code, stop_words(code, table))
        return wanted[code]

    scored: list[PlanFact] = []
    for source, text, name in _candidates(view, lead, sender, post_kind, table):
        shared = overlap(stems(text, language, stop), offer_stems, language)
        if lead_language != language:
            shared |= overlap(stems(text, lead_language, lead_stop_words), offer_stems, lead_language)
        if source in (Source.HEADLINE, Source.OPEN_TO):
            shared -= title_stems
        written_in = (
            lead_language
            if source in _NAMED
            else fact_language(text, lead_language, declared=bool(lead.language))
        )
        fact_table = phrases.load(written_in) or table
        work = source is Source.OPEN_TO and asks_for_work(text, fact_table)
        counted = any(ch.isdigit() for ch in text)
        bonus = _persona_bonus(settings.persona, source, len(shared), open_to_work=work, counted=counted)
        topic = topic_of(
            text if source in _NAMED else without(text, fact_table),  # a call to action says nothing
            language=written_in,
            draft_language=language,
            wanted=wanted_in(written_in),
            stop=stop_words(written_in, table),
        )
        if source in _NAMED and not (shared and topic.hits):
            topic = Topic(quote=topic.quote)  # a name: it is about what it shares, or nothing
        # news is worth writing about whatever it shares; its topic is what it announces
        shared_topic = topic.bare if shared and topic.hits and source is not Source.POST_NEWS else ""
        fact = PlanFact(
            source,
            text,
            shared=shared_topic,
            topic=topic.bare,
            quote=_quote(topic),
            relevance=len(shared) + bonus,
            name=name,
            topic_det=topic.det,
            quality=topic.quality,
            language=written_in,
            matches=len(shared),
            open_to_work=work,
        )
        scored.append(fact)
    # a fact in another language can only be quoted, so one the draft can word itself goes first
    ranked = sorted(
        scored,
        key=lambda f: (_tier(f, settings.persona), not f.foreign, f.relevance, f.strength),
        reverse=True,
    )
    ranked = list(dict.fromkeys(ranked))
    hook = ranked[variant % len(ranked)] if ranked else NO_FACT
    second = next((f for f in ranked if f.source != hook.source and f.text != hook.text), NO_FACT)
    return MessagePlan(
        language=language,
        requested_language=requested,
        persona=settings.persona,
        hook=hook,
        second=second,
        facts=tuple(ranked),
        post_kind=post_kind,
        why=_why(hook, settings.persona),
        sender_texts=texts,
        missing=missing,
        view=view,
        related=_related(hook, settings.persona),
        offer_topic=_offer_topic(texts["offer"], hook, language, table) if hook.matches else Topic(),
        open_to_work=any(fact.open_to_work for fact in scored),
        post_result=post_kind is PostKind.NEWS and reports_result(view["post_full"], lead_table),
    )


def _tier(fact: PlanFact, persona: Persona) -> int:
    """Relevance first, then strength: a fact that bears on the offer or fresh news (3: congratulate
    first), then a stated problem, related or not (2), then a fact with some pull, a job title that
    merely shares a word with the offer the weakest of them (1), then the rest (0)."""
    if fact.source is Source.POST_NEWS or (fact.source is not Source.ROLE and _related(fact, persona)):
        return 3
    if fact.source is Source.POST_PROBLEM:
        return 2
    return 1 if fact.relevance > 0 else 0


def _quote(topic: Topic) -> str:
    """The topic's quote, unless it only repeats the topic ("month-end close"): quotation marks
    around a plain noun phrase read as a sneer; the draft words it itself instead."""
    quoted, bare = fold(topic.quote).split(), fold(topic.bare).split()
    if bare and quoted[-len(bare) :] == bare and len(quoted) <= len(bare) + 1:
        return ""
    return topic.quote


def _offer_topic(offer: str, hook: PlanFact, language: str, table: phrases.Phrases) -> Topic:
    """The noun phrase of the sender's offer that shares most with the hook ("warehouse shift rotas"):
    what the sender works on, in the sender's own words, when the hook touches it."""
    stop = table.words("stop")
    wanted = stems(hook.text, language, stop) | stems(
        hook.text, hook.language, stop_words(hook.language, table)
    )
    found = topic_of(offer, language=language, draft_language=language, wanted=wanted, stop=stop, own=True)
    return found if found.good and found.hits else Topic()


def _related(hook: PlanFact, persona: Persona) -> bool:
    """Whether the hook really bears on the offer: it shares words with the offer or problem, or a
    persona rule makes it the point (a job seeker writing to someone who is hiring)."""
    hiring = persona is Persona.JOB_SEEKER and hook.source is Source.POST_HIRING
    open_to_a_role = persona is Persona.RECRUITER and hook.open_to_work
    return bool(hook.text) and (hook.matches > 0 or hiring or open_to_a_role)


def _why(hook: PlanFact, persona: Persona) -> str:
    """Why the hook matters for this sender, in plain words; honest when it does not relate."""
    if hook is NO_FACT or not hook.text:
        return "the profile offers no fact to build on: keep it short and ask one question"
    if hook.shared:
        return f"it shares '{hook.shared}' with what you offer"
    if hook.matches:
        return f"it shares {hook.matches} content word(s) with your offer or problem"
    if _related(hook, persona):
        if hook.open_to_work:
            return "they say they are open to a new role, and you are hiring"
        return "they are hiring, and you are looking for a role"
    where = hook.source.value.replace("_", " ")
    return (
        f"nothing on the profile relates to your offer; this is only the strongest signal ({where}): "
        "do not claim a link to the offer, say plainly why you write"
    )


def short_phrase(text: str, limit: int = 70) -> str:
    """A clause of `text` short enough to sit inside a sentence."""
    return strip_end(cut_clause(text, limit))
