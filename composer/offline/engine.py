"""The offline engine's draft: read the situation, pick the whole message written for it, fill its holes.

Deterministic: the same lead, sender and settings give the same draft; variant N takes the N-th message
written for the situation.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer import languages, phrases
from composer.channels import limits
from composer.contexts import footer_text, short_company
from composer.drafting import Job, RawDraft
from composer.errors import ComposerError
from composer.facts import lead_view
from composer.models import DraftChannel, Engine, FactKind, Lead, Sender, SenderText, Settings
from composer.offline import pack as packs
from composer.offline.asks import the_ask
from composer.offline.holes import Values, fill, first_filled, holes
from composer.offline.lead_lines import Line, lead_lines
from composer.offline.pack import Pack
from composer.offline.situation import Reading, Situation, read
from composer.plan import sender_language, sender_texts
from composer.post_kinds import classify_post, reports_result
from composer.scrub import clean_text
from composer.text import ensure_sentence, fit, one_line, split_sentences

_CHANNEL_TABLE = {
    DraftChannel.INMAIL: "inmail",
    DraftChannel.CONNECTION_NOTE: "note",
    DraftChannel.FOLLOW_UP: "follow_up",
}
_FALLBACKS = (Situation.FIT, Situation.SPARSE)
_STRATEGIES = ("rabt", "aida", "pas")


def choose_language(job: Job) -> tuple[str, list[str]]:
    """The language to write in and the warnings that explain a fallback (the issue's language policy)."""
    settings, sender = job.settings, job.sender
    requested = languages.requested(settings.language, job.lead)
    explicit = settings.language != "auto"
    known = packs.available()
    if requested not in known:
        if explicit:
            raise ComposerError(
                f"the offline engine writes {', '.join(known)}, not {languages.name(requested)}: "
                "choose one of those, or use the LLM engine"
            )
        fallback = _fallback_language(sender, known)
        return fallback, [
            f"{job.lead.first_name}'s profile is in {languages.name(requested)}, which the offline engine "
            f"does not write: the draft is in {languages.name(fallback)} (a model can write "
            f"{languages.name(requested)})"
        ]
    if settings.channel is DraftChannel.CONNECTION_NOTE or not sender.offer:
        return requested, []  # a note uses no sender text: it is written in the lead's language
    _, missing = sender_texts(sender, requested)
    if SenderText.OFFER not in missing:
        return requested, []
    wanted = languages.name(requested)
    if explicit:
        raise ComposerError(
            f"your offer has no {wanted} version: add one in You (offers.{requested}), "
            "or use --language auto to write in your own language"
        )
    fallback = _fallback_language(sender, known)
    who = job.lead.first_name
    return fallback, [
        f"{who}'s profile is in {wanted}, but your offer has no {wanted} version, so the draft is in "
        f"{languages.name(fallback)}: add your offer in {wanted} in You (offers.{requested}) "
        f"to write in {wanted}"
    ]


def _fallback_language(sender: Sender, known: tuple[str, ...]) -> str:
    """A language the sender wrote their offer in: English when they did (the most widely read),
    else their own."""
    english = languages.DEFAULT_LANGUAGE
    if SenderText.OFFER not in sender_texts(sender, english)[1]:
        return english
    own = sender_language(sender)
    return own if own in known else english


def _sources(lead: Lead, settings: Settings, view: dict) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if FactKind.RECENT_POST in settings.facts and lead.recent_post:
        found.append(("post", clean_text(lead.recent_post, limit=600)))
    if FactKind.EXPERIENCE in settings.facts:
        if view.get("headline_extra"):
            found.append(("headline", view["headline_extra"]))
        current = sorted(lead.experiences, key=lambda e: e.end is not None)[:3]
        found += [("experience", clean_text(e.description, limit=400)) for e in current]
    if FactKind.ABOUT in settings.facts and lead.about:
        found.append(("about", clean_text(lead.about, limit=600)))
    return found


def _sender_values(sender: Sender, language: str, texts: dict[str, str]) -> dict[str, str | None]:
    def sentence(kind: str) -> str | None:
        text = one_line(texts.get(kind, ""))
        return ensure_sentence(text) if text else None

    own = sender_language(sender)
    return {
        "sender_name": one_line(sender.name).split(" ")[0] or None,
        "sender_title": one_line(sender.title_in(language, own=own)) or None,
        "sender_company": one_line(sender.company or "") or None,
        "offer": sentence("offer"),
        "problem": sentence("problem"),
        "proof": sentence("proof"),
    }


def _lead_values(lead: Lead, view: dict, reading: Reading, pack: Pack) -> dict[str, str | None]:
    def quoted(line: Line | None) -> str | None:
        if line is None:
            return None
        text = pack.quoted(line.text)
        return text if split_sentences(line.text)[-1][-1:] in ".!?…" else f"{text}."

    first = view.get("first_name") or one_line(lead.first_name)
    last = view.get("last_name") or None
    return {
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}" if last else None,
        "company": short_company(view.get("company") or "") or None,
        "title": view.get("title") or None,
        "skill": view.get("skill") or None,
        "quote": quoted(reading.hook),
        "result": quoted(reading.result),
        "second": quoted(reading.second),
    }


