"""The shipped Jinja2 templates (LLM prompts, offline messages, strategy metadata) and their store."""

from prompts.loader import Origin, Problem, TemplateInfo, TemplateKind, TemplateStore, ValidationReport

__all__ = ["Origin", "Problem", "TemplateInfo", "TemplateKind", "TemplateStore", "ValidationReport"]
