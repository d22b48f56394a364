"""What the assistant works with, passed in by the app (or a test): store, ledger, sender, leads, clock.

Everything is a callable or an object the caller owns, so the assistant opens no files of its own and
the app's Compose page and Chat page share one ledger, one template store and one way to mark a send.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from composer import Draft, Lead, Sender

if TYPE_CHECKING:
    from composer import LLMConfig, TemplateStore
    from limits import Account


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _nothing() -> list[Mapping[str, Any]]:
    return []


@dataclass(kw_only=True)
class Services:
    store: TemplateStore
    account: Callable[[], Account]
    # Records a draft as sent (the app's "Mark as sent") and says what it did in one sentence.
    mark_sent: Callable[[Draft, Lead], str]
    sender: Callable[[], Sender | None] = lambda: None  # None: the sample sender, said once
    leads: Callable[[], Sequence[Mapping[str, Any]]] = _nothing  # saved leads; the samples are added
    llm: LLMConfig | None = None  # None: commands on the template engine
    now: Callable[[], datetime] = _utc_now
    on_draft: Callable[[Draft, Lead], None] | None = None  # e.g. the app's draft history
