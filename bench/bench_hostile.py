"""How long the parsers of untrusted text take on the red team's inputs, at growing sizes: a linear parser
takes about twice as long for twice the text (the ratio column), a quadratic one four times.

    .venv/bin/python bench/bench_hostile.py

Prints numbers; asserts nothing (tests never time things).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from composer.coach import coach  # noqa: E402
from composer.replies import parse_reply  # noqa: E402
from composer.scrub import clean, strip_links  # noqa: E402
from inmail.cli.coach_command import split_subject  # noqa: E402

CASES = {
    "reply: subject + spaces": lambda n: parse_reply("Subject: x" + " " * n),
    "reply: comment openers": lambda n: strip_links("<!--" * (n // 4), allowed=frozenset()),
    "reply: script openers": lambda n: strip_links("<script>" * (n // 8), allowed=frozenset()),
    "reply: one long word": lambda n: strip_links("a" * n + ".ru", allowed=frozenset()),
    "lead field: dotted run": lambda n: clean("a." * (n // 2), limit=n),
    "coach: subject + spaces": lambda n: split_subject("Subject: x" + " " * n),
    "coach: lines": lambda n: coach("x\n" * (n // 2), subject="x", channel="inmail", language="en"),
}


def main() -> None:
    sizes = [25_000, 50_000, 100_000]
    print(f"{'case':<26}" + "".join(f"{size:>12,}" for size in sizes) + "   ratio")
    for name, run in CASES.items():
        times = []
        for size in sizes:
            start = time.perf_counter()
            run(size)
            times.append(time.perf_counter() - start)
        ratio = times[-1] / max(times[-2], 1e-6)
        print(f"{name:<26}" + "".join(f"{t * 1000:10.1f}ms" for t in times) + f"{ratio:8.1f}")


if __name__ == "__main__":
    main()
