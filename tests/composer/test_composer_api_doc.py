"""docs/api.md is the contract: the names it imports exist, and the composer's exports are all in it."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
IMPORTS = re.compile(r"^from ([\w.]+) import (?:\(([^)]*)\)|(.+)$)", re.M)


def _documented() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for module, listed, line in IMPORTS.findall(DOC):
        names = (listed or line).split(",")
        found.setdefault(module, set()).update(name.strip() for name in names if name.strip())
    return found


def test_the_doc_imports_every_package():
    assert set(_documented()) == {
        "limits",
        "limits.planning",
        "composer",
        "composer.templates",
        "inmail.workspace",
        "assistant",
    }


@pytest.mark.parametrize(
    "module", ["limits", "limits.planning", "composer", "composer.templates", "inmail.workspace", "assistant"]
)
def test_every_documented_name_is_exported(module):
    exported = set(importlib.import_module(module).__all__)
    assert _documented()[module] - exported == set()


@pytest.mark.parametrize(
    "module", ["limits.planning", "composer", "composer.templates", "inmail.workspace", "assistant"]
)
def test_every_export_is_documented(module):
    exported = set(importlib.import_module(module).__all__)
    assert exported - _documented()[module] == set()


def test_the_template_names_are_the_same_objects_from_composer_and_composer_templates():
    import composer
    import composer.templates

    for name in composer.templates.__all__:
        assert getattr(composer, name) is getattr(composer.templates, name)


def test_prompts_is_data_and_imports_no_project_module():
    code = (
        "import sys, prompts; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'composer', 'limits', 'inmail', 'ui', 'assistant', 'jinja2', 'pydantic'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert not [p for p in (ROOT / "prompts").rglob("*.py") if p.name != "__init__.py"]


@pytest.mark.parametrize(
    "module", sorted(p.stem for p in (ROOT / "composer" / "templates").glob("*.py") if p.stem != "__init__")
)
def test_each_template_module_imports_first_in_a_fresh_interpreter(module):
    """No import cycle that only works in one import order."""
    code = f"import composer.templates.{module}"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
