"""Drafting: models, strategies, the offline template engine, the LLM engine and the draft checks.

Everything a caller needs is importable from here (docs/api.md). The LLM stack (langchain, openai) is
imported only when the LLM engine runs, so the offline path stays fast.
"""

from typing import TYPE_CHECKING, Any

from composer.channels import ChannelLimits, account_limits, catalog_limits
from composer.drafting import recheck
from composer.errors import ComposerError, InputError, LLMError, TemplateError
from composer.languages import name as language_name
from composer.models import (
    CheckResult,
    Draft,
    DraftChannel,
    Education,
    Engine,
    Experience,
    Fact,
    FactKind,
    Lead,
    Mood,
    Outcome,
    Persona,
    Sender,
    Settings,
)
from composer.replies import parse_reply
from composer.service import compose, stream_compose
from composer.strategies import Strategy, get_strategy, list_strategies
from composer.text import fold, split_sentences
from composer.wordlists import LANGUAGE_NAMES

if TYPE_CHECKING:
    from composer.llm_client import chat_model, explain_failure
    from composer.llm_config import LLMConfig
    from composer.redact import StreamRedactor
    from composer.redact import redact as redact_secrets
    from composer.samples import SAMPLE_LEAD, SAMPLE_LEADS, SAMPLE_SENDER
    from composer.templates import (
        Origin,
        Problem,
        TemplateInfo,
        TemplateKind,
        TemplateStore,
        ValidationReport,
        Variable,
    )

# Loaded on first use (PEP 562): the model settings and the samples are not on the offline draft path, and
# the template store's package imports the composer modules above (so it comes after them, never before).
_LAZY = {
    "written_languages": "composer.template_engine",
    "LLMConfig": "composer.llm_config",
    "SAMPLE_LEAD": "composer.samples",
    "SAMPLE_LEADS": "composer.samples",
    "SAMPLE_SENDER": "composer.samples",
    "Origin": "composer.templates",
    "Problem": "composer.templates",
    "TemplateInfo": "composer.templates",
    "TemplateKind": "composer.templates",
    "TemplateStore": "composer.templates",
    "ValidationReport": "composer.templates",
    "Variable": "composer.templates",
    "chat_model": "composer.llm_client",
    "explain_failure": "composer.llm_client",
}


# Exported under another name: `composer.redact` is the module's own name.
_RENAMED = {
    "redact_secrets": ("composer.redact", "redact"),
    "StreamRedactor": ("composer.redact", "StreamRedactor"),
}


def __getattr__(name: str) -> Any:
    if name in _RENAMED:
        import importlib

        module, attribute = _RENAMED[name]
        return getattr(importlib.import_module(module), attribute)
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'composer' has no attribute {name!r}")


__all__ = [
    "LANGUAGE_NAMES",
    "SAMPLE_LEAD",
    "SAMPLE_LEADS",
    "SAMPLE_SENDER",
    "ChannelLimits",
    "CheckResult",
    "ComposerError",
    "Draft",
    "DraftChannel",
    "Education",
    "Engine",
    "Experience",
    "Fact",
    "FactKind",
    "InputError",
    "LLMConfig",
    "LLMError",
    "Lead",
    "Mood",
    "Origin",
    "Outcome",
    "Persona",
    "Problem",
    "Sender",
    "Settings",
    "Strategy",
    "StreamRedactor",
    "TemplateError",
    "TemplateInfo",
    "TemplateKind",
    "TemplateStore",
    "ValidationReport",
    "Variable",
    "account_limits",
    "catalog_limits",
    "chat_model",
    "compose",
    "explain_failure",
    "fold",
    "get_strategy",
    "language_name",
    "list_strategies",
    "parse_reply",
    "recheck",
    "redact_secrets",
    "split_sentences",
    "stream_compose",
    "written_languages",
]
