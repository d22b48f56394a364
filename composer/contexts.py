"""The variables templates see. Message templates and LLM prompts get the same cleaned lead and sender.

`MESSAGE_VARIABLES` and `PROMPT_VARIABLES` are what template validation accepts; anything else is a
typo or a variable the composer does not provide.
"""

from __future__ import annotations

import functools
import re
import zlib
from typing import Any

from composer import languages, phrases
from composer.channels import limits
from composer.drafting import Job
from composer.facts import NO_HOOK, hooks, lead_view
from composer.models import DraftChannel, Sender, Settings
from composer.plan import MessagePlan, PlanFact, Source, build_plan, sender_language
from composer.text import cut, cut_clause, ensure_sentence, fold, one_line, split_sentences, strip_end
from composer.wordlists import COORDINATORS

_keep_capitals = frozenset(["I"])

MESSAGE_VARIABLES = frozenset(
    [
        "lead",
        "sender",
        "hook",
        "hooks",
        "cta",
        "cta_on",
        "footer",
        "channel",
        "persona",
        "mood",
        "language",
        "strategy",
        "variant",
        "pick",
        "limits",
        "plan",
        "say",
        "ask",
    ]
)
PROMPT_VARIABLES = MESSAGE_VARIABLES - {"pick"} | {
    "lead_profile",
    "sender_profile",
    "language_name",
    "variants",
    "draft",
    "length",
    "example",  # the rest is the LLM engine's (composer.llm_engine.prompts)
    "plan",
    "greeting",
    "short",
    "problems",
}


class Picker:
    """`pick("Hi", "Hello")` in a template: a choice that is stable for one lead, strategy and variant."""

    def __init__(self, seed: str) -> None:
        self._seed = seed

    def __call__(self, *options: str) -> str:
        if not options:
            return ""
        key = "\x1f".join((self._seed, *map(str, options)))
        return options[zlib.crc32(key.encode()) % len(options)]


def _sentence(text: str, limit: int) -> str:
    first = split_sentences(text)
    return ensure_sentence(cut_clause(first[0], limit)) if first else ""


def sender_view(sender: Sender, language: str) -> dict[str, Any]:
    """The sender's own words: trusted (they may contain the sender's links), only tidied and cut."""
    offer, problem = sender.offer_in(language), sender.problem_in(language)
    return dict(_sender_view(sender.name, sender.title, sender.company, offer, problem, sender.footer))


@functools.lru_cache(maxsize=256)  # the same sender writes every draft
def _sender_view(
    name: str, title: str | None, company: str | None, offer: str, problem: str, footer: str | None
) -> dict[str, str]:
    offer, problem, name = one_line(offer), one_line(problem), one_line(name)
    return {
        "name": name,
        "first_name": name.split(" ")[0],
        "title": one_line(title or ""),
        "company": one_line(company or ""),
        "offer": ensure_sentence(cut(offer, 400)) if offer else "",
        "offer_short": _sentence(offer, 100),
        "problem": ensure_sentence(cut(problem, 300)) if problem else "",
        "problem_short": _sentence(problem, 120),
        "footer": one_line(footer or ""),
    }


def footer_text(sender: Sender, settings: Settings) -> str | None:
    if not settings.footer:
        return None
    return one_line(settings.footer_text or sender.footer or sender.name)


def _lower_first(
    text: str, language: str = "en", *, keep: tuple[str, ...] = (), stop: frozenset[str] | None = None
) -> str:
    """'Depots plan...' -> 'depots plan...' inside a sentence; 'API ...', English 'I' and the names in
    `keep` ('Shiftboard schedules ...') stay. With `stop` (the language's function words), only a first
    word among them is lowered: 'En TransLusa, ...' -> 'en TransLusa, ...', 'Northline Foods ...' stays."""
    first = text.split(" ", 1)[0]
    if stop is not None and (language == "de" or fold(re.split("['’]", first)[0]).strip() not in stop):
        return text  # German: a whole sentence after a colon keeps its capital
    if (
        not first
        or first[1:2].isupper()
        or (language == "en" and re.split("['’]", first)[0] in _keep_capitals)
    ):
        return text
    if any(name and text.startswith(name) for name in keep):
        return text
    return first[:1].lower() + text[1:]


