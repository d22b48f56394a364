"""Preview renders for template validation: a template shown against the sample lead and sender."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer import template_engine
from composer.contexts import prompt_context
from composer.drafting import Job, finish
from composer.models import Channel, Settings
from composer.samples import SAMPLE_LEAD, SAMPLE_SENDER
from composer.strategies import Strategy, get_strategy

if TYPE_CHECKING:
    from prompts.loader import TemplateStore

PREVIEW_STRATEGY = "rabt"  # shared phrase files (messages/common/*) are previewed through this strategy


def _strategy(store: TemplateStore, name: str) -> Strategy:
    if store.exists(f"strategies/{name}.toml"):
        return get_strategy(store, name)
    # a message template saved before its metadata: preview it anyway
    return Strategy(
        name=name, title=name.upper(), description="(no strategies/NAME.toml yet)", sections=["Body"]
    )


def message_preview(store: TemplateStore, name: str) -> str:
    """Every channel of messages/STRATEGY/LANG.j2 for the sample lead, so no branch hides an error."""
    _, strategy_name, file = name.split("/")
    language = file.removesuffix(".j2")
    if strategy_name == "common":
        strategy_name = PREVIEW_STRATEGY
    strategy = _strategy(store, strategy_name)
    lead = SAMPLE_LEAD.model_copy(update={"language": language})
    parts = []
    for channel in Channel:
        settings = Settings(strategy=strategy.name, channel=channel, language=language)
        job = Job(lead, SAMPLE_SENDER, settings, store, strategy)
        draft = finish(template_engine.render(job), job)
        parts.append(f"--- {channel.value} ---\n{draft.text()}")
    return "\n\n".join(parts)


def prompt_preview(store: TemplateStore, name: str) -> str:
    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store, get_strategy(store, PREVIEW_STRATEGY))
    context = prompt_context(job, language="en", draft="Subject: ...\n\nHi Maria, ...")
    return store.render(name, context)


def strategy_preview(store: TemplateStore, name: str) -> str | None:
    """The strategy's English InMail for the sample lead, when it has a message template."""
    strategy = get_strategy(store, name)
    if not store.exists(f"messages/{name}/en.j2"):
        return None
    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy=name, language="en"), store, strategy)
    return finish(template_engine.render(job), job).text()
