"""Streamlit AppTest for the ui and chat tests: the real app.py with one page open.

A fresh `AppTest` pays for two things that cannot change while the tests run, so this module keeps them
for the whole process (its import installs both):
- the scan of every installed distribution for Streamlit component manifests (about 0.15 s an AppTest);
- the compiled page scripts (app.py and the open page, compiled again on every run), kept per path and
  source text, so a changed file is compiled again.
What a run executes is unchanged: the same scripts, the same session state, the same widgets.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any

from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"


@functools.cache
def _installed_manifests() -> tuple[Any, ...]:
    return tuple(_scan_component_manifests())


def _scan_once(max_workers: int | None = None) -> list[Any]:
    return list(_installed_manifests())


_scan_component_manifests = manifest_scanner.scan_component_manifests
manifest_scanner.scan_component_manifests = _scan_once

_compiled: dict[tuple[str, str], Any] = {}
_compiled_lock = threading.Lock()
_get_bytecode = ScriptCache.get_bytecode


def _get_bytecode_once(self: ScriptCache, script_path: str) -> Any:
    source = Path(script_path).read_text(encoding="utf-8")
    key = (str(Path(script_path).resolve()), source)
    with _compiled_lock:
        if key not in _compiled:
            _compiled[key] = _get_bytecode(self, script_path)
        return _compiled[key]


ScriptCache.get_bytecode = _get_bytecode_once  # type: ignore[method-assign]


def open_app(page: str) -> AppTest:
    """app.py after its first run with `page` ("ui/compose.py") open, without an exception."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    # The first run registers the pages (their url paths differ from the file names); then switch.
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
