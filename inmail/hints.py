"""The limits' notes and reasons end with a command-line hint ("run `inmail ledger sync N`"); each front
end says it its own way. `split_hint` turns such a sentence into data: the text before the hint and which
action it asks for. A limits note with no hint comes back unchanged, with `None`.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Hint(StrEnum):
    SYNC = "sync"  # reconcile the balance with the number LinkedIn shows
    OVERRIDE = "override"  # set a figure of your own (a per-seat allotment)
    INIT = "init"  # set your plan


_COMMANDS = {"sync": Hint.SYNC, "override": Hint.OVERRIDE, "init": Hint.INIT}
# "...: run `inmail ledger sync N` with ..." or "...; run `inmail ledger override KEY N` with yours."
_HINT = re.compile(r"[:;,]?\s*run\s+`inmail\s+ledger\s+(\w+)[^`]*`.*$", re.IGNORECASE | re.DOTALL)


def split_hint(text: str) -> tuple[str, Hint | None]:
    """(the sentence without its CLI hint, the hint) for a limits note or reason."""
    found = _HINT.search(text)
    if found is None or (hint := _COMMANDS.get(found.group(1).lower())) is None:
        return text, None
    return text[: found.start()].rstrip(" .:;,"), hint