def _gist(
    offer: str, language: str, keep: tuple[str, ...], cuts: frozenset[str], stop: frozenset[str]
) -> str:
    """The offer in a few words, to recall in a follow-up what the first message offered: its first
    clause, cut before the first linking word (`cuts`, from the phrase file) after four words."""
    sentences = split_sentences(offer)
    if not sentences:
        return ""
    words = re.split(r",\s|;\s|\s[-–—]\s", strip_end(sentences[0]), maxsplit=1)[0].split()
    cut_at = next((i for i, w in enumerate(words) if i >= 4 and fold(w).strip() in cuts), len(words))
    words = words[:cut_at]
    if len(words) > 4 and fold(words[-1]).strip() in stop:
        # the comma cut a clause off its object ("... und meldet die, die sich ..."): end before the
        # last "and" instead, or at least not on a function word
        links = COORDINATORS.get(language, frozenset({"and"}))
        last_and = max((i for i, w in enumerate(words) if i >= 4 and fold(w).strip() in links), default=0)
        words = words[:last_and] if last_and else words
        while len(words) > 4 and fold(words[-1]).strip() in stop:
            words.pop()
    gist = strip_end(" ".join(words))
    return _lower_first(gist, language, keep=keep, stop=stop)


def _lower_title(title: str) -> str:
    """'Senior Data Engineer' -> 'senior data engineer' after an article; 'SRE' and 'iOS' stay."""
    return " ".join(w if w[1:].lower() != w[1:] or w.isupper() else w.lower() for w in title.split())


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sender_values(sender: Sender, plan: MessagePlan) -> dict[str, str]:
    name = one_line(sender.name)
    # the title only in the draft's language: no "Account Executive" in a French draft
    title = one_line(sender.title_in(plan.language, own=sender_language(sender)))
    texts = {key: one_line(value) for key, value in plan.sender_texts.items()}
    article = "an" if title[:1].lower() in "aeiou" else "a"
    keep = (name, one_line(sender.company or ""), *sender.companies)  # names keep their capital
    table = phrases.load(plan.language)
    cuts = table.words("gist_cut") if table else frozenset()
    stop = table.words("stop") if table else frozenset()
    return {
        "sender_name": name,
        "sender_first": name.split(" ")[0],
        "sender_title": title,
        "sender_title_lc": title if plan.language == "de" else _lower_title(title),
        "sender_title_a": f"{article} {_lower_title(title)}" if title and plan.language == "en" else title,
        "sender_company": one_line(sender.company or ""),
        "offer": ensure_sentence(texts["offer"]),
        # the offer after a colon ("Here's what that could mean for Korvo: we track...")
        "offer_lc": ensure_sentence(_lower_first(texts["offer"], plan.language, keep=keep, stop=stop)),
        "offer_gist": _gist(texts["offer"], plan.language, keep, cuts, stop),
        "problem": ensure_sentence(texts["problem"]),
        "problem_lc": ensure_sentence(
            texts["problem"]
            if plan.language == "de"
            else _lower_first(texts["problem"], plan.language, keep=keep)
        ),
        "proof": ensure_sentence(texts["proof"]),
        "proof_lc": ensure_sentence(_lower_first(texts["proof"], plan.language, keep=keep, stop=stop)),
    }


# Legal forms read as paperwork inside a sentence ("ob das zu Brenner GmbH passt").
_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|e\.\s?V\.|Ltd\.?|Limited|Inc\.?|LLC|LLP|plc|PLC|Corp\.?"
    r"|S\.\s?A\.?|SA|SAS|SARL|S\.p\.A\.?|SpA|S\.r\.l\.?|Srl|S\.L\.?|SL|Lda\.?|B\.V\.|BV|N\.V\.|NV|Oy|AB|A/S))+$"
)


def short_company(company: str) -> str:
    """'Brenner Maschinenbau GmbH' -> 'Brenner Maschinenbau'; a name that is only a legal form stays."""
    return _LEGAL_SUFFIX.sub("", company).strip() or company


