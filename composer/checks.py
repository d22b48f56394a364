"""The checks every draft carries, from either engine: CheckResult(name, ok, message)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from composer import languages
from composer.channels import ChannelLimits, limits
from composer.claims import check_claims
from composer.grounding import known_words, ungrounded_names
from composer.inventions import invented
from composer.models import CheckResult, DraftChannel, Fact, Lead, Sender, SenderText, Settings
from composer.plan import sender_language
from composer.text import fold, split_sentences

_PLACEHOLDER = re.compile(
    r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[[^\]\n]{1,40}\]|<[A-Za-z _-]{1,30}>|\{[A-Za-z_ ]{1,30}\}"
    r"|\b(?:None|null|undefined|NaN|TODO|TBD|XXX|lorem ipsum)\b|\b[A-Z][A-Z_]{3,}_[A-Z_]+\b",
)
_MAYBE_PLACEHOLDER = re.compile(r"[{}\[\]<>]|None|null|undefined|NaN|TODO|TBD|XXX|lorem|[A-Z]_[A-Z]")
_QUESTION = re.compile(r"[?？]")


@dataclass
class DraftFacts:
    """What the checks look at: the final text and where it came from."""

    subject: str | None
    body: str
    lead: Lead
    sender: Sender
    settings: Settings
    language: str  # the language the draft was written in
    requested_language: str
    facts: list[Fact]
    removed_links: list[str] = field(default_factory=list)
    extra_known: tuple[str, ...] = ()
    lengths: ChannelLimits | None = None  # None: the shipped figures
    missing: tuple[SenderText, ...] = ()
    model_written: bool = False  # a model's text: it may state only what the inputs carry


def _lead_texts(lead: Lead) -> list[str]:
    texts = [
        lead.full_name,
        lead.headline,
        lead.title,
        lead.company,
        lead.location,
        lead.about,
        lead.recent_post,
    ]
    for e in lead.experiences:
        texts += [e.title, e.company, e.description]
    for school in lead.education:
        texts += [school.school, school.degree, school.field]
    return [t for t in (*texts, *lead.skills, *lead.mutual_connections) if t]


def _sender_texts(sender: Sender, settings: Settings) -> list[str]:
    texts = [sender.name, sender.title, sender.company, sender.offer, sender.problem, sender.footer]
    texts += [
        sender.proof,
        sender.ask,
        *sender.assets,
        *sender.proofs.values(),
        *sender.asks.values(),
        *sender.titles.values(),
    ]
    texts += [
        *sender.offers.values(),
        *sender.problems.values(),
        *sender.schools,
        *sender.companies,
        settings.cta_text,
        settings.footer_text,
    ]
    return [t for t in texts if t]


def check_lengths(d: DraftFacts) -> list[CheckResult]:
    limit = limits(d.settings.channel, d.lengths)
    most = limit.body
    if d.settings.channel is DraftChannel.CONNECTION_NOTE:
        subject = CheckResult(
            name="subject_length", ok=d.subject is None, message="a connection note has no subject"
        )
    elif not d.subject:
        subject = CheckResult(
            name="subject_length", ok=False, message="the draft has no subject line: add one"
        )
    else:
        ok = len(d.subject) <= limit.subject
        subject = CheckResult(
            name="subject_length",
            ok=ok,
            message=f"subject is {len(d.subject)} of {limit.subject} characters"
            + ("" if ok else ": shorten it"),
        )
    ok = 0 < len(d.body) <= most
    body = CheckResult(
        name="body_length",
        ok=ok,
        message=f"body is {len(d.body)} of {most} characters" + ("" if ok else ": shorten it"),
    )
    return [subject, body]


def check_call_to_action(d: DraftFacts) -> CheckResult:
    name = "call_to_action"
    if not d.settings.cta:
        return CheckResult(name=name, ok=True, message="no call to action was asked for")
    if d.settings.cta_text:
        ok = fold(d.settings.cta_text).strip() in fold(d.body)
        message = (
            "includes the call to action" if ok else f"the call to action is missing: {d.settings.cta_text}"
        )
        return CheckResult(name=name, ok=ok, message=message)
    asks = [s for s in split_sentences(d.body) if _QUESTION.search(s)]
    if asks:
        return CheckResult(name=name, ok=True, message=f"asks: {asks[-1][:120]}")
    return CheckResult(name=name, ok=False, message="the draft asks for nothing: end with one clear question")


def _new_sender_value(d: DraftFacts) -> str:
    """The sender's proof, problem or asset a follow-up brings, when the body carries one whole."""
    sender = d.sender
    values = [sender.proof, sender.problem, *sender.proofs.values(), *sender.problems.values()]
    values += sender.assets
    body = fold(d.body)
    return next((v for v in values if v and fold(v) in body), "")


def check_lead_fact(d: DraftFacts) -> CheckResult:
    if not d.facts and d.settings.channel is DraftChannel.FOLLOW_UP and (value := _new_sender_value(d)):
        # a follow-up adds something new: a fact of the lead's or a value of the sender's
        return CheckResult(name="lead_fact", ok=True, message=f"adds {value[:60]}")
    if not d.facts:
        return CheckResult(
            name="lead_fact", ok=False, message="the draft uses no fact from the lead's profile"
        )
    used = "; ".join(f"{f.kind.value.replace('_', ' ')}: {f.text[:60]}" for f in d.facts[:4])
    return CheckResult(name="lead_fact", ok=True, message=f"uses {used}")


