"""Drafting for every front end: the app, the CLI, the chat and a batch draft through here.

What a draft depends on besides its lead, sender and settings is gathered in one place: the template
store, the account's length figures (plan and overrides: a connection note is 300 characters on a paid
plan, 200 on a free one or with no plan yet) and the model settings (base URL, model, the key bound to the
server configured beside it, the time budget saved on the Settings page). So a draft is checked against
the same limits wherever it is made. `Workspace.draft`, `stream_draft`, `recheck` and `model_config` call
these; front ends never call the composer's drafting entry points themselves (import-linter forbids it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from composer import ChannelLimits, Draft, Engine, LLMConfig, TemplateStore

BASE_URL_ENV = "OPENAI_BASE_URL"
MODEL_ENV = "INMAIL_MODEL"
KEY_ENV = "OPENAI_API_KEY"


@dataclass(frozen=True, kw_only=True)
class ModelSources:
    """The model settings as a front end found them.

    `env`: the configured values (OPENAI_BASE_URL, OPENAI_API_KEY, INMAIL_MODEL, INMAIL_LLM_*) from the
    environment or Streamlit secrets; the key there is bound to the base URL beside it. The rest is what
    the user chose now, for this session or this command only: another server (`base_url`), a `model`, a
    key typed for that server (`api_key`, never stored), `trust_key` to send the configured key there too,
    and a time `budget` per draft that wins over the one saved in the data directory.
    """

    env: Mapping[str, str] = field(default_factory=dict)
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    trust_key: bool = False
    budget: float | None = None


def model_config(sources: ModelSources, *, saved_budget: float | None) -> LLMConfig | None:
    """The model to draft with, or None to stay on the offline template engine."""
    from composer import LLMConfig

    env = {name: value for name, value in sources.env.items() if isinstance(value, str)}
    key_server = env.get(BASE_URL_ENV, "").strip() or None
    key = env.get(KEY_ENV, "").strip()
    if sources.model:
        env[MODEL_ENV] = sources.model
    base_url = (sources.base_url or "").strip() or key_server
    typed_key = (sources.api_key or "").strip()
    if not base_url and not key and not typed_key:
        return None
    config = LLMConfig.from_env(env | {BASE_URL_ENV: key_server or base_url or ""})
    if config is None:  # only a key typed for the page's server
        named = env.get(MODEL_ENV, "").strip()
        config = LLMConfig(model=named) if named else LLMConfig()
    if base_url != key_server or typed_key:
        config = config.with_server(base_url, api_key=typed_key or None, trust_key=sources.trust_key)
    for budget in (saved_budget, sources.budget):  # the later wins
        if budget is not None:
            config = config.model_copy(update={"budget": budget})
    return config


@dataclass(frozen=True)
class Drafter:
    """One account's drafting: its template store and length figures, fixed for a run of drafts."""

    store: TemplateStore
    lengths: ChannelLimits | None

    def draft(
        self,
        lead: Any,
        sender: Any,
        settings: Any,
        *,
        engine: Engine | None = None,
        llm: LLMConfig | None = None,
        chat: BaseChatModel | None = None,
    ) -> list[Draft]:
        """One draft per variant (`composer.compose`); `engine` None: the template engine."""
        from composer import Engine, compose

        return compose(
            lead,
            sender,
            settings,
            store=self.store,
            engine=engine or Engine.TEMPLATE,
            llm=llm,
            lengths=self.lengths,
            chat=chat,
        )

    def stream(
        self,
        lead: Any,
        sender: Any,
        settings: Any,
        *,
        llm: LLMConfig | None,
        chat: BaseChatModel | None = None,
    ) -> Iterator[str | Draft]:
        from composer import stream_compose

        return stream_compose(
            lead, sender, settings, store=self.store, llm=llm, lengths=self.lengths, chat=chat
        )

    def recheck(self, draft: Draft, **changes: Any) -> Draft:
        """`composer.recheck` against this account's length figures (an edited or revised text)."""
        from composer import recheck

        return recheck(draft, lengths=self.lengths, **changes)