def _title_after(title: str, language: str) -> str:
    """The lead's title after "as" ("as a warehouse manager", "en tant que responsable d'entrepôt");
    German keeps its capitals (nouns)."""
    if not title or language == "de":
        return title
    if language == "en":
        return f"{'an' if title[:1].lower() in 'aeiou' else 'a'} {_lower_title(title)}"
    return _lower_title(title)


def _fact_values(fact: PlanFact, view: dict[str, Any], language: str) -> dict[str, str]:
    title = view["title"]
    values = {
        "topic": fact.topic,
        "topic_cap": _upper_first(fact.topic),
        "topic_short": fact.topic if len(fact.topic.split()) <= 3 else "",  # fits a closing question
        "shared": fact.shared,
        "shared_cap": _upper_first(fact.shared),
        "no_shared": "" if fact.shared else "yes",
        "short_shared": fact.shared if len(fact.shared.split()) <= 2 else "",
        "long_shared": fact.shared if len(fact.shared.split()) > 2 else "",
        "quote": fact.quote,
        "name": fact.name,
        "name_cap": _upper_first(fact.name),
        "result_lc": strip_end(_lower_first(fact.text)) if fact.source is Source.RESULT else "",
        "first_name": view["first_name"],
        "company": short_company(view["company"]),
        "title": title,
        "title_lc": title if language == "de" else _lower_title(title),  # in running text
        "title_a": _title_after(title, language),
    }
    placeholders = getattr(fact, "placeholders", None)  # the plan's stricter topic fields, when it has them
    return values | (placeholders() if placeholders else {})


def _related(plan: MessagePlan) -> bool:
    """Whether the hook relates to the offer: the plan says so; else it shares words with the offer."""
    related = getattr(plan, "related", None)
    return bool(plan.hook.shared) if related is None else bool(related)


# How often the body may name the lead's company, first name and title (the greeting and subject
# aside): a name in every sentence reads as a mail merge.
NAME_BUDGET = {"company": 2, "first_name": 1, "title_a": 1}
_UNCOUNTED = frozenset({"subject", "greeting"})
_ABOUT_SECOND = frozenset({"fu_reason"})  # phrases about the plan's second fact, keyed by its source
_ABOUT_THE_TOPIC = frozenset({"tease", "ask", "fu_ask"})  # phrases that offer or ask something on the topic
# a headline belongs to the person: "your headline about X at Korvo" reads wrong (a bare "your headline"
# keeps the company, the one fact a short note then names)
_NOT_AT_A_COMPANY = frozenset({Source.OPEN_TO, Source.HEADLINE})