@dataclass(frozen=True)
class Prepared:
    """What a message will say in one language, before any message is chosen: the situation, the lead's
    lines it rests on, and every hole's value. The LLM engine's prompt carries the same."""

    language: str
    pack: Pack
    reading: Reading
    values: dict[str, str | None]


def prepare(job: Job, language: str, *, variant: int = 0) -> Prepared:
    """The reading of `job` in `language` (a language without a pack reads with the English one)."""
    pack = packs.load(language) or packs.load(languages.DEFAULT_LANGUAGE)
    assert pack is not None  # the English pack ships
    settings = job.settings.model_copy(update={"language": pack.language})
    texts, _ = sender_texts(job.sender, language)
    offer_text = " ".join(filter(None, (texts.get("offer"), texts.get("problem"))))
    view = lead_view(job.lead, settings.facts, language=pack.language)
    post_table = phrases.load(job.lead.language or pack.language) or phrases.load(pack.language)
    assert post_table is not None  # every pack's language has its cue words
    post_kind = classify_post(view["post_full"], post_table)
    lines = lead_lines(
        _sources(job.lead, settings, view),
        language=language,
        lead_language=job.lead.language or language,
        offer_text=offer_text,
        company=view.get("company", ""),
        sender_company=job.sender.company or "",
    )
    reading = read(
        persona=settings.persona,
        post_kind=post_kind,
        post_result=bool(view["post_full"]) and reports_result(view["post_full"], post_table),
        lines=lines,
        pack=pack,
        lead_pack=packs.load(job.lead.language or "") or pack,
        lead_role=f"{view.get('title', '')} {job.lead.headline or ''}",
        offer_text=offer_text,
        has_profile=_has_profile(job.lead),
        variant=variant,
    )
    values: dict[str, str | None] = {
        **_lead_values(job.lead, view, reading, pack),
        **_sender_values(job.sender, language, texts),
    }
    mood = settings.mood.value
    values |= {
        "greeting": _greeting(pack, mood, values),
        "close": pack.line("close", mood),
        # a stock line for the mood reads as filler: the mood shows in the greeting and the close
        "mood_line": "",
        "signature": footer_text(job.sender, settings) or values["sender_name"],
    }
    values["me"] = first_filled(pack.lines("me"), values)
    if reading.situation is Situation.WRONG_FUNCTION:
        values["owner"] = _owner(pack, offer_text)
    return Prepared(language=language, pack=pack, reading=reading, values=values)


