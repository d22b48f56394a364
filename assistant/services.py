"""What the assistant works with: the workspace (ledger, templates, profiles, history), the model and a
clock, passed in by the app (or a test).

The assistant is a client of the workspace like the Compose page and the CLI: it records drafts and sends
through the same calls, so "Mark as sent" and /sent record a draft the same way (once, under its id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from composer import ComposerError, Draft, Lead, Sender
from inmail.errors import WorkspaceError
from inmail.workspace import Workspace

if TYPE_CHECKING:
    from composer import LLMConfig, TemplateStore
    from limits import Account


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(kw_only=True)
class Services:
    workspace: Workspace
    llm: LLMConfig | None = None  # None: commands on the template engine
    now: Callable[[], datetime] = _utc_now
    sender: Sender | None = None  # who writes, when not the saved profile (the page's form); else saved

    @property
    def store(self) -> TemplateStore:
        return self.workspace.store

    @property
    def account(self) -> Account:
        return self.workspace.account

    def writer(self) -> Sender | None:
        """The sender to write as: the one given, else the saved profile; None means the sample."""
        if self.sender is not None:
            return self.sender
        try:
            return self.workspace.sender()
        except (WorkspaceError, ComposerError):
            return None  # the Compose page says what is wrong with the saved profile

    def leads(self) -> list[dict[str, Any]]:
        """The saved leads (the samples are added by the caller)."""
        try:
            return list(self.workspace.saved_leads().values())
        except WorkspaceError:
            return []

    def record_draft(self, draft: Draft, lead: Lead) -> bool:
        """Keep the draft in the lead's history; False when the history could not be written."""
        try:
            self.workspace.record_draft(draft, lead=lead, at=self.now())
        except WorkspaceError:
            return False
        return True
