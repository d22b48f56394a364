"""Bare `pytest` (the console script, no current folder on sys.path) imports the real packages, not the test
folders of the same names (tests/composer, tests/limits, ...)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bare_pytest_collects_the_tests_of_a_folder_named_like_a_package():
    pytest = Path(sys.executable).parent / "pytest"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    files = ["tests/composer/test_composer_text.py", "tests/limits/test_book_trust.py"]
    command = [str(pytest), "--collect-only", "-q", "-n0", "-p", "no:cacheprovider", *files]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