class Speaker:
    """`say("reason")` in a template: the phrase of the draft's language for this plan, filled in.

    It counts the lead's company and first name in what it has said: once a name has used its budget,
    the phrases are chosen among the forms without it ("your team")."""

    def __init__(self, plan: MessagePlan, job: Job, table: phrases.Phrases, picker: Picker) -> None:
        self.plan, self.table, self.pick = plan, table, picker
        settings = job.settings
        connected = job.lead.degree == 1 and settings.channel is DraftChannel.CONNECTION_NOTE
        self.related = _related(plan)
        self._dims = [
            "related" if self.related else "unrelated",
            *(["connected"] if connected else []),
            job.strategy.name,
            settings.persona.value,
            settings.mood.value,
            settings.channel.value,
        ]
        footer = footer_text(job.sender, settings) or ""
        base = _sender_values(job.sender, plan) | {"footer": footer}
        placeholders = getattr(plan, "placeholders", None)  # the plan's own fields, when it has them
        base |= placeholders() if placeholders else {}
        base |= {
            "related": "yes" if self.related else "",
            "unrelated": "" if self.related else "yes",
            "second_related": "yes" if plan.second.shared else "",
        }
        # who is writing, as a clause the reason takes in ("I'm {me}, and your post ... is why I'm writing")
        base["me"] = table.say("me", dims=self._dims, values=base, pick=picker)
        self._base = base
        self.values = self._values(frozenset())
        self.names = {key: self.values[key] for key in NAME_BUDGET}
        self.used = dict.fromkeys(NAME_BUDGET, 0)
        self._lean: dict[frozenset[str], dict[str, str]] = {}

    def _values(self, without: frozenset[str]) -> dict[str, str]:
        view = dict(self.plan.view) | dict.fromkeys(without & {"company"}, "")
        values = self._base | _fact_values(self.plan.hook, view, self.plan.language)
        values |= self._refs("ref", self.plan.hook, values, view)
        values |= self._refs("second_ref", self.plan.second, values, view)
        values["prev_ref"] = values["ref"]
        return values | dict.fromkeys(without, "")

    def _refs(
        self, name: str, fact: PlanFact, values: dict[str, str], view: dict[str, Any]
    ) -> dict[str, str]:
        if not fact.text:
            return dict.fromkeys((name, f"{name}_cap", f"{name}_at", f"{name}_at_cap"), "")
        values = values | _fact_values(fact, view, self.plan.language)
        ref = self.table.say("ref", dims=[fact.source.value], values=values, pick=self.pick)
        bare_ref = (  # "your headline"
            self.table.say("ref", dims=[fact.source.value], values={}, pick=self.pick)
            if fact.source in _NOT_AT_A_COMPANY
            else ref
        )
        # "your post on X at Korvo": where the company is the fact a short note shows
        company = values["company"]
        at = (
            ref
            if not company or company in ref or (fact.source in _NOT_AT_A_COMPANY and ref != bare_ref)
            else self.table.say("ref_at", dims=[], values={"ref": ref, "company": company}, pick=self.pick)
        )
        return {
            name: ref,
            f"{name}_cap": _upper_first(ref),
            f"{name}_at": at,
            f"{name}_at_cap": _upper_first(at),
        }

    def _say(self, key: str, values: dict[str, str]) -> str:
        fact = self.plan.second if key in _ABOUT_SECOND else self.plan.hook
        if key in _ABOUT_THE_TOPIC and fact.source is Source.POST_HIRING:
            # a hiring post's topic is the role it hires for: no subject for a note, a demo or questions
            values = values | {name: "" for name in values if name.startswith("topic")}
        dims = [fact.source.value, *self._dims]
        said = self.table.say(key, dims=dims, values=values, pick=self.pick)
        if not said and dims[0] != "none":  # the hook's own phrasing needs a detail it lacks
            said = self.table.say(key, dims=["none", *self._dims], values=values, pick=self.pick)
        return said

    def mentions(self, text: str) -> dict[str, int]:
        return {
            key: len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)) if name else 0
            for key, name in self.names.items()
        }

    def count(self, text: str) -> None:
        """Count the names in text that was not said here (the user's own ask)."""
        for key, n in self.mentions(text).items():
            self.used[key] += n

    def __call__(self, key: str) -> str:
        said = self._say(key, self.values)
        if key in _UNCOUNTED:
            return said
        found = self.mentions(said)
        over = frozenset(k for k, n in found.items() if n and self.used[k] + n > NAME_BUDGET[k])
        if over:
            spent = frozenset(k for k in NAME_BUDGET if self.used[k] >= NAME_BUDGET[k])
            without = over | spent
            if without not in self._lean:
                self._lean[without] = self._values(without)
            said = self._say(key, self._lean[without]) or said  # a name too many beats a missing ask
        self.count(said)
        return said


def the_ask(job: Job, plan: MessagePlan, say: Speaker) -> str:
    """The one ask: --cta text, else the sender's preferred ask, else the persona's; with the mood's touch."""
    own = one_line(job.settings.cta_text or plan.sender_texts["ask"])
    if own:  # the user's words: they count towards the company's mentions
        say.count(own)
        own = ensure_sentence(_upper_first(own))
        if job.settings.cta_text:
            return own
    ask = own or say("ask")
    return " ".join(part for part in (ask, say("ask_mood")) if part)


