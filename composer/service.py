"""compose and stream_compose: the two calls the CLI, the app and the chat make (docs/api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, assert_never

from composer import template_engine
from composer.channels import ChannelLimits
from composer.drafting import Job, finish
from composer.errors import ComposerError, LLMError
from composer.models import Draft, Engine, Lead, Sender, Settings
from composer.strategies import get_strategy

if TYPE_CHECKING:
    from composer.llm_config import LLMConfig
    from composer.templates import TemplateStore

MAX_CONCURRENCY = 8


def _job(lead: Any, sender: Any, settings: Any, store: TemplateStore, lengths: ChannelLimits | None) -> Job:
    lead, sender, settings = Lead.from_data(lead), Sender.from_data(sender), Settings.from_data(settings)
    return Job(lead, sender, settings, store, get_strategy(store, settings.strategy), lengths)


def _template_draft(job: Job, variant: int = 0) -> Draft:
    with job.store.pinned():
        return finish(template_engine.render(job, variant=variant), job)


def _fallback(job: Job, variant: int, why: str) -> Draft:
    draft = _template_draft(job, variant)
    notice = f"the model failed ({why}); this draft comes from the offline template engine"
    return draft.model_copy(update={"warnings": [notice, *draft.warnings]})


def _llm_draft(job: Job, config: LLMConfig, variant: int) -> Draft:
    from composer import llm_engine

    try:
        raw = llm_engine.generate(job, config=config, variant=variant)
    except LLMError as exc:
        return _fallback(job, variant, str(exc))
    return finish(raw, job)


def _require(llm: LLMConfig | None) -> LLMConfig:
    if llm is None:
        raise ComposerError(
            "no model is configured: set OPENAI_BASE_URL and INMAIL_MODEL (and OPENAI_API_KEY if the server "
            "needs one), or use the template engine"
        )
    return llm


def compose(
    lead: Lead | dict,
    sender: Sender | dict,
    settings: Settings | dict,
    *,
    store: TemplateStore,
    engine: Engine = Engine.TEMPLATE,
    llm: LLMConfig | None = None,
    lengths: ChannelLimits | None = None,
) -> list[Draft]:
    """One draft per variant. With the LLM engine, variants run concurrently and a failed one falls back
    to the template engine with a warning that says why. `lengths`: the account's length figures
    (`composer.channels.account_limits`); None checks against the shipped figures with no plan."""
    with store.pinned():  # each template file is looked up once per call, not once per use
        job = _job(lead, sender, settings, store, lengths)
        variants = range(job.settings.variants)
        match engine:
            case Engine.TEMPLATE:
                return [_template_draft(job, v) for v in variants]
            case Engine.LLM:
                from concurrent.futures import ThreadPoolExecutor

                config = _require(llm)
                with ThreadPoolExecutor(max_workers=min(len(variants), MAX_CONCURRENCY)) as pool:
                    return list(pool.map(lambda v: _llm_draft(job, config, v), variants))
            case _:
                assert_never(engine)


def stream_compose(
    lead: Lead | dict,
    sender: Sender | dict,
    settings: Settings | dict,
    *,
    store: TemplateStore,
    llm: LLMConfig | None,
    lengths: ChannelLimits | None = None,
) -> Iterator[str | Draft]:
    """Text chunks as the model writes them, then exactly one Draft (the first variant).

    Without a model, or when the model fails, the Draft comes from the template engine; a failure adds a
    warning that says why. Chunks already shown are replaced by that Draft.
    """
    with store.pinned():
        job = _job(lead, sender, settings, store, lengths)
    if llm is None:
        draft = _template_draft(job)
        yield draft.text()
        yield draft
        return
    from composer import llm_engine

    raw = None
    try:
        for item in llm_engine.stream(job, config=llm):
            if isinstance(item, str):
                yield item
            else:
                raw = item
    except LLMError as exc:
        yield _fallback(job, 0, str(exc))
        return
    if raw is None:  # the engine always ends with a RawDraft; guard against a silent early stop
        yield _fallback(job, 0, "the model's stream ended without a draft")
        return
    yield finish(raw, job)
