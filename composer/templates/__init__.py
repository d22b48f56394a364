"""The template store and the only place templates run: a Jinja2 sandbox with size and work caps.

The shipped templates are data in the `prompts` package; the user's live in data_dir/"templates".
"""

from composer.templates.models import Origin, Problem, TemplateInfo, TemplateKind, ValidationReport, Variable
from composer.templates.store import TemplateStore

__all__ = [
    "Origin",
    "Problem",
    "TemplateInfo",
    "TemplateKind",
    "TemplateStore",
    "ValidationReport",
    "Variable",
]
