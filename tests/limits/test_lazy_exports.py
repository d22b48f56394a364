"""limits loads each export on first use: its three name lists (the lazy table, `__all__` and the
type checker's imports) must agree, or a name fails only when someone first uses it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import limits


def test_every_exported_name_is_in_the_lazy_table_and_resolves():
    assert set(limits._LAZY) == set(limits.__all__)
    for name in limits.__all__:
        module = importlib.import_module(limits._LAZY[name])
        assert getattr(limits, name) is getattr(module, name)


def test_the_type_checkers_imports_name_the_same_modules():
    tree = ast.parse(Path(limits.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("limits.")
        for alias in node.names
    }
    assert imported == limits._LAZY
