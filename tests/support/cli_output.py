"""What the CLI tests read off a run: its one error line."""

from __future__ import annotations

from typing import Any


def one_error_line(result: Any) -> str:
    """The run failed with exactly one `inmail: error:` line on stderr and no traceback; that line."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("inmail: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]
