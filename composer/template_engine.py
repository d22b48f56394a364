"""The offline engine: per-strategy Jinja2 templates, rendered in the sandbox. No key, no network.

Deterministic: the same lead, sender and settings give the same draft. Variant N leads with the N-th
strongest hook, so variants say different things rather than the same thing in other words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer import languages
from composer.channels import limits
from composer.contexts import message_context
from composer.drafting import Job, RawDraft
from composer.errors import ComposerError
from composer.models import Channel, Engine
from composer.replies import parse_reply
from composer.strategies import Strategy, message_file
from composer.text import fit, one_line

if TYPE_CHECKING:
    from composer.templates import TemplateStore

FALLBACK_LANGUAGE = "en"


def template_language(store: TemplateStore, strategy: Strategy, wanted: str) -> tuple[str, list[str]]:
    """The language to write in: the one asked for when a template exists, else English with a warning."""
    if store.exists(message_file(strategy.name, wanted)):
        return wanted, []
    if not store.exists(message_file(strategy.name, FALLBACK_LANGUAGE)):
        where = store.user_dir or store.shipped_dir
        raise ComposerError(
            f"strategy '{strategy.name}' has no message template: add {message_file(strategy.name, wanted)} "
            f"in {where}, or use the LLM engine"
        )
    warning = f"no {languages.name(wanted)} template for {strategy.title}: the draft is in English"
    return FALLBACK_LANGUAGE, [warning]


def render(job: Job, *, variant: int = 0) -> RawDraft:
    wanted = job.language
    language, warnings = template_language(job.store, job.strategy, wanted)
    name = message_file(job.strategy.name, language)
    context = message_context(job, language=language, variant=variant)
    subject, body = parse_reply(job.store.render(name, context))
    if job.settings.channel is Channel.CONNECTION_NOTE:
        # the templates write the paid plans' note; a shorter one (the free 200) drops middle sentences
        body = fit(one_line(body), limits(Channel.CONNECTION_NOTE, job.lengths).body, keep_last=True)
    if job.settings.channel is not Channel.CONNECTION_NOTE and not subject:
        warnings.append(f"{name} produced no 'Subject:' line")
    common = f"messages/common/{language}.j2"
    store = job.store
    known = (store.source(name), store.source(common) if store.exists(common) else "")
    return RawDraft(
        subject=subject,
        body=body,
        language=language,
        requested_language=wanted,
        engine=Engine.TEMPLATE,
        warnings=warnings,
        extra_known=known,
    )
