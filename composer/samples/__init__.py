"""Sample leads and a sample sender: the JSON shapes the CLI reads, used by previews, the app and tests.

SAMPLE_LEAD is Maria and SAMPLE_SENDER is Sam from DESIGN section 6. SAMPLE_LEADS adds a French, a German
and a Spanish lead, a 1st-degree connection (Priya) and an Open Profile member (Tom).
"""

from __future__ import annotations

import json
from pathlib import Path

from composer.models import Lead, Sender

_HERE = Path(__file__).resolve().parent


def _load(name: str) -> dict:
    return json.loads((_HERE / f"{name}.json").read_text(encoding="utf-8"))


SAMPLE_LEAD = Lead.model_validate(_load("maria"))
SAMPLE_SENDER = Sender.model_validate(_load("sam"))
SAMPLE_LEADS: dict[str, Lead] = {
    name: Lead.model_validate(_load(name)) for name in ("maria", "camille", "jonas", "lucia", "priya", "tom")
}


def sample_json(name: str) -> dict:
    """A sample as plain JSON data (for writing example files)."""
    return _load(name)
