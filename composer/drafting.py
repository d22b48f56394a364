"""From an engine's raw text to a Draft: strip what the sender did not supply, fit the limits, check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from composer import languages
from composer.channels import limits
from composer.checks import DraftFacts, run_checks
from composer.facts import facts_used
from composer.models import Channel, Draft, Engine, Lead, Sender, Settings
from composer.scrub import strip_links, supplied_links
from composer.strategies import Strategy
from composer.text import cut, fit, one_line, tidy

if TYPE_CHECKING:
    from prompts.loader import TemplateStore


@dataclass(frozen=True)
class Job:
    """One drafting request: to whom, from whom, how, and with which templates."""

    lead: Lead
    sender: Sender
    settings: Settings
    store: TemplateStore
    strategy: Strategy

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


def allowed_links(sender: Sender, settings: Settings) -> frozenset[str]:
    return supplied_links(
        sender.offer,
        *sender.offers.values(),
        sender.footer,
        sender.problem,
        *sender.problems.values(),
        settings.cta_text,
        settings.footer_text,
    )


def finish(raw: RawDraft, job: Job) -> Draft:
    lead, sender, settings = job.lead, job.sender, job.settings
    warnings = list(raw.warnings)
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
    limit = limits(settings.channel)
    if settings.channel is Channel.CONNECTION_NOTE:
        subject = None
        body = one_line(body)
    body = tidy(body)
    if len(body) > limit.body:
        body = fit(body, limit.body, keep_last=settings.channel is Channel.CONNECTION_NOTE)
        warnings.append(
            f"the body was longer than {limit.body} characters and was cut at a sentence boundary"
        )
    if subject is not None and len(subject) > limit.subject:
        subject = cut(subject, limit.subject)
        warnings.append(f"the subject was longer than {limit.subject} characters and was cut")
    text = f"{subject or ''}\n{body}"
    facts = facts_used(text, lead)
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
        )
    )
    return Draft(
        id=Draft.make_id(lead.id, settings.channel.value, subject, body),
        subject=subject,
        body=body,
        strategy=job.strategy.name,
        engine=raw.engine,
        model=raw.model,
        language=raw.language,
        channel=settings.channel,
        facts_used=facts,
        checks=checks,
        warnings=warnings,
    )
