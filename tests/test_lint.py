"""ruff (lint and format) stays clean: the style gate runs with the tests, so CI enforces it."""

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
