"""An offline `inmail draft` loads only what one draft needs (bench/bench_cli.py measures the time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from composer.samples import sample_json

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import io, sys, contextlib
from inmail.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["draft", sys.argv[1], "--sender", sys.argv[2], "--json"])
assert code == 0, code
print(" ".join(sorted(sys.modules)))
"""
# The ledger (a draft without a book of credits opens none), the LLM stack, the samples (a sender was
# given), the redaction step (template drafts carry no model text) and the other commands' modules and
# views.
NOT_LOADED = [
    "limits.account",
    "limits.ledger",
    "limits.catalog",
    "sqlite3",
    "langchain_core",
    "langchain_openai",
    "openai",
    "composer.llm_engine",
    "composer.samples",
    "composer.redact",
    "inmail.cli.limits_commands",
    "inmail.cli.limits_views",
    "inmail.cli.history_commands",
    "inmail.cli.coach_command",
    "snowballstemmer.english_stemmer",  # PyStemmer's C stemmers serve snowballstemmer
]


def test_an_offline_draft_imports_only_what_it_needs(tmp_path):
    lead, sender = tmp_path / "lead.json", tmp_path / "sender.json"
    lead.write_text(json.dumps(sample_json("maria")), encoding="utf-8")
    sender.write_text(json.dumps(sample_json("sam")), encoding="utf-8")
    env = {
        "INMAIL_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the template cache key stays out of ~/.config
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(lead), str(sender)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "composer.template_engine" in loaded  # it did draft
    assert [name for name in NOT_LOADED if name in loaded] == []
