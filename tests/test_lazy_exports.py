"""composer and limits load each export on first use: a package's lazy table, `__all__` and the type
checker's imports must name the same (module, attribute) pairs, or a name fails only when someone first
uses it; and importing one module of a package loads no other part of it."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import composer
import limits

ROOT = Path(__file__).resolve().parents[1]
# each package, and one of its modules that needs nothing else of the package
PACKAGES = [pytest.param(composer, "errors", id="composer"), pytest.param(limits, "errors", id="limits")]


def _pairs(package: ModuleType) -> dict[str, tuple[str, str]]:
    """The lazy table as name -> (module, attribute); limits names each export as its module does."""
    return {
        name: where if isinstance(where, tuple) else (where, name) for name, where in package._LAZY.items()
    }


@pytest.mark.parametrize(("package", "module"), PACKAGES)
def test_every_export_is_in_the_lazy_table_and_is_that_modules_object(package, module):
    assert set(package._LAZY) == set(package.__all__)
    for name, (owner, attribute) in _pairs(package).items():
        assert getattr(package, name) is getattr(importlib.import_module(owner), attribute), name


@pytest.mark.parametrize(("package", "module"), PACKAGES)
def test_the_type_checkers_imports_name_the_same_pairs(package, module):
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name: (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(package.__name__ + ".")
        for alias in node.names
    }
    assert imported == _pairs(package)


@pytest.mark.parametrize(("package", "module"), PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package, module):
    with pytest.raises(AttributeError, match="NoSuchName"):
        package.NoSuchName  # noqa: B018


@pytest.mark.parametrize(("package", "module"), PACKAGES)
def test_importing_one_module_loads_no_other_part_of_the_package(package, module):
    name = package.__name__
    code = f"import sys, {name}.{module}; print(sorted(m for m in sys.modules if m.startswith('{name}')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str([name, f"{name}.{module}"])
