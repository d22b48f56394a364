"""From an engine's raw text to a Draft: strip what the sender did not supply, fit the limits, check.

`recheck` runs the same steps again on a draft someone changed (a hand edit, a model's revision).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composer import languages
from composer.channels import ChannelLimits, limits
from composer.checks import DraftFacts, run_checks
from composer.coach import coach
from composer.facts import facts_used
from composer.models import Draft, DraftChannel, Engine, Lead, Sender, SenderText, Settings
from composer.scrub import strip_links, supplied_links
from composer.strategies import Strategy
from composer.text import cut, fit, one_line, tidy

if TYPE_CHECKING:
    from composer.templates import TemplateStore


@dataclass(frozen=True)
class Job:
    """One drafting request: to whom, from whom, how, and with which templates."""

    lead: Lead
    sender: Sender
    settings: Settings
    store: TemplateStore
    strategy: Strategy
    lengths: ChannelLimits | None = None  # the account's length figures; None: the shipped ones

    @property
    def language(self) -> str:
        """The language asked for: Settings.language, or the lead's for `auto`."""
        return languages.requested(self.settings.language, self.lead)


@dataclass
class RawDraft:
    """What an engine wrote, before the shared finishing steps."""

    subject: str | None
    body: str
    language: str
    requested_language: str
    engine: Engine
    model: str | None = None
    warnings: list[str] = field(default_factory=list)
    extra_known: tuple[str, ...] = ()  # text besides lead and sender that names may come from
    missing: tuple[SenderText, ...] = ()  # sender texts with no version in the requested language
    model_written: bool = False  # a model wrote the text (a hand edit is the user's own)


def allowed_links(sender: Sender, settings: Settings) -> frozenset[str]:
    return supplied_links(
        sender.offer,
        *sender.offers.values(),
        sender.footer,
        sender.problem,
        *sender.problems.values(),
        sender.proof,
        *sender.proofs.values(),
        sender.ask,
        *sender.asks.values(),
        settings.cta_text,
        settings.footer_text,
    )


def finish(raw: RawDraft, job: Job) -> Draft:
    return _finish(
        raw,
        lead=job.lead,
        sender=job.sender,
        settings=job.settings,
        strategy=job.strategy.name,
        lengths=job.lengths,
    )


def recheck(
    draft: Draft,
    *,
    lead: Lead | dict[str, Any],
    sender: Sender | dict[str, Any],
    settings: Settings | dict[str, Any],
    subject: str | None = None,
    body: str | None = None,
    known: Sequence[str] = (),
    model: str | None = None,
    lengths: ChannelLimits | None = None,
) -> Draft:
    """`draft` with a new subject and/or body (None keeps the draft's), every check run again and a new id.

    The text goes through the same steps as an engine's: links the sender did not supply are removed and
    the channel's limits applied. The draft keeps its strategy and channel; `settings` gives the rest
    (call to action, footer, facts). `known` is more text names may come from, such as the draft that
    was revised. `model` names the model that rewrote the text: the result is then an LLM draft in the
    language `settings` asks for; without it the draft keeps its engine, model and language (a hand edit).
    `lengths`: the account's length figures (`composer.channels.account_limits`); None: the shipped.
    """
    lead, sender = Lead.from_data(lead), Sender.from_data(sender)
    settings = Settings.from_data(settings).model_copy(
        update={"strategy": draft.strategy, "channel": draft.channel}
    )
    rewritten = model is not None
    language = languages.requested(settings.language, lead) if rewritten else draft.language
    raw = RawDraft(
        subject=draft.subject if subject is None else subject,
        body=draft.body if body is None else body,
        language=language,
        requested_language=language,
        engine=Engine.LLM if rewritten else draft.engine,
        model=model if rewritten else draft.model,
        extra_known=tuple(known),
        model_written=rewritten,
    )
    return _finish(raw, lead=lead, sender=sender, settings=settings, strategy=draft.strategy, lengths=lengths)


def channel_warnings(lead: Lead, channel: DraftChannel) -> list[str]:
    """What the user should know before sending on `channel` to this lead."""
    who = lead.first_name
    match channel:
        case DraftChannel.INMAIL if not lead.accepts_inmail and not lead.open_profile:
            return [
                f"{who} does not accept InMail: this draft cannot be sent as one; send a connection note "
                "instead (channel connection_note)"
            ]
        case DraftChannel.INMAIL if lead.degree == 1:
            return [f"{who} is a 1st-degree connection: send this as a free message, not an InMail credit"]
        case DraftChannel.CONNECTION_NOTE if lead.degree == 1:
            return [
                f"{who} is already a 1st-degree connection: this is written as a message, not an invitation"
            ]
    return []


def _finish(
    raw: RawDraft,
    *,
    lead: Lead,
    sender: Sender,
    settings: Settings,
    strategy: str,
    lengths: ChannelLimits | None,
) -> Draft:
    warnings = [*raw.warnings, *channel_warnings(lead, settings.channel)]
    allowed = allowed_links(sender, settings)
    body, removed = strip_links(raw.body, allowed=allowed)
    subject = raw.subject
    if subject is not None:
        subject, removed_subject = strip_links(subject, allowed=allowed)
        removed += removed_subject
        subject = one_line(subject) or None
    if removed:
        warnings.append(
            f"removed links or markup the sender did not supply: {', '.join(dict.fromkeys(removed))[:200]}"
        )
    limit = limits(settings.channel, lengths)
    most = limit.body
    if settings.channel is DraftChannel.CONNECTION_NOTE:
        subject = None
        body = one_line(body)
    body = tidy(body)
    if len(body) > most:
        body = fit(body, most, keep_last=settings.channel is DraftChannel.CONNECTION_NOTE)
        warnings.append(f"the body was longer than {most} characters and was cut at a sentence boundary")
    if subject is not None and len(subject) > limit.subject:
        subject = cut(subject, limit.subject)
        warnings.append(f"the subject was longer than {limit.subject} characters and was cut")
    own = [sender.offer, sender.problem, sender.proof, sender.ask]
    own += [
        *sender.offers.values(),
        *sender.problems.values(),
        *sender.proofs.values(),
        *sender.asks.values(),
    ]
    facts = facts_used(body, lead, subject=subject, own=" ".join(t for t in own if t))
    checks = run_checks(
        DraftFacts(
            subject=subject,
            body=body,
            lead=lead,
            sender=sender,
            settings=settings,
            language=raw.language,
            requested_language=raw.requested_language,
            facts=facts,
            removed_links=removed,
            extra_known=raw.extra_known,
            lengths=lengths,
            missing=raw.missing,
            model_written=raw.model_written,
        )
    )
    return Draft(
        id=Draft.make_id(lead.id, settings.channel.value, subject, body),
        subject=subject,
        body=body,
        strategy=strategy,
        engine=raw.engine,
        model=raw.model,
        language=raw.language,
        channel=settings.channel,
        facts_used=facts,
        checks=checks,
        warnings=warnings,
        coach=coach(
            body,
            subject=subject,
            channel=settings.channel,
            language=raw.language,
            facts=facts,
            offer=sender.offer_in(raw.language),
        ),
    )