def render(job: Job, *, variant: int = 0) -> RawDraft:
    language, warnings = choose_language(job)
    prepared = prepare(job, language, variant=variant)
    pack, values = prepared.pack, dict(prepared.values)
    channel = job.settings.channel
    situation, body = _body(pack, job, prepared.reading.situation, values, variant)
    subject = None
    if channel is not DraftChannel.CONNECTION_NOTE:
        subject = first_filled(pack.subjects(situation.value), values, variant=variant) or ""
        if channel is DraftChannel.FOLLOW_UP and subject:
            subject = f"Re: {subject}"
    else:
        body = fit(one_line(body), limits(DraftChannel.CONNECTION_NOTE, job.lengths).body, keep_last=True)
    return RawDraft(
        subject=subject,
        body=body,
        language=language,
        requested_language=language,  # a fallback is the policy's choice, said in `warnings`
        engine=Engine.TEMPLATE,
        warnings=warnings,
        extra_known=(pack.source,),
    )


def _owner(pack: Pack, offer_text: str) -> str | None:
    """The function the offer is for, as the draft's language names it ("customer service")."""
    named = sorted(pack.functions_in(offer_text) - {"executive"}, key=[n for n, _ in pack.functions].index)
    return next(
        (pack.line("function_names", name) for name in named if pack.line("function_names", name)), None
    )


def _has_profile(lead: Lead) -> bool:
    described = any(e.description for e in lead.experiences)
    return bool(lead.about or lead.recent_post or described or lead.skills or lead.education)


def _greeting(pack: Pack, mood: str, values: Values) -> str | None:
    """The mood's greeting; a list falls back in order ("Guten Tag {full_name},", "Hallo {first_name},")."""
    return first_filled(pack.lines("greeting", mood), values)


def _body(
    pack: Pack, job: Job, situation: Situation, values: dict[str, str | None], variant: int
) -> tuple[Situation, str]:
    channel = job.settings.channel
    table = _CHANNEL_TABLE[channel]
    strategy = job.strategy.name
    most = limits(channel, job.lengths).body
    connected = job.lead.degree == 1  # a contact already: the note asks to talk, not to connect
    note_ask = pack.line("ask", "note_connected" if connected else "note") if job.settings.cta else ""
    # a connection note too long with a quote is written without it before a shorter situation is tried
    tries = [values] if channel is not DraftChannel.CONNECTION_NOTE else [values, _unquoted(values)]
    for candidate in (situation, *_FALLBACKS):
        for known in tries:
            known["ask"] = the_ask(pack, job, candidate, known)
            known["note_ask"] = note_ask
            fitting = [
                text
                for text in _filled(_variants(pack, table, candidate, strategy, channel, known), known)
                if len(text) <= most
            ]
            if fitting:
                return candidate, fitting[variant % len(fitting)]
    for candidate in (situation, *_FALLBACKS):  # none fits the length: the shortest, cut to fit after
        filled = _filled(pack.variants(table, candidate.value, strategy), values)
        if filled:
            return candidate, min(filled, key=len)
    raise ComposerError(
        f"no {languages.name(pack.language)} message fits this lead and sender: "
        "add what you offer in You (offer), or write to a lead with a company on their profile"
    )


def _variants(
    pack: Pack, table: str, situation: Situation, strategy: str, channel: DraftChannel, known: Values
) -> list[str]:
    variants = pack.variants(table, situation.value, strategy)
    if channel is DraftChannel.FOLLOW_UP:
        # any strategy's follow-up before none at all; with a new fact of the lead's, one that leads with it
        variants += [v for other in _STRATEGIES for v in pack.variants(table, situation.value, other)]
        if known.get("second"):
            variants = [v for v in variants if "{second}" in v] or variants
    return variants


_LEAD_HOLES = frozenset(
    {"company", "title", "quote", "result", "second", "mutual", "school", "past_company", "skill"}
)


def _filled(variants: list[str], known: Values) -> list[str]:
    """Each variant whose holes are known, filled once; those that name something of the lead first
    (a draft must use a lead fact) and alone when there are any."""
    filled = [(v, text) for v in variants if (text := fill(v, known)) is not None]
    naming = [text for v, text in filled if {name for name, _ in holes(v)} & _LEAD_HOLES]
    return naming or [text for _, text in filled]


def _unquoted(values: dict[str, str | None]) -> dict[str, str | None]:
    return values | {"quote": None, "result": None, "second": None}


__all__ = ["Prepared", "choose_language", "prepare", "render"]