def check_placeholders(d: DraftFacts) -> CheckResult:
    text = "\n".join(part for part in (d.subject, d.body) if part)
    if not _MAYBE_PLACEHOLDER.search(text):  # the full pattern is slow; most drafts have none of these
        return CheckResult(name="placeholders", ok=True, message="no unfilled placeholder")
    own = "\n".join(_sender_texts(d.sender, d.settings))
    theirs = "\n".join(
        _lead_texts(d.lead)
    )  # "None of our trucks..." in the lead's own words is not a leftover
    left = [
        m.group(0)
        for m in _PLACEHOLDER.finditer(text)
        if m.group(0) not in own and not (m.group(0).isalpha() and m.group(0) in theirs)
    ]
    if left:
        return CheckResult(
            name="placeholders", ok=False, message=f"unfilled placeholder: {', '.join(dict.fromkeys(left))}"
        )
    return CheckResult(name="placeholders", ok=True, message="no unfilled placeholder")


def check_grounding(d: DraftFacts) -> CheckResult:
    # one string per source: folding one long text is much cheaper than twenty short ones
    lead, sender = "\n".join(_lead_texts(d.lead)), "\n".join(_sender_texts(d.sender, d.settings))
    known = known_words(lead, sender, *d.extra_known)
    names: list[str] = []
    for part, headline in ((d.subject, True), (d.body, False)):
        if part:
            found = ungrounded_names(part, known, language=d.language, headline=headline)
            names += [n for n in found if n not in names]
    if names:
        listed = ", ".join(names[:6])
        return CheckResult(
            name="grounding", ok=False, message=f"names not in the lead or sender data: {listed}"
        )
    return CheckResult(name="grounding", ok=True, message="every name comes from the lead or sender data")


def check_inventions(d: DraftFacts) -> CheckResult:
    lead = _lead_texts(d.lead) + [t for e in d.lead.experiences for t in (e.start, e.end) if t]
    sender = _sender_texts(d.sender, d.settings)
    text = "\n".join(part for part in (d.subject, d.body) if part)
    found = invented(text, [*lead, *sender, *d.extra_known], sender)
    if found:
        listed = "; ".join(found[:6])
        return CheckResult(
            name="inventions", ok=False, message=f"states what neither the lead nor the sender said: {listed}"
        )
    return CheckResult(name="inventions", ok=True, message="states nothing the inputs do not carry")


def check_links(d: DraftFacts) -> CheckResult:
    if d.removed_links:
        listed = ", ".join(dict.fromkeys(d.removed_links))[:200]
        return CheckResult(name="links", ok=True, message=f"removed what the sender did not supply: {listed}")
    return CheckResult(
        name="links", ok=True, message="no link, e-mail address or markup the sender did not supply"
    )


_SENDER_WORDS = {
    SenderText.OFFER: "offer",
    SenderText.PROBLEM: "problem",
    SenderText.PROOF: "proof point",
    SenderText.ASK: "preferred ask",
}


def check_language(d: DraftFacts) -> CheckResult:
    wanted = d.requested_language
    if d.language != wanted:
        message = f"asked for {languages.name(wanted)} but written in {languages.name(d.language)}"
        if d.missing:
            texts = " and ".join(f"your {_SENDER_WORDS[kind]}" for kind in d.missing)
            message += f": add a {languages.name(wanted)} version of {texts} in You"
        return CheckResult(name="language", ok=False, message=message)
    if not languages.detectable(wanted):
        return CheckResult(
            name="language", ok=True, message=f"written for {languages.name(wanted)} (not verified)"
        )
    title = d.sender.title_in(wanted, own=sender_language(d.sender))  # a title in another language is foreign
    ignore = [*_lead_names(d.lead), d.sender.name, d.sender.company or "", title]
    foreign = languages.foreign_sentences(d.body, wanted, ignore=ignore)
    if not foreign:
        return CheckResult(name="language", ok=True, message=f"every sentence is in {languages.name(wanted)}")
    sentence, found = foreign[0]
    return CheckResult(
        name="language",
        ok=False,
        message=f"asked for {languages.name(wanted)} but this reads as {languages.name(found)}: "
        f"{sentence[:80]}",
    )


def _lead_names(lead: Lead) -> list[str]:
    """Lead text a draft may keep in the lead's words whatever its language: names, titles, skills."""
    names = [lead.full_name, lead.title, lead.company, lead.headline, *lead.skills, *lead.mutual_connections]
    for e in lead.experiences:
        names += [e.title, e.company]
    names += [school.school for school in lead.education]
    return [n for n in names if n]


def check_channel(d: DraftFacts) -> CheckResult:
    lead = d.lead
    if d.settings.channel is DraftChannel.INMAIL and not lead.accepts_inmail and not lead.open_profile:
        return CheckResult(
            name="channel",
            ok=False,
            message=f"{lead.first_name} does not accept InMail: send a connection note instead",
        )
    return CheckResult(name="channel", ok=True, message=f"{lead.first_name} can receive this channel")


def run_checks(d: DraftFacts) -> list[CheckResult]:
    return [
        *check_lengths(d),
        check_call_to_action(d),
        check_lead_fact(d),
        check_placeholders(d),
        check_grounding(d),
        *([check_inventions(d)] if d.model_written else []),
        check_links(d),
        check_language(d),
        check_channel(d),
        *check_claims(d.body, lead=d.lead, sender=d.sender, settings=d.settings, language=d.language),
    ]
