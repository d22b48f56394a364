"""Drafting: models, strategies, the offline template engine, the LLM engine and the draft checks.

Everything a caller needs is importable from here (docs/api.md). The LLM stack (langchain, openai) is
imported only when the LLM engine runs, so the offline path stays fast.
"""

from composer.errors import ComposerError, InputError, LLMError, TemplateError
from composer.llm_config import LLMConfig
from composer.models import (
    Channel,
    CheckResult,
    Draft,
    Education,
    Engine,
    Experience,
    Fact,
    FactKind,
    Lead,
    Mood,
    Persona,
    Sender,
    Settings,
)
from composer.samples import SAMPLE_LEAD, SAMPLE_LEADS, SAMPLE_SENDER
from composer.service import compose, stream_compose
from composer.strategies import Strategy, get_strategy, list_strategies

__all__ = [
    "SAMPLE_LEAD",
    "SAMPLE_LEADS",
    "SAMPLE_SENDER",
    "Channel",
    "CheckResult",
    "ComposerError",
    "Draft",
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
    "Persona",
    "Sender",
    "Settings",
    "Strategy",
    "TemplateError",
    "compose",
    "get_strategy",
    "list_strategies",
    "stream_compose",
]
