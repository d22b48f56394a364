"""composer loads each export on first use: the lazy table, `__all__` and the type checker's imports must
name the same (module, attribute) pairs, or a name fails only when someone first uses it."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import composer

ROOT = Path(__file__).resolve().parents[2]


def test_every_export_is_in_the_lazy_table_and_is_that_modules_object():
    assert set(composer._LAZY) == set(composer.__all__)
    for name, (module, attribute) in composer._LAZY.items():
        assert getattr(composer, name) is getattr(importlib.import_module(module), attribute), name


def test_the_type_checkers_imports_name_the_same_pairs():
    tree = ast.parse(Path(composer.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name: (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("composer.")
        for alias in node.names
    }
    assert imported == composer._LAZY


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchName"):
        composer.NoSuchName  # noqa: B018


def test_importing_one_module_loads_no_other_part_of_composer():
    code = "import sys, composer.errors; print(sorted(m for m in sys.modules if m.startswith('composer')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['composer', 'composer.errors']"
