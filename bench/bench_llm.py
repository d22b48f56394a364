"""The LLM engine under load: 100 drafts, 8 at a time, against the loopback fake at 200 ms a reply.

The fake runs in its own process (as a real server would), so the client's threads have the GIL to
themselves. Every fifth draft's first reply fails its checks, so 20 drafts take a repair round (120
requests). The ideal is the server's time alone: ceil(requests / 8) x latency. Target (issue 10): within
1.2x of ideal, checks and repairs included.

Wall time on a shared machine is noisy, so it also prints the CPU time (user+sys) per draft of this
process (our code: prompts, checks, the SDK) and of the fake server, and the load average.

    python bench/bench_llm.py [--drafts 100] [--concurrency 8] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

GOOD = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on why late deliveries are a data "
    "problem matches what we see.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam Rivera"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()

    from composer import (
        SAMPLE_LEAD,
        SAMPLE_SENDER,
        Engine,
        LLMConfig,
        Outcome,
        Settings,
        TemplateStore,
        compose,
    )

    command = [sys.executable, "-m", "support.fake_openai", "--delay", str(args.latency)]
    command += ["--text", GOOD, "--bad-every", "5"]
    server = subprocess.Popen(
        command, cwd=ROOT / "tests", stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    assert server.stdin is not None
    base_url = server.stdout.readline().strip()
    store = TemplateStore(Path(tempfile.mkdtemp()))
    config = LLMConfig(base_url=base_url, model="fake-model")

    def one(_: int):
        [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, llm=config)
        return draft

    try:
        warm = [one(0) for _ in range(5)]  # imports, the HTTP pool, template compilation; one repair
        server_cpu, cpu, started = _cpu_of(server.pid), time.process_time(), time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            drafts = list(pool.map(one, range(args.drafts)))
        elapsed = time.perf_counter() - started
        cpu, server_cpu = time.process_time() - cpu, _cpu_of(server.pid) - server_cpu
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    repairs = sum(d.outcome is Outcome.REPAIRED for d in drafts)
    requests = args.drafts + repairs
    ideal = math.ceil(requests / args.concurrency) * args.latency
    outcomes = {o.value: sum(d.outcome is o for d in drafts) for o in Outcome}
    print(f"{args.drafts} drafts, {args.concurrency} at a time, {args.latency * 1000:.0f} ms per reply")
    print(f"requests {requests}; outcomes {outcomes}; warm-up {[d.outcome.value for d in warm]}")
    print(f"all sendable: {all(d.ok for d in drafts)}")
    print(f"elapsed {elapsed:.2f} s; ideal {ideal:.2f} s; ratio {elapsed / ideal:.2f}x (target <= 1.20x)")
    print(
        f"CPU per draft: ours {cpu / args.drafts * 1000:.1f} ms, the fake server's "
        f"{server_cpu / args.drafts * 1000:.1f} ms; load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} cores"
    )


def _cpu_of(pid: int) -> float:
    """User+sys seconds of another process (Linux /proc); 0 where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
