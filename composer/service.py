"""compose and stream_compose: the two calls the CLI, the app and the chat make (docs/api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, assert_never

from composer import template_engine
from composer.channels import ChannelLimits
from composer.drafting import Job, finish
from composer.errors import ChannelRefused, ComposerError, NoFirstMessageError
from composer.models import Draft, DraftChannel, Engine, Lead, Outcome, Sender, Settings
from composer.strategies import get_strategy

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from composer.llm_config import LLMConfig
    from composer.llm_engine import Result
    from composer.templates import TemplateStore

MAX_CONCURRENCY = 8


def _job(lead: Any, sender: Any, settings: Any, store: TemplateStore, lengths: ChannelLimits | None) -> Job:
    lead, sender, settings = Lead.from_data(lead), Sender.from_data(sender), Settings.from_data(settings)
    by_inmail = settings.channel in (DraftChannel.INMAIL, DraftChannel.FOLLOW_UP)  # a follow-up is an InMail
    if by_inmail and not lead.accepts_inmail and not lead.open_profile:
        # no rewrite can fix the channel: refuse before any engine or model is asked
        raise ChannelRefused(lead.first_name, channel=settings.channel.value, instead="connection_note")
    if settings.channel is DraftChannel.FOLLOW_UP and settings.first_message_sent is False:
        raise NoFirstMessageError(lead.full_name)
    return Job(lead, sender, settings, store, get_strategy(store, settings.strategy), lengths)


def _template_draft(job: Job, variant: int = 0) -> Draft:
    with job.store.pinned():
        return finish(template_engine.render(job, variant=variant), job)


def _clean(draft: Draft, config: LLMConfig) -> Draft:
    """Every text the draft carries passes the one redaction step before anyone shows or stores it."""
    from composer.redact import redact

    secrets = config.secrets()
    return draft.model_copy(
        update={
            "warnings": [redact(w, secrets=secrets) for w in draft.warnings],
            "why": redact(draft.why, secrets=secrets),
            "alternatives": [_clean(a, config) for a in draft.alternatives],
        }
    )


def _result(job: Job, variant: int, result: Result, config: LLMConfig) -> Draft:
    """The model's draft when it passed its checks, else the template engine's with a visible warning
    and the model's attempt kept as an alternative."""
    if result.draft is not None and not result.repaired:
        draft = result.draft.model_copy(
            update={"outcome": Outcome.MODEL, "why": "the model's draft passed its checks"}
        )
    elif result.draft is not None:
        why = (
            f"the model's first draft failed its checks ({', '.join(result.repaired)}) "
            "and passed after one repair"
        )
        draft = result.draft.model_copy(
            update={"outcome": Outcome.REPAIRED, "why": why, "warnings": [why, *result.draft.warnings]}
        )
    else:
        fallback = _template_draft(job, variant)
        kept = "; the model's attempt is kept as an alternative" if result.attempt else ""
        why = f"the model's draft could not be used: {result.why}"
        notice = f"{why}; this draft comes from the offline template engine{kept}"
        draft = fallback.model_copy(
            update={
                "outcome": Outcome.FALLBACK,
                "why": why,
                "warnings": [notice, *fallback.warnings],
                "alternatives": [result.attempt] if result.attempt else [],
            }
        )
    return _clean(draft, config)


def _llm_draft(job: Job, config: LLMConfig, variant: int, chat: BaseChatModel | None) -> Draft:
    from composer import llm_engine

    result = None
    for item in llm_engine.run(job, config=config, variant=variant, model=chat):
        if isinstance(item, llm_engine.Result):
            result = item
    assert result is not None  # run always ends with one Result
    return _result(job, variant, result, config)


def _require(llm: LLMConfig | None, chat: BaseChatModel | None) -> LLMConfig:
    if llm is not None:
        return llm
    if chat is not None:  # an injected model (tests, notebooks): the config only names it
        from composer.llm_config import LLMConfig

        return LLMConfig(model=str(getattr(chat, "model_name", None) or type(chat).__name__))
    raise ComposerError(
        "no model is configured: set OPENAI_BASE_URL and INMAIL_MODEL (and OPENAI_API_KEY if the server "
        "needs one), or use the template engine"
    )


def compose(
    lead: Lead | dict,
    sender: Sender | dict,
    settings: Settings | dict,
    *,
    store: TemplateStore,
    engine: Engine = Engine.TEMPLATE,
    llm: LLMConfig | None = None,
    lengths: ChannelLimits | None = None,
    chat: BaseChatModel | None = None,
) -> list[Draft]:
    """One draft per variant. With the LLM engine, variants run concurrently; a variant whose model draft
    fails its checks after one repair (or whose model fails) is the template engine's draft with a warning
    that says why. `lengths`: the account's length figures (`composer.channels.account_limits`); None
    checks against the shipped figures with no plan. `chat` injects a LangChain chat model in place of the
    one `llm` describes."""
    with store.pinned():  # each template file is looked up once per call, not once per use
        job = _job(lead, sender, settings, store, lengths)
        variants = range(job.settings.variants)
        match engine:
            case Engine.TEMPLATE:
                return [_template_draft(job, v) for v in variants]
            case Engine.LLM:
                from concurrent.futures import ThreadPoolExecutor

                config = _require(llm, chat)
                if len(variants) == 1:  # no thread to start and join for one draft
                    return [_llm_draft(job, config, 0, chat)]
                with ThreadPoolExecutor(max_workers=min(len(variants), MAX_CONCURRENCY)) as pool:
                    return list(pool.map(lambda v: _llm_draft(job, config, v, chat), variants))
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
    chat: BaseChatModel | None = None,
) -> Iterator[str | Draft]:
    """Text chunks as the model writes them, then exactly one Draft (the first variant).

    The checks run when the stream ends. A repair round is announced by a line in the stream and its
    text streams too; without a model, or when the model's draft cannot be used, the Draft comes from the
    template engine with a warning that says why. Chunks already shown are replaced by that Draft.
    """
    with store.pinned():
        job = _job(lead, sender, settings, store, lengths)
    if llm is None and chat is None:
        draft = _template_draft(job)
        yield draft.text()
        yield draft
        return
    from composer import llm_engine
    from composer.redact import StreamRedactor

    config = _require(llm, chat)
    result = None
    guard = StreamRedactor(secrets=config.secrets())
    for item in llm_engine.run(job, config=config, model=chat):
        if not isinstance(item, str):
            result = item
        elif shown := guard.feed(item):
            yield shown
    if rest := guard.close():
        yield rest
    assert result is not None  # run always ends with one Result
    yield _result(job, 0, result, config)
