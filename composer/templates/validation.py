"""Validating a template before it is saved: syntax (with line numbers), sandbox refusals, variables the
composer does not provide, missing imports, and a preview render against the sample lead and sender."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import meta, nodes
from jinja2.exceptions import TemplateSyntaxError

from composer.contexts import MESSAGE_VARIABLES, PROMPT_VARIABLES, Picker
from composer.errors import ComposerError, TemplateError
from composer.strategies import Strategy, get_strategy, parse_strategy
from composer.templates.memo import LRU
from composer.templates.models import Problem, TemplateKind, ValidationReport, Variable, kind_of
from composer.text import cut, one_line

if TYPE_CHECKING:
    from composer.templates.store import TemplateStore

PREVIEW_STRATEGY = "rabt"  # shared phrase files (messages/common/*) are previewed through this strategy
SAMPLE_DRAFT = "Subject: ...\n\nHi Maria, ..."  # what a prompt's `draft` holds in previews


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
        message = f"unknown variable `{variable}`; the template can use: {listed}"
        problems.append(Problem(line=_first_line(tree, variable), message=message))
    problems += _unknown_fields(tree, sample_context(store, kind))
    for reference in meta.find_referenced_templates(tree):
        if reference and not store.with_overlay({name: text}).exists(reference):
            problems.append(Problem(message=f"'{reference}' is not a template: run `inmail templates list`"))
    return problems


def _unknown_fields(tree: nodes.Template, context: dict[str, Any]) -> list[Problem]:
    """`lead.nickname` where `lead` has no such field, found before anything runs."""
    fields = {key: set(value) for key, value in context.items() if isinstance(value, dict)}
    assigned = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    # `lead.x is defined`, `lead.x|default("")`: the template is written for a field that may be missing
    guarded = {_field(n.node) for n in tree.find_all((nodes.Test, nodes.Filter)) if n.name in _GUARDS}
    problems, seen = [], set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        found = _field(node)
        if found is None or found in guarded or found in seen:
            continue
        owner, field = found
        if owner not in fields or owner in assigned or field in fields[owner] or field in _DICT_METHODS:
            continue
        seen.add(found)
        listed = ", ".join(sorted(fields[owner]))
        message = f"unknown field `{owner}.{field}`; `{owner}` has: {listed}"
        problems.append(Problem(line=node.lineno, message=message))
    return problems


def _field(node: nodes.Node | None) -> tuple[str, str] | None:
    match node:
        case nodes.Getattr(node=nodes.Name(name=owner), attr=field):
            return owner, field
        case nodes.Getitem(node=nodes.Name(name=owner), arg=nodes.Const(value=str() as field)):
            return owner, field
    return None


_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_GUARDS = frozenset({"defined", "undefined", "default", "d"})


# -- the variables a template sees, with the sample lead's values


def sample_context(store: TemplateStore, kind: TemplateKind) -> dict[str, Any]:
    """What a message template or a prompt gets for the sample lead and sender (English InMail)."""
    from composer.contexts import message_context, prompt_context
    from composer.drafting import Job
    from composer.models import Settings
    from composer.samples import SAMPLE_LEAD, SAMPLE_SENDER

    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store, _preview_strategy(store, PREVIEW_STRATEGY))
    if kind is TemplateKind.PROMPT:
        return prompt_context(job, language="en", draft=SAMPLE_DRAFT)
    return message_context(job, language="en")


def _example(value: Any) -> str:
    if isinstance(value, Picker):
        return 'pick("Hi", "Hello") gives one of its options, always the same one for this lead'
    if value is None or value == "":
        return "(empty for the sample lead)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | frozenset):
        if value and all(isinstance(item, dict) for item in value):
            return f"{len(value)} items, each with " + ", ".join(next(iter(value)))
        return cut(", ".join(map(str, value)), 100) or "(empty for the sample lead)"
    return cut(one_line(str(value)), 100)


VARIABLES: LRU[tuple[Variable, ...]] = LRU(maxsize=32)  # the editor asks on every rerun


def variables(store: TemplateStore, name: str) -> list[Variable]:
    """Each variable template `name` can use (and each field of a dict one), with its sample value."""
    kind = kind_of(name)
    found = VARIABLES.get_or_make((store.fingerprint(), name), lambda: tuple(_variables(store, name, kind)))
    return [variable.model_copy() for variable in found]


def _variables(store: TemplateStore, name: str, kind: TemplateKind) -> list[Variable]:
    if kind is TemplateKind.STRATEGY:
        strategy = _preview_strategy(store, PREVIEW_STRATEGY).as_context()
        return [
            Variable(name="title", example=_example(strategy["title"])),
            Variable(name="description", example=_example(strategy["description"])),
            Variable(name="sections", example=_example(strategy["sections"])),
            Variable(name="guidance", example='a [guidance] table: Section = "what that section does"'),
        ]
    provided = MESSAGE_VARIABLES if kind is TemplateKind.MESSAGE else PROMPT_VARIABLES
    found = []
    for key, value in sample_context(store, kind).items():
        if key not in provided:
            continue
        if isinstance(value, dict):
            found.append(Variable(name=key, example=f"fields: {', '.join(value)}"))
            found += [
                Variable(name=f"{key}.{field}", example=_example(item)) for field, item in value.items()
            ]
        else:
            found.append(Variable(name=key, example=_example(value)))
    return found


# -- previews: the template run against the sample lead and sender, so no branch hides an error


def _preview_strategy(store: TemplateStore, name: str) -> Strategy:
    if store.exists(f"strategies/{name}.toml"):
        return get_strategy(store, name)
    # a message template saved before its metadata: preview it anyway
    return Strategy(
        name=name, title=name.upper(), description="(no strategies/NAME.toml yet)", sections=["Body"]
    )


def message_preview(store: TemplateStore, name: str) -> str:
    """Every channel of messages/STRATEGY/LANG.j2 for the sample lead."""
    from composer import template_engine
    from composer.drafting import Job, finish
    from composer.models import DraftChannel, Settings
    from composer.samples import SAMPLE_LEAD, SAMPLE_SENDER

    _, strategy_name, file = name.split("/")
    language = file.removesuffix(".j2")
    if strategy_name == "common":
        strategy_name = PREVIEW_STRATEGY
    strategy = _preview_strategy(store, strategy_name)
    lead = SAMPLE_LEAD.model_copy(update={"language": language})
    parts = []
    for channel in DraftChannel:
        settings = Settings(strategy=strategy.name, channel=channel, language=language)
        job = Job(lead, SAMPLE_SENDER, settings, store, strategy)
        draft = finish(template_engine.render(job), job)
        parts.append(f"--- {channel.value} ---\n{draft.text()}")
    return "\n\n".join(parts)


def prompt_preview(store: TemplateStore, name: str) -> str:
    from composer.contexts import prompt_context
    from composer.drafting import Job
    from composer.models import Settings
    from composer.samples import SAMPLE_LEAD, SAMPLE_SENDER

    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store, get_strategy(store, PREVIEW_STRATEGY))
    context = prompt_context(job, language="en", draft=SAMPLE_DRAFT)
    return store.render(name, context)


def strategy_preview(store: TemplateStore, name: str) -> str | None:
    """The strategy's English InMail for the sample lead, when it has a message template."""
    from composer import template_engine
    from composer.drafting import Job, finish
    from composer.models import Settings
    from composer.samples import SAMPLE_LEAD, SAMPLE_SENDER

    strategy = get_strategy(store, name)
    if not store.exists(f"messages/{name}/en.j2"):
        return None
    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(strategy=name, language="en"), store, strategy)
    return finish(template_engine.render(job), job).text()


def _preview(store: TemplateStore, name: str, kind: TemplateKind) -> str | None:
    match kind:
        case TemplateKind.MESSAGE:
            return message_preview(store, name)
        case TemplateKind.PROMPT:
            return prompt_preview(store, name)
        case TemplateKind.STRATEGY:
            return strategy_preview(store, name.removeprefix("strategies/").removesuffix(".toml"))


REPORTS: LRU[ValidationReport] = LRU(maxsize=64)  # a few per template being edited, each a few kB


def validate(store: TemplateStore, name: str, text: str, *, preview: bool = True) -> ValidationReport:
    """The report for `text` as template `name`; the same question about the same files is answered once.

    The key holds the store's `fingerprint()` (every template in force, by content), so a saved edit, a
    new or deleted file, or another overlay is a new question.
    """
    key = (store.fingerprint(), name, text, preview)
    report = REPORTS.get_or_make(key, lambda: _validate(store, name, text, preview=preview))
    return report.model_copy(deep=True)  # callers may change theirs; the cached one stays as made


def _validate(store: TemplateStore, name: str, text: str, *, preview: bool) -> ValidationReport:
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
