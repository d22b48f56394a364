"""Shared fixtures. Every test gets its own data directory and no real model configuration."""

from __future__ import annotations

import gc
import itertools
import os
import sys
import tempfile

# Bytecode caches for the test run even where the shell sets PYTHONDONTWRITEBYTECODE: without them every
# run compiles the project's modules and rewrites every test module again, in each xdist worker and each
# subprocess (the app's servers, the console script), about a tenth of the suite's CPU time. They go to
# the __pycache__ folders that .gitignore already names. Set before the imports below and before xdist
# starts its workers, which inherit the environment.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest
from hypothesis import settings
from support.fake_openai_fixtures import fake_openai, fake_openai_servers, other_fake_openai  # noqa: F401

# No per-example deadline: it is a timed assertion, and on a loaded 2-core machine a 200 ms example
# is a busy neighbour, not a bug. Each test's own @settings still sets its example count.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def pytest_configure(config):
    """Temp dirs in memory where the machine has /dev/shm (unless TMPDIR says otherwise): the ledger
    commits with synchronous=FULL, an fsync each on a disk and none on tmpfs; SQLite's transactions and
    locks work the same. Subprocesses (the app, the console script) inherit TMPDIR."""
    if "TMPDIR" not in os.environ and os.access("/dev/shm", os.W_OK):
        os.environ["TMPDIR"] = "/dev/shm"
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again
    # pytest rewrites the asserts of every package that ships a pytest plugin, even one turned off with
    # -p no: (pyproject.toml); langchain imports langsmith's 220 modules, rewritten each run here, since
    # the rewrites are cached only where Python writes bytecode.
    must_rewrite = getattr(config.pluginmanager.rewrite_hook, "_must_rewrite", None)
    if isinstance(must_rewrite, set):
        must_rewrite -= {"langsmith", "anyio"}


def pytest_collection_finish(session):
    """What collection built (the test modules, their items, hypothesis' strategies) lives to the end of
    the run: frozen, the garbage collector never walks it again, pytest's ten full collections at the
    end included (about 0.3 s of CPU a process). Garbage goes first; objects made later are collected
    as before."""
    gc.collect()
    gc.freeze()


_MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INMAIL_MODEL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")


_FRESH = itertools.count()


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch):
    """Point INMAIL_DATA_DIR at a fresh path and drop any model settings from the environment. The
    folder is not made here: the app makes its data directory on first write, and most tests never
    write, so thousands of them skip a mkdir (tests that want a folder of their own take `tmp_path`)."""
    own = tmp_path_factory.getbasetemp() / f"data-{next(_FRESH)}"
    path = own / "inmail-data"
    monkeypatch.setenv("INMAIL_DATA_DIR", str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(own / "config"))  # the template cache's key, not ~/.config
    for name in _MODEL_ENV:
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def cli(data_dir, capsys, monkeypatch):
    """Run `inmail` in this process (`main([...])`); returns its exit code and captured output."""
    from types import SimpleNamespace

    from inmail.cli.main import main

    def run(*args: str, env: dict | None = None):
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    return run


@pytest.fixture
def run_cli(data_dir):
    """Run the installed `inmail` console script in a subprocess; returns CompletedProcess."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "inmail"
    assert script.exists(), "install the project first: pip install -e '.[test]'"

    def run(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 60):
        full_env = {**os.environ, "INMAIL_DATA_DIR": str(data_dir), **(env or {})}
        return subprocess.run(
            [str(script), *args],
            capture_output=True,
            text=True,
            input=input,
            env=full_env,
            timeout=timeout,
            check=False,
        )

    return run
