"""compose and stream_compose: the two calls the CLI, the app and the chat make (docs/api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, assert_never

from composer import template_engine
from composer.drafting import finish
from composer.errors import ComposerError, LLMError
from composer.models import Draft, Engine, Lead, Sender, Settings
from composer.strategies import Strategy, get_strategy

if TYPE_CHECKING:
    from composer.llm_config import LLMConfig
    from prompts.loader import TemplateStore

MAX_CONCURRENCY = 8


def _inputs(lead: Any, sender: Any, settings: Any) -> tuple[Lead, Sender, Settings]:
    return Lead.from_data(lead), Sender.from_data(sender), Settings.from_data(settings)


def _template_draft(
    lead: Lead, sender: Sender, settings: Settings, *, store: TemplateStore, strategy: Strategy, variant: int = 0
) -> Draft:
    raw = template_engine.render(lead, sender, settings, store=store, strategy=strategy, variant=variant)
    return finish(raw, lead, sender, settings, strategy=strategy)


def _fallback(
    lead: Lead, sender: Sender, settings: Settings, *, store: TemplateStore, strategy: Strategy, variant: int, why: str
) -> Draft:
    draft = _template_draft(lead, sender, settings, store=store, strategy=strategy, variant=variant)
    notice = f"the model failed ({why}); this draft comes from the offline template engine"
    return draft.model_copy(update={"warnings": [notice, *draft.warnings]})


def _llm_draft(
    lead: Lead,
    sender: Sender,
    settings: Settings,
    *,
    store: TemplateStore,
    strategy: Strategy,
    config: LLMConfig,
    variant: int,
) -> Draft:
    from composer import llm_engine

    try:
        raw = llm_engine.generate(lead, sender, settings, store=store, strategy=strategy, config=config, variant=variant)
    except LLMError as exc:
        return _fallback(lead, sender, settings, store=store, strategy=strategy, variant=variant, why=str(exc))
    return finish(raw, lead, sender, settings, strategy=strategy)


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
) -> list[Draft]:
    """One draft per variant. With the LLM engine, variants run concurrently and a failed one falls back
    to the template engine with a warning that says why."""
    lead, sender, settings = _inputs(lead, sender, settings)
    strategy = get_strategy(store, settings.strategy)
    variants = range(settings.variants)
    match engine:
        case Engine.TEMPLATE:
            return [_template_draft(lead, sender, settings, store=store, strategy=strategy, variant=v) for v in variants]
        case Engine.LLM:
            from concurrent.futures import ThreadPoolExecutor

            config = _require(llm)
            with ThreadPoolExecutor(max_workers=min(settings.variants, MAX_CONCURRENCY)) as pool:
                futures = [
                    pool.submit(
                        _llm_draft, lead, sender, settings, store=store, strategy=strategy, config=config, variant=v
                    )
                    for v in variants
                ]
                return [future.result() for future in futures]
        case _:
            assert_never(engine)


def stream_compose(
    lead: Lead | dict,
    sender: Sender | dict,
    settings: Settings | dict,
    *,
    store: TemplateStore,
    llm: LLMConfig | None,
) -> Iterator[str | Draft]:
    """Text chunks as the model writes them, then exactly one Draft (the first variant).

    Without a model, or when the model fails, the Draft comes from the template engine; a failure adds a
    warning that says why. Chunks already shown are replaced by that Draft.
    """
    lead, sender, settings = _inputs(lead, sender, settings)
    strategy = get_strategy(store, settings.strategy)
    if llm is None:
        draft = _template_draft(lead, sender, settings, store=store, strategy=strategy)
        yield draft.text()
        yield draft
        return
    from composer import llm_engine

    raw = None
    try:
        for item in llm_engine.stream(lead, sender, settings, store=store, strategy=strategy, config=llm):
            if isinstance(item, str):
                yield item
            else:
                raw = item
    except LLMError as exc:
        yield _fallback(lead, sender, settings, store=store, strategy=strategy, variant=0, why=str(exc))
        return
    if raw is None:  # the engine always ends with a RawDraft; guard against a silent early stop
        why = "the model's stream ended without a draft"
        yield _fallback(lead, sender, settings, store=store, strategy=strategy, variant=0, why=why)
        return
    yield finish(raw, lead, sender, settings, strategy=strategy)
