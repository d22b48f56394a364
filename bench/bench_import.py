"""Import 10,000 CSV rows: read (decode, sniff, map, validate) and store in a fresh book. Prints seconds.

python bench/bench_import.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from inmail.leads import read_leads
from inmail.workspace import Workspace


def make_csv(rows: int) -> bytes:
    lines = ["First Name;Last Name;Title;Company;LinkedIn URL;Location;Summary;Company LinkedIn URL"]
    for n in range(rows):
        lines.append(
            f"Lead{n};Surname{n};Head of Operations;Company {n % 500};https://www.linkedin.com/in/lead-{n};"
            f'"Milan, Italy";"Runs operations at Company {n % 500}; cut lead times by {n % 40}%.";'
            f"https://www.linkedin.com/company/c{n % 500}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = make_csv(rows)
    start = time.perf_counter()
    result = read_leads(data, name="bench.csv")
    read_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder)) as ws:
        start = time.perf_counter()
        counts = ws.add_leads(result.imported)
        store_s = time.perf_counter() - start
        start = time.perf_counter()
        again = ws.import_leads(data, name="bench.csv").stored
        again_s = time.perf_counter() - start
    size = len(data) / 1e6
    print(f"rows: {rows:,} ({size:.1f} MB), read: {len(result.imported):,}, skipped: {len(result.skipped)}")
    print(f"read {read_s:.2f} s + store {store_s:.2f} s = import {read_s + store_s:.2f} s (target < 5 s)")
    print(f"stored: {counts.to_json()}; re-import of the same file: {again_s:.2f} s, {again.to_json()}")


if __name__ == "__main__":
    main()
