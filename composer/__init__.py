"""Drafting: models, strategies, the offline template engine, the LLM engine and the draft checks.

Everything a caller needs is importable from here (docs/api.md). Each name loads its module on first use
(PEP 562), so a caller pays only for what it uses: `inmail coach` does not load the drafting machinery,
and the LLM stack (langchain, openai) loads only when the LLM engine runs.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composer.channels import ChannelLimits, account_limits, catalog_limits
    from composer.drafting import recheck
    from composer.errors import (
        ChannelRefused,
        ComposerError,
        InputError,
        LLMError,
        NoFirstMessageError,
        TemplateError,
    )
    from composer.languages import name as language_name
    from composer.llm_client import chat_model, explain_failure
    from composer.llm_config import LLMConfig
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
    from composer.redact import StreamRedactor
    from composer.redact import redact as redact_secrets
    from composer.replies import parse_reply
    from composer.samples import SAMPLE_LEAD, SAMPLE_LEADS, SAMPLE_SENDER
    from composer.service import compose, stream_compose
    from composer.strategies import Strategy, get_strategy, list_strategies
    from composer.template_engine import written_languages
    from composer.templates import (
        Origin,
        Problem,
        TemplateInfo,
        TemplateKind,
        TemplateStore,
        ValidationReport,
        Variable,
    )
    from composer.text import fold, split_sentences
    from composer.wordlists import LANGUAGE_NAMES

_MODULES = {
    "composer.channels": ("ChannelLimits", "account_limits", "catalog_limits"),
    "composer.drafting": ("recheck",),
    "composer.errors": (
        "ChannelRefused",
        "ComposerError",
        "InputError",
        "LLMError",
        "NoFirstMessageError",
        "TemplateError",
    ),
    "composer.llm_client": ("chat_model", "explain_failure"),
    "composer.llm_config": ("LLMConfig",),
    "composer.models": (
        "CheckResult",
        "Draft",
        "DraftChannel",
        "Education",
        "Engine",
        "Experience",
        "Fact",
        "FactKind",
        "Lead",
        "Mood",
        "Outcome",
        "Persona",
        "Sender",
        "Settings",
    ),
    "composer.redact": ("StreamRedactor",),
    "composer.replies": ("parse_reply",),
    "composer.samples": ("SAMPLE_LEAD", "SAMPLE_LEADS", "SAMPLE_SENDER"),
    "composer.service": ("compose", "stream_compose"),
    "composer.strategies": ("Strategy", "get_strategy", "list_strategies"),
    "composer.template_engine": ("written_languages",),
    "composer.templates": (
        "Origin",
        "Problem",
        "TemplateInfo",
        "TemplateKind",
        "TemplateStore",
        "ValidationReport",
        "Variable",
    ),
    "composer.text": ("fold", "split_sentences"),
    "composer.wordlists": ("LANGUAGE_NAMES",),
}
# Exported under another name than the module's own (`redact` is also the module's name).
_RENAMED = {
    "language_name": ("composer.languages", "name"),
    "redact_secrets": ("composer.redact", "redact"),
}
_LAZY = {name: (module, name) for module, names in _MODULES.items() for name in names} | _RENAMED


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'composer' has no attribute {name!r}")


__all__ = [
    "LANGUAGE_NAMES",
    "SAMPLE_LEAD",
    "SAMPLE_LEADS",
    "SAMPLE_SENDER",
    "ChannelLimits",
    "ChannelRefused",
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
    "NoFirstMessageError",
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
