"""Batch drafts: one result per lead (the draft, its checks and coach score, the limits verdict, warnings).

The template engine drafts one lead after another and yields each result as it is made, so a caller that
writes each row at once keeps memory flat however long the list. The LLM engine drafts `concurrency`
leads at a time on threads (each waits on its server) and still yields in the leads' order. A lead that
cannot be drafted is a result with `error` set, never the end of the batch. Leads whose (lead, settings)
key is in `done_keys` are passed over as `already`: re-running with the same output resumes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from composer import ComposerError, Draft, Engine, Lead, Sender, Settings
from inmail.errors import WorkspaceError
from limits import LimitsError, NotInitialisedError, Recipient

if TYPE_CHECKING:
    from composer import LLMConfig
    from inmail.drafting import Drafter
    from limits import Account, Verdict

MAX_CONCURRENCY = 16
NO_PLAN = "no LinkedIn plan is set up: the cost and channel of each message are unknown"


class Status(StrEnum):
    DRAFTED = "drafted"
    FAILED = "failed"  # the lead could not be drafted (`error` says why); nothing is written for it
    ALREADY = "already"  # drafted before with the same settings (resumed)


@dataclass(frozen=True)
class BatchResult:
    index: int  # the lead's place in the input, from 0
    key: str  # the lead's key (its profile id, else its name) and the settings key, joined by a space
    lead_id: str
    name: str
    status: Status
    draft: Draft | None = None
    verdict: Verdict | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    lead: Lead | None = None  # as drafted (with the id made for it when it had none)

    @property
    def settings_key(self) -> str:
        return self.key.rpartition(" ")[2]

    def row(self) -> dict[str, Any]:
        """The JSON Lines row: the lead, the draft (`inmail draft --json`'s shape), the verdict
        (`inmail check --json`'s), the warnings, and the settings key that resuming compares."""
        assert self.draft is not None
        verdict = self.verdict.to_json() if self.verdict is not None else None
        return {
            "lead_id": self.lead_id,
            "name": self.name,
            "settings_key": self.settings_key,
            "draft_id": self.draft.id,
            "draft": self.draft.to_json(),
            "checks_ok": self.draft.ok,
            "coach_score": self.draft.coach.score,
            "verdict": verdict,
            "warnings": self.warnings,
        }


def settings_key(sender: Sender, settings: Settings, engine: Engine, llm: LLMConfig | None) -> str:
    """What makes a batch's drafts what they are, as 12 hex digits: a change of any re-drafts."""
    parts = {
        "sender": sender.model_dump(),
        "settings": settings.model_dump(),
        "engine": engine.value,
        "model": llm.model if llm is not None and engine is Engine.LLM else None,
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=_stable)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass
class BatchRun:
    drafter: Drafter
    account: Account | None  # None: no book of credits yet, so no verdicts (and no ledger is made)
    sender: Sender
    settings: Settings
    engine: Engine
    llm: LLMConfig | None
    at: datetime
    key_of: Callable[[Lead], tuple[str, str]]  # the lead's (ledger id, history key)
    record: Callable[[Draft, Lead], None]  # keep a draft in the history
    done_keys: Collection[str] = ()
    concurrency: int = 1
    flag: Callable[[Lead, Settings], Settings] | None = None  # what the book tells drafting (a follow-up)

    def results(self, leads: Iterable[Lead | Mapping[str, Any]]) -> Iterator[BatchResult]:
        key = settings_key(self.sender, self.settings, self.engine, self.llm)
        self.settings = self.settings.model_copy(update={"variants": 1})
        self._no_plan = self.account is None
        prepared = (self._prepare(index, lead, key) for index, lead in enumerate(leads))
        if self.engine is Engine.TEMPLATE or self.concurrency <= 1:
            for item in prepared:
                yield self._kept(item if isinstance(item, BatchResult) else self._draft(item))
            return
        # The ledger and the history are read and written on this thread; only the drafting (a wait on
        # the model's server) runs on the pool, `concurrency` at a time, with a bounded look-ahead.
        workers = min(self.concurrency, MAX_CONCURRENCY)
        window: deque[Future[BatchResult]] = deque()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="batch") as pool:
            for item in prepared:
                if isinstance(item, BatchResult):
                    window.append(_done(item))
                else:
                    window.append(pool.submit(self._draft, item))
                if len(window) >= 2 * workers:
                    yield self._kept(window.popleft().result())
            while window:
                yield self._kept(window.popleft().result())

    def _prepare(
        self, index: int, data: Lead | Mapping[str, Any], settings_key: str
    ) -> BatchResult | _Pending:
        """The lead read and checked against the limits, ready to draft; or its final result."""
        try:
            lead = Lead.from_data(dict(data) if isinstance(data, Mapping) else data, what="lead")
        except ComposerError as exc:
            name = _name(data)
            return BatchResult(index, f"? {settings_key}", "", name, Status.FAILED, error=str(exc))
        lead_id, history_key = self.key_of(lead)
        if lead_id and not lead.id:
            lead = lead.model_copy(update={"id": lead_id})
        who = _Who(index, f"{history_key} {settings_key}", lead_id, lead.full_name)
        if who.key in self.done_keys:
            return who.result(Status.ALREADY)
        try:
            verdict, problem = self._verdict(lead)
        except LimitsError as exc:
            return who.result(Status.FAILED, error=str(exc))
        settings = self.flag(lead, self.settings) if self.flag else self.settings
        return _Pending(who, lead, verdict, problem, settings)

    def _draft(self, item: _Pending) -> BatchResult:
        try:
            draft = self.drafter.draft(
                item.lead, self.sender, item.settings, engine=self.engine, llm=self.llm
            )
        except ComposerError as exc:
            return item.who.result(Status.FAILED, error=str(exc))
        verdict = item.verdict
        warnings = [*draft[0].warnings, *([item.problem] if item.problem else [])]
        if verdict is not None and not verdict.allowed:
            warnings.append("not allowed now: " + "; ".join(reason.message for reason in verdict.reasons))
        warnings += [warning.message for warning in verdict.warnings] if verdict is not None else []
        found = {"draft": draft[0], "verdict": verdict, "warnings": warnings, "lead": item.lead}
        return item.who.result(Status.DRAFTED, **found)

    def _kept(self, result: BatchResult) -> BatchResult:
        """A drafted result is kept in the draft history (so it can be marked as sent) before it is given."""
        if result.draft is not None and result.lead is not None:
            try:
                self.record(result.draft, result.lead)
            except WorkspaceError as exc:
                return dataclasses.replace(result, status=Status.FAILED, draft=None, error=str(exc))
        return result

    def _verdict(self, lead: Lead) -> tuple[Verdict | None, str | None]:
        if self._no_plan or self.account is None:
            return None, NO_PLAN
        try:
            return self.account.check(Recipient.from_lead(lead.model_dump(mode="json")), at=self.at), None
        except NotInitialisedError:
            self._no_plan = True
            return None, NO_PLAN


def _stable(value: Any) -> Any:
    """A set (the facts to use) in one order whatever the process's hash seed; anything else as text."""
    return sorted(map(str, value)) if isinstance(value, set | frozenset) else str(value)


@dataclass(frozen=True)
class _Who:
    index: int
    key: str
    lead_id: str
    name: str

    def result(self, status: Status, **found: Any) -> BatchResult:
        return BatchResult(self.index, self.key, self.lead_id, self.name, status, **found)


@dataclass(frozen=True)
class _Pending:
    who: _Who
    lead: Lead
    verdict: Verdict | None
    problem: str | None
    settings: Settings


def _done(result: BatchResult) -> Future[BatchResult]:
    future: Future[BatchResult] = Future()
    future.set_result(result)
    return future


def _name(data: Any) -> str:
    if isinstance(data, Mapping):
        return " ".join(str(data.get(part) or "") for part in ("first_name", "last_name")).strip()
    return ""
