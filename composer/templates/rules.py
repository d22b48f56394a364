"""What a template may contain, checked on the parsed tree before any of it runs, and the guards woven in.

Refusals name the line, so `inmail templates validate` can point at it. The guards make every loop
iteration and macro call pay into the render's work budget (see `composer.templates.sandbox`), and route `~`
through a size check, so no template can spin or grow without bound.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.visitor import NodeTransformer

# Attributes that reach Python internals or format strings that can read attributes.
BLOCKED_ATTRIBUTES = frozenset(
    {"format", "format_map", "mro", "gi_frame", "gi_code", "cr_frame", "f_globals", "f_locals", "f_back"}
    | {"tb_frame", "func_globals", "func_code", "im_func", "im_self", "ljust", "rjust", "center", "zfill"}
    | {"expandtabs", "encode", "translate", "maketrans"}
)
CHARGE, CONCAT = "_charge", "_concat"


class SandboxRefusal(TemplateSyntaxError):
    """A construct the sandbox never runs (private attributes, unknown filters, dynamic includes)."""


def _private(value: object) -> bool:
    return isinstance(value, str) and (value.startswith("_") or value in BLOCKED_ATTRIBUTES)


def _filter_problem(node: nodes.Filter | nodes.Test, allowed: frozenset[str], what: str) -> str | None:
    if node.name not in allowed:
        return f"{what} '{node.name}' is not available in templates (available: {', '.join(sorted(allowed))})"
    # Filters that look attributes up by name: `map(attribute="__class__")`, `selectattr("__x")`.
    names = [kw.value for kw in node.kwargs if kw.key == "attribute"]
    if node.name in ("selectattr", "rejectattr") and node.args:
        names.append(node.args[0])
    if any(isinstance(v, nodes.Const) and _private(v.value) for v in names):
        return f"{what} '{node.name}' cannot reach private attributes"
    return None


def _problem(node: nodes.Node, filters: frozenset[str], tests: frozenset[str]) -> str | None:
    match node:
        case nodes.Getattr(attr=attr) if _private(attr):
            return f"attribute '{attr}' is not allowed in templates"
        case nodes.Getitem(arg=nodes.Const(value=value)) if _private(value):
            return f"item '{value}' is not allowed in templates"
        case nodes.Name(name=name) if name.startswith("_"):
            return f"names starting with '_' are reserved ('{name}')"
        case nodes.Filter():
            return _filter_problem(node, filters, "filter")
        case nodes.Test():
            return _filter_problem(node, tests, "test")
        case nodes.For(recursive=True):
            return "recursive loops are not allowed in templates"
        case nodes.NSRef():
            return "namespace() is not available in templates"
        case (
            nodes.Include(template=t)
            | nodes.Import(template=t)
            | nodes.FromImport(template=t)
            | nodes.Extends(template=t)
        ) if not (isinstance(t, nodes.Const) and isinstance(t.value, str)):
            return "templates can only include, import or extend a template named by a fixed string"
    return None


def refuse_unsafe(
    tree: nodes.Template,
    *,
    name: str | None,
    filename: str | None,
    filters: frozenset[str],
    tests: frozenset[str],
) -> None:
    """Raise SandboxRefusal at the first construct the sandbox will not run."""
    for node in tree.find_all(nodes.Node):
        problem = _problem(node, filters, tests)
        if problem:
            raise SandboxRefusal(problem, node.lineno, name, filename)


def _literal_size(body: list[nodes.Node]) -> int:
    return sum(len(data.data) for stmt in body for data in stmt.find_all(nodes.TemplateData))


def _charge(cost: int, lineno: int) -> nodes.Output:
    call = nodes.Call(nodes.Name(CHARGE, "load", lineno=lineno), [nodes.Const(cost)], [], None, None)
    return nodes.Output([call], lineno=lineno)


class _Guards(NodeTransformer):
    def _guard_body(self, node: nodes.For | nodes.Macro | nodes.CallBlock) -> nodes.Node:
        self.generic_visit(node)
        node.body.insert(0, _charge(1 + _literal_size(node.body), node.lineno))
        return node

    visit_For = visit_Macro = visit_CallBlock = _guard_body

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        self.generic_visit(node)
        return nodes.Call(
            nodes.Name(CONCAT, "load", lineno=node.lineno), node.nodes, [], None, None, lineno=node.lineno
        )


def add_guards(tree: nodes.Template) -> nodes.Template:
    guarded = _Guards().visit(tree)
    assert isinstance(guarded, nodes.Template)
    return guarded
