"""The assistant core stays light: no streamlit ever, no LLM stack until a model is used."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from assistant import Assistant, Conversation, Services
from inmail.workspace import Workspace
bot = Assistant(Services(workspace=Workspace(Path(sys.argv[1]))))
talk = Conversation()
for text in ("/help", "/lead maria", "/draft pas", "/shorter", "hello"):
    "".join(bot.reply(talk, text))
assert talk.draft is not None
banned = ("streamlit", "langchain_openai", "langchain_core", "openai")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in banned)
print(",".join(heavy))
"""


def test_offline_chat_imports_neither_streamlit_nor_the_llm_stack(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_assistant_uses_only_the_composers_public_names():
    """assistant is a client of composer like the app: it imports names from `composer` (its
    `__all__`) and its own modules, never the composer's inner modules."""
    import ast
    from pathlib import Path

    import assistant
    import composer

    found = []
    for path in sorted(Path(assistant.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found += [(path.name, node.module, alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [(path.name, alias.name, "") for alias in node.names]
    inner = [
        f"{file}: {module} {name}".strip()
        for file, module, name in found
        if (module == "composer" and name not in {*composer.__all__, "assistant"})
        or (module.startswith("composer.") and not module.startswith("assistant"))
    ]
    assert inner == []
    assert any(module == "composer" for _, module, _ in found)  # the walk did see the imports
