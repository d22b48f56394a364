"""docs/api.md is the contract: the names it imports exist, and the composer's exports are all in it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

DOC = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
IMPORTS = re.compile(r"^from ([\w.]+) import (?:\(([^)]*)\)|(.+)$)", re.M)


def _documented() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for module, listed, line in IMPORTS.findall(DOC):
        names = (listed or line).split(",")
        found.setdefault(module, set()).update(name.strip() for name in names if name.strip())
    return found


def test_the_doc_imports_every_package():
    assert set(_documented()) == {"limits", "composer", "prompts", "inmail.workspace", "assistant"}


@pytest.mark.parametrize("module", ["limits", "composer", "prompts", "inmail.workspace", "assistant"])
def test_every_documented_name_is_exported(module):
    exported = set(importlib.import_module(module).__all__)
    assert _documented()[module] - exported == set()


@pytest.mark.parametrize("module", ["composer", "prompts", "inmail.workspace", "assistant"])
def test_every_export_is_documented(module):
    exported = set(importlib.import_module(module).__all__)
    assert exported - _documented()[module] == set()
