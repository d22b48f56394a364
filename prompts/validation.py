"""Validating a template before it is saved: syntax (with line numbers), sandbox refusals, variables the
composer does not provide, missing imports, and a preview render against the sample lead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import meta, nodes
from jinja2.exceptions import TemplateSyntaxError

from composer.contexts import MESSAGE_VARIABLES, PROMPT_VARIABLES
from composer.errors import ComposerError, TemplateError
from composer.strategies import parse_strategy
from prompts.loader import Problem, TemplateKind, ValidationReport, kind_of

if TYPE_CHECKING:
    from prompts.loader import TemplateStore


def _guess_kind(name: str) -> TemplateKind:
    return TemplateKind.STRATEGY if name.endswith(".toml") else TemplateKind.MESSAGE


def _problem(error: TemplateError, name: str) -> Problem:
    elsewhere = error.name and error.name != name
    line = None if elsewhere else error.line
    return Problem(line=line, message=str(error) if elsewhere else error.reason)


def _first_line(tree: nodes.Template, variable: str) -> int | None:
    return next((n.lineno for n in tree.find_all(nodes.Name) if n.name == variable), None)


def _check_template(store: TemplateStore, name: str, text: str, kind: TemplateKind) -> list[Problem]:
    env = store.with_overlay({name: text})._env
    try:
        tree = env.parse(text, name=name, filename=name)
    except TemplateSyntaxError as exc:
        return [Problem(line=exc.lineno, message=exc.message or str(exc))]
    provided = (MESSAGE_VARIABLES if kind is TemplateKind.MESSAGE else PROMPT_VARIABLES) | set(env.globals)
    problems = []
    for variable in sorted(meta.find_undeclared_variables(tree) - provided):
        listed = ", ".join(sorted(provided - set(env.globals) - {"_charge", "_concat"}))
        message = f"'{variable}' is not a variable the composer provides (it provides: {listed})"
        problems.append(Problem(line=_first_line(tree, variable), message=message))
    for reference in meta.find_referenced_templates(tree):
        if reference and not store.with_overlay({name: text}).exists(reference):
            problems.append(Problem(message=f"'{reference}' is not a template: run `inmail templates list`"))
    return problems


def _preview(store: TemplateStore, name: str, kind: TemplateKind) -> str | None:
    from composer import previews

    match kind:
        case TemplateKind.MESSAGE:
            return previews.message_preview(store, name)
        case TemplateKind.PROMPT:
            return previews.prompt_preview(store, name)
        case TemplateKind.STRATEGY:
            return previews.strategy_preview(store, name.removeprefix("strategies/").removesuffix(".toml"))


def validate(store: TemplateStore, name: str, text: str, *, preview: bool = True) -> ValidationReport:
    try:
        kind = kind_of(name)
    except ComposerError as exc:
        return ValidationReport(name=name, kind=_guess_kind(name), errors=[Problem(message=str(exc))])
    report = ValidationReport(name=name, kind=kind)
    if kind is TemplateKind.STRATEGY:
        strategy_name = name.removeprefix("strategies/").removesuffix(".toml")
        try:
            parse_strategy(strategy_name, text)
        except TemplateError as exc:
            report.errors.append(Problem(line=exc.line, message=exc.reason))
        if not store.exists(f"messages/{strategy_name}/en.j2"):
            report.warnings.append(
                f"no messages/{strategy_name}/en.j2 yet: the LLM engine can use this strategy, the template "
                "engine cannot until you add one"
            )
    else:
        report.errors.extend(_check_template(store, name, text, kind))
    if preview and not report.errors:
        try:
            report.preview = _preview(store.with_overlay({name: text}), name, kind)
        except TemplateError as exc:
            report.errors.append(_problem(exc, name))
        except ComposerError as exc:
            report.warnings.append(f"no preview: {exc}")
    return report
