"""The offline engine: the message plan written out through a strategy's template and a phrase table.

`messages/NAME/en.j2` is the strategy's structure for every language: it says what comes where with
`say("key")`, and prompts/phrases/LANG.toml says it in the draft's language. A `messages/NAME/LANG.j2`
(shipped or the user's) replaces the structure for that language. No key, no network.

Deterministic: the same lead, sender and settings give the same draft. Variant N leads with the N-th
best hook, so variants say different things rather than the same thing in other words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from composer import languages, phrases
from composer.channels import limits
from composer.contexts import message_context
from composer.drafting import Job, RawDraft
from composer.errors import ComposerError
from composer.models import DraftChannel, Engine, SenderText
from composer.offline import engine as offline
from composer.plan import MessagePlan, build_plan
from composer.replies import parse_reply
from composer.strategies import Strategy, message_file
from composer.text import fit, one_line

if TYPE_CHECKING:
    from composer.templates import TemplateStore

STRUCTURE_LANGUAGE = "en"  # messages/NAME/en.j2 is the structure every language shares


def structure_file(store: TemplateStore, strategy: Strategy, language: str) -> str:
    """The template that lays out a draft in `language`."""
    for candidate in (language, STRUCTURE_LANGUAGE):
        name = message_file(strategy.name, candidate)
        if store.exists(name):
            return name
    where = store.user_dir or store.shipped_dir
    raise ComposerError(
        f"strategy '{strategy.name}' has no message template: add {message_file(strategy.name, 'en')} "
        f"in {where}, or use the LLM engine"
    )


def written_languages(store: TemplateStore, strategy: Strategy) -> list[str]:
    """The languages the template engine writes `strategy` in: each one with a message template of its
    own, and every language with a phrase file when the shared structure takes its words from `say()`."""
    if strategy.builtin:  # written from the language packs unless the user edits its template
        return sorted(set(offline.packs.available()) | _edited_languages(store, strategy))
    codes = {code for code in languages.SUPPORTED if store.exists(message_file(strategy.name, code))}
    shared = message_file(strategy.name, STRUCTURE_LANGUAGE)
    if store.exists(shared) and "say(" in store.source(shared):
        codes |= set(phrases.available())
    return sorted(codes)


def _edited_languages(store: TemplateStore, strategy: Strategy) -> set[str]:
    return {code for code in languages.SUPPORTED if store.exists(message_file(strategy.name, code))}


def missing_versions(plan: MessagePlan) -> str:
    """'your offer and your proof point' for the texts with no version in the requested language."""
    words = {
        SenderText.OFFER: "your offer",
        SenderText.PROBLEM: "the problem you solve",
        SenderText.PROOF: "your proof point",
        SenderText.ASK: "your preferred ask",
    }
    return " and ".join(words[kind] for kind in plan.missing)


def language_warnings(plan: MessagePlan) -> list[str]:
    wanted, used = languages.name(plan.requested_language), languages.name(plan.language)
    if plan.language == plan.requested_language:
        return []
    if plan.missing:
        return [
            f"no {wanted} version of {missing_versions(plan)}: the draft is in {used}, so it does not mix "
            f"languages; add a {wanted} version of {missing_versions(plan)} in You"
        ]
    known = ", ".join(phrases.available())
    return [f"the offline engine writes {known}, not {wanted}: the draft is in {used}"]


def edited_structure(job: Job) -> bool:
    """Whether the user changed the strategy's message template for the language asked for (or the
    shared English structure every language follows), or wrote the strategy: then the draft follows
    their Jinja template rather than the language packs' whole messages."""
    if not job.strategy.builtin:
        return True
    store = job.store
    for code in {job.language, STRUCTURE_LANGUAGE}:
        name = message_file(job.strategy.name, code)
        if store.exists(name) and store.source(name) != store.default_source(name):
            return True
    return False


def render(job: Job, *, variant: int = 0) -> RawDraft:
    if not edited_structure(job):
        return offline.render(job, variant=variant)
    plan = build_plan(job.lead, job.sender, job.settings, variant=variant)
    name = structure_file(job.store, job.strategy, plan.language)
    extra: list[str] = []
    if not name.endswith(f"/{plan.language}.j2") and "say(" not in job.store.source(name):
        # an English template of the user's own, not a shared structure: the draft is in English
        extra.append(
            f"no {languages.name(plan.language)} template for {job.strategy.title}: the draft is in English"
        )
        english = job.settings.model_copy(update={"language": STRUCTURE_LANGUAGE})
        plan = replace(
            build_plan(job.lead, job.sender, english, variant=variant),
            requested_language=plan.requested_language,
        )
    language = plan.language
    context = message_context(job, language=language, variant=variant, plan=plan)
    subject, body = parse_reply(job.store.render(name, context))
    if job.settings.channel is DraftChannel.CONNECTION_NOTE:
        # the templates write the paid plans' note; a shorter one (the free 200) drops middle sentences
        body = fit(one_line(body), limits(DraftChannel.CONNECTION_NOTE, job.lengths).body, keep_last=True)
    warnings = language_warnings(plan) + extra
    if job.settings.channel is not DraftChannel.CONNECTION_NOTE and not subject:
        warnings.append(f"{name} produced no 'Subject:' line")
    table = phrases.load(language)
    known = (job.store.source(name), table.source if table else "")
    return RawDraft(
        subject=subject,
        body=body,
        language=language,
        requested_language=plan.requested_language,
        engine=Engine.TEMPLATE,
        warnings=warnings,
        extra_known=known,
        missing=plan.missing,
    )
