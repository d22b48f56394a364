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
