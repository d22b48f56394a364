"""ruff (lint and format), the type checker and the import layers stay clean: the gates run with the tests,
so CI enforces them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / "ruff"


@pytest.mark.parametrize("args", [["check", "--quiet", "."], ["format", "--check", "--quiet", "."]])
def test_ruff_is_clean(args):
    result = subprocess.run([str(RUFF), *args], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _mypy_cache() -> Path:
    """mypy's cache in the user's cache folder, shared by every clone on this machine: its analysis of the
    installed packages (about 40 s of CPU from nothing) stays good across clones, and mypy compares each
    file's hash, so what changed is checked again."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "inmail-assistant" / "mypy"


def test_the_type_checker_is_clean():
    mypy = Path(sys.executable).parent / "mypy"
    command = [str(mypy), "--cache-dir", str(_mypy_cache())]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_hold():
    """ui / CLI / assistant over the workspace over composer over limits; prompts imports nothing."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


DRAFTING_ENTRY_POINTS = {"compose", "stream_compose", "recheck"}


def _drafting_names(path: Path) -> list[str]:
    """`composer`'s drafting entry points that a module imports or reaches as `composer.NAME`. `composer`
    exports them lazily, so import-linter sees only `composer` in `from composer import compose`."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "composer":
            found += [f"line {node.lineno}: {a.name}" for a in node.names if a.name in DRAFTING_ENTRY_POINTS]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "composer"
            and node.attr in DRAFTING_ENTRY_POINTS
        ):
            found.append(f"line {node.lineno}: composer.{node.attr}")
    return found


def test_front_ends_draft_only_through_the_workspace():
    """The app, the CLI and the chat call Workspace.draft / stream_draft / recheck, which apply the
    account's limits: a front end calling the composer itself is how the chat came to check a note
    against 200 characters on a plan that allows 300."""
    front_ends = [*ROOT.glob("ui/**/*.py"), *ROOT.glob("assistant/**/*.py"), *ROOT.glob("inmail/cli/**/*.py")]
    offenders = {
        str(path.relative_to(ROOT)): names for path in front_ends if (names := _drafting_names(path))
    }
    assert front_ends
    assert not offenders, offenders