class LaterAsk:
    """The ask of a channel that seldom says it (follow-ups and notes have their own): worked out only
    when a template prints it, so an unused ask spends none of the names' budget."""

    def __init__(self, job: Job, plan: MessagePlan, say: Speaker) -> None:
        self._args: tuple[Job, MessagePlan, Speaker] | None = (job, plan, say)
        self._text = ""

    def __str__(self) -> str:
        if self._args is not None:
            self._text, self._args = the_ask(*self._args), None
        return self._text

    def __bool__(self) -> bool:
        return bool(str(self))


def message_context(
    job: Job, *, language: str, variant: int = 0, plan: MessagePlan | None = None
) -> dict[str, Any]:
    lead, sender, settings, strategy = job.lead, job.sender, job.settings, job.strategy
    plan = plan or build_plan(lead, sender, settings, variant=variant)
    view = plan.view or lead_view(lead, settings.facts, language=language)
    found = hooks(view, lead, sender, settings.facts)
    hook = found[variant % len(found)] if found else NO_HOOK
    picker = Picker(f"{lead.id or lead.full_name}\x1f{strategy.name}\x1f{settings.channel}\x1f{variant}")
    table = phrases.load(plan.language) or phrases.load(languages.DEFAULT_LANGUAGE)
    assert table is not None
    say = Speaker(plan, job, table, picker)
    sender_context = sender_view(sender, language) | {
        "offer": say.values["offer"] if plan.sender_texts["offer"] else "",
        "problem": say.values["problem"] if plan.sender_texts["problem"] else "",
        "proof": say.values["proof"] if plan.sender_texts["proof"] else "",
    }
    return {
        "lead": view,
        "sender": sender_context,
        "hook": hook.as_dict(),
        "hooks": [h.as_dict() for h in found],
        "plan": {
            "hook": plan.hook.source.value,
            "second": plan.second.source.value,
            "post_kind": plan.post_kind.value,
            "why": plan.why,
        },
        "say": say,
        # the InMail's ask is worked out first: it has the first claim on the company's name
        "ask": the_ask(job, plan, say)
        if settings.channel is DraftChannel.INMAIL
        else LaterAsk(job, plan, say),
        "cta": one_line(settings.cta_text) if settings.cta and settings.cta_text else None,
        "cta_on": settings.cta,
        "footer": footer_text(sender, settings),
        "channel": settings.channel.value,
        "persona": settings.persona.value,
        "mood": settings.mood.value,
        "language": language,
        "strategy": strategy.as_context(),
        "variant": variant,
        "pick": picker,
        "limits": limits(settings.channel, job.lengths).as_dict(),
    }


_PROFILE_FIELDS = (
    ("name", "name"),
    ("headline", "headline"),
    ("current role", "title"),
    ("company", "company"),
    ("location", "location"),
    ("result on profile", "achievement"),
    ("about", "about"),
    ("recent post", "recent_post"),
)


def _profile(view: dict[str, Any]) -> str:
    lines = [f"{label}: {view[key]}" for label, key in _PROFILE_FIELDS if view[key]]
    for label, key in (("past employers", "past_companies"), ("skills", "skills"), ("schools", "schools")):
        if view[key]:
            lines.append(f"{label}: {', '.join(view[key])}")
    if view["mutual_connections"]:
        lines.append(f"mutual connections: {', '.join(view['mutual_connections'])}")
    return "\n".join(lines)


def prompt_context(job: Job, *, language: str, variant: int = 0, draft: str = "") -> dict[str, Any]:
    plan = build_plan(job.lead, job.sender, job.settings, variant=variant)
    context = message_context(job, language=language, variant=variant, plan=plan)
    del context["pick"], context["say"]
    shown = ("name", "title", "company", "offer", "problem", "footer")
    sender_lines = [f"{key}: {context['sender'][key]}" for key in shown if context["sender"][key]]
    return context | {
        "lead_profile": _profile(context["lead"]),
        "sender_profile": "\n".join(sender_lines),
        "language_name": languages.name(language),
        "variants": job.settings.variants,
        "draft": draft,
        "length": len(draft),
        # filled in by composer.llm_engine.prompts; these defaults serve template previews
        "example": "",
        "plan": {"situation": "", "quotes": "", "assets": ""},
        "greeting": f"Hi {context['lead']['first_name']},",
        "short": False,
        "problems": [],
    }
