"""The workspace: the use cases over one data directory, shared by the app, the CLI and the chat.

It opens the ledger (`limits.Account`) and the template store, keeps the sender profile, the saved leads
and the draft history, marks drafts as sent and creates strategies. Front ends call it and word its
results and errors for their medium; it never imports a front end (or streamlit).

    with Workspace.open(data_dir) as ws:
        ws.record_draft(draft, lead=lead, at=now)
        outcome = ws.mark_sent(draft, lead, at=now)     # SendOutcome; a second call records nothing
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from inmail.config import data_dir
from inmail.errors import (
    DataDirError,
    FileError,
    FileProblem,
    NoLeadIdError,
    StrategyExistsError,
    StrategyInvalidError,
    UnknownDraftError,
    WorkspaceError,
)
from inmail.history import Entry, History
from inmail.profiles import Profiles
from inmail.sending import NotSendableError, SendKind, SendOutcome, kind_of, record, send_kind
from inmail.sessions import Sessions
from inmail.strategies import NewStrategy, create

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from langchain_core.language_models import BaseChatModel

    from composer import ChannelLimits, Draft, Engine, Lead, LLMConfig, Sender
    from composer.templates import TemplateStore
    from inmail.batch import BatchResult
    from inmail.drafting import Drafter, ModelSources
    from inmail.plan_setting import PlanChange, PlanInForce
    from inmail.sent_list import ResponseOutcome, SentItem
    from limits import Account, Event, ResponseKind

__all__ = [
    "DataDirError",
    "Entry",
    "FileError",
    "FileProblem",
    "NewStrategy",
    "NoLeadIdError",
    "NotSendableError",
    "SendKind",
    "SendOutcome",
    "StrategyExistsError",
    "StrategyInvalidError",
    "UnknownDraftError",
    "Workspace",
    "WorkspaceError",
    "lead_id",
    "lead_key",
]

LeadData = Mapping[str, Any]
LEDGER_FILE = "ledger.sqlite3"  # limits.account.DB_NAME, named here so a draft need not import the ledger


def lead_id(lead: LeadData | Lead) -> str:
    """The id the ledger and the history know a lead by: one per LinkedIn profile ("" when it has none)."""
    from limits.identity import canonical_lead_id

    raw = lead.id if isinstance(lead, BaseModel) else lead.get("id")
    text = str(raw or "").strip()
    return canonical_lead_id(text) if text else ""


def lead_key(lead: LeadData | Lead) -> str:
    """The history's key: the lead id, else its name (a lead without an id can still be drafted for)."""
    if found := lead_id(lead):
        return found
    data = _lead_data(lead)
    name = " ".join(str(data.get(field) or "") for field in ("first_name", "last_name"))
    return "name:" + name.strip().lower()


GENERATED_PREFIX = "local:"  # ids the program made up, for leads given without a profile URL


def generated_lead_id(lead: LeadData | Lead) -> str:
    """An id made from the lead's name and company ("local:maria-lopez-acme-logistics"), for a lead
    without a profile URL, so its drafts and sends can still be tracked; "" when it has no name."""
    data = _lead_data(lead)
    words = " ".join(str(data.get(f) or "") for f in ("first_name", "last_name", "company"))
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")[:80].strip("-")
    return GENERATED_PREFIX + slug if slug else ""


def with_lead_id(lead: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The lead with an id: its own, else one made from name and company. True when it was made up."""
    data = dict(lead)
    if lead_id(data) or not (made := generated_lead_id(data)):
        return data, False
    return {**data, "id": made}, True


MODEL_TEXT_LIMIT = 600  # characters a lead field keeps on its way to a model (the engine cuts shorter still)


def scrubbed_for_model(value: Any) -> Any:
    """Lead data on its way to a model, scrubbed as the LLM engine's input is: every text through
    `composer.scrub.clean_text` (links, markup, template syntax and sentences that address an AI
    removed), numbers and flags as they are."""
    from composer.scrub import clean_text

    if isinstance(value, str):
        return clean_text(value, limit=MODEL_TEXT_LIMIT)
    if isinstance(value, Mapping):
        return {key: scrubbed_for_model(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed_for_model(item) for item in value]
    return value


def _lead_data(lead: LeadData | BaseModel) -> dict[str, Any]:
    if isinstance(lead, BaseModel):
        return lead.model_dump(mode="json")
    return dict(lead)


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.profiles = Profiles(self.root)
        self.drafts = History(self.root)
        self.sessions = Sessions(self.root)

    @classmethod
    def open(cls, explicit: str | Path | None = None) -> Workspace:
        """The workspace of `--data-dir` (or `$INMAIL_DATA_DIR`, or the per-user default)."""
        return cls(data_dir(explicit))

    # -- what the data directory holds -----------------------------------------------------------------

    @cached_property
    def account(self) -> Account:
        from limits import Account

        return Account.open(self.root)

    @cached_property
    def store(self) -> TemplateStore:
        from composer.templates import TemplateStore

        return TemplateStore(self.root)

    def lengths(self, *, at: datetime | None = None) -> ChannelLimits | None:
        """The account's length figures (plan and overrides), as the app's counter shows them; None without
        a book of credits, so a draft is checked against the shipped figures and no ledger is created."""
        if "account" not in self.__dict__ and not (self.root / LEDGER_FILE).is_file():
            return None
        from composer import account_limits

        return account_limits(self.account, at=at)

    # -- drafting: the one way every front end drafts (inmail.drafting) -------------------------------

    def drafter(self, *, at: datetime | None = None, overlay: Mapping[str, str] | None = None) -> Drafter:
        """The template store and the account's length figures at `at`, for a run of drafts; `overlay`:
        template texts not yet saved (the Templates page's preview)."""
        from inmail.drafting import Drafter

        store = self.store.with_overlay(overlay) if overlay else self.store
        return Drafter(store, self.lengths(at=at))

    def draft(
        self,
        lead: LeadData | Lead,
        sender: LeadData | Sender,
        settings: Any,
        *,
        engine: Engine | None = None,
        llm: LLMConfig | None = None,
        chat: BaseChatModel | None = None,
        overlay: Mapping[str, str] | None = None,
        at: datetime | None = None,
    ) -> list[Draft]:
        """One draft per variant, checked against this account's limits (`composer.compose`)."""
        drafter = self.drafter(at=at, overlay=overlay)
        return drafter.draft(lead, sender, settings, engine=engine, llm=llm, chat=chat)

    def stream_draft(
        self,
        lead: LeadData | Lead,
        sender: LeadData | Sender,
        settings: Any,
        *,
        llm: LLMConfig | None,
        chat: BaseChatModel | None = None,
        at: datetime | None = None,
    ) -> Iterator[str | Draft]:
        """Text as the model writes it, then one Draft (`composer.stream_compose`), with this account's
        limits; without a model the whole text and the template engine's Draft at once."""
        return self.drafter(at=at).stream(lead, sender, settings, llm=llm, chat=chat)

    def recheck(self, draft: Draft, *, at: datetime | None = None, **changes: Any) -> Draft:
        """An edited or revised draft with every check run again against this account's limits."""
        return self.drafter(at=at).recheck(draft, **changes)

    def model_config(self, sources: ModelSources, *, tolerant: bool = False) -> LLMConfig | None:
        """The model to draft with (None: the template engine): `sources` as the front end found them,
        with the time budget saved on the Settings page unless `sources` gives one. An unusable saved
        file raises FileError, or with `tolerant` is passed over (a page that says so elsewhere)."""
        from inmail.drafting import model_config
        from inmail.model_settings import ModelSettingsFile

        try:
            saved = ModelSettingsFile(self.root).load().budget
        except FileError:
            if not tolerant:
                raise
            saved = None
        return model_config(sources, saved_budget=saved)

    def batch(
        self,
        leads: Iterable[Lead | LeadData],
        *,
        sender: Sender | LeadData,
        settings: Any,
        engine: Engine | None = None,
        llm: LLMConfig | None = None,
        concurrency: int = 1,
        done_keys: Collection[str] = (),
        at: datetime | None = None,
    ) -> Iterator[BatchResult]:
        """One result per lead, in order, each as it is made (`inmail.batch`): the draft (kept in the
        history), its checks and coach score, the limits verdict and the warnings; a lead that cannot be
        drafted is a failed result. `done_keys`: `BatchResult.key`s drafted before, passed over."""
        from composer import Engine, Sender, Settings
        from inmail.batch import BatchRun

        at = at or datetime.now(UTC)
        has_book = "account" in self.__dict__ or (self.root / LEDGER_FILE).is_file()

        def keys(lead: Lead) -> tuple[str, str]:
            data, _ = with_lead_id(lead.model_dump(mode="json"))
            return lead_id(data), lead_key(data)

        run = BatchRun(
            drafter=self.drafter(at=at),
            account=self.account if has_book else None,
            sender=Sender.from_data(sender, what="sender"),
            settings=Settings.from_data(settings, what="settings"),
            engine=engine or Engine.TEMPLATE,
            llm=llm,
            at=at,
            key_of=keys,
            record=lambda draft, lead: self.record_draft(draft, lead=lead, at=at),
            done_keys=done_keys,
            concurrency=concurrency,
        )
        return run.results(leads)

    def close(self) -> None:
        if "account" in self.__dict__:
            self.account.close()
            del self.__dict__["account"]

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sender and leads ------------------------------------------------------------------------------

    def sender_data(self) -> dict[str, Any] | None:
        """The saved sender profile as its JSON object (for a form), or None before the first save."""
        return self.profiles.sender()

    def sender(self) -> Sender | None:
        """The saved sender profile, validated; None before the first save."""
        from composer import Sender

        data = self.profiles.sender()
        return None if data is None else Sender.from_data(data, what="sender")

    def save_sender(self, sender: LeadData | Sender) -> None:
        self.profiles.save_sender(_lead_data(sender))

    def saved_leads(self) -> dict[str, dict[str, Any]]:
        return self.profiles.leads()

    def save_lead(self, lead: LeadData | Lead) -> None:
        self.profiles.save_lead(_lead_data(lead), lead_id=lead_id(lead))

    def delete_lead(self, lead: str) -> bool:
        return self.profiles.delete_lead(lead)

    # -- draft history ---------------------------------------------------------------------------------

    def record_draft(self, draft: Draft, *, lead: LeadData | Lead, at: datetime) -> None:
        self.drafts.record_draft(draft, lead_id=lead_key(lead), lead=_lead_data(lead), at=at)

    def history(self, lead: LeadData | Lead) -> list[Entry]:
        """The lead's drafts, newest first, each with when (and as what text) it was marked as sent."""
        return self.drafts.entries(lead_id=lead_key(lead))

    def find_draft(self, draft_id: str) -> Entry:
        """The saved draft with this id, or the one whose id starts with it."""
        wanted = draft_id.strip().lower()
        entries = self.drafts.entries()
        if exact := [entry for entry in entries if entry.draft_id == wanted]:
            return exact[0]
        found = [entry for entry in entries if wanted and entry.draft_id.startswith(wanted)]
        if len(found) == 1:
            return found[0]
        raise UnknownDraftError(draft_id, matches=tuple(entry.draft_id for entry in found))

    # -- sends -----------------------------------------------------------------------------------------

    def mark_sent(
        self,
        draft: Draft,
        lead: LeadData | Lead,
        *,
        subject: str | None = None,
        body: str | None = None,
        at: datetime,
    ) -> SendOutcome:
        """Record that `draft` went to `lead`: the ledger event its channel and the verdict call for, once
        under the draft's id, and the text as sent (`subject`/`body` as edited; None: the draft's own).

        Raises NotSendableError when LinkedIn would not deliver it, NoLeadIdError without a lead id; in
        both cases nothing is recorded.
        """
        from composer import DraftChannel
        from limits import Recipient

        data, who = _lead_data(lead), lead_id(lead)
        if not who:
            raise NoLeadIdError()
        subject = draft.subject if subject is None or draft.subject is None else subject
        body = draft.body if body is None else body
        found = self._recorded(who, draft.id)
        if found is None:
            verdict = None
            if draft.channel is not DraftChannel.CONNECTION_NOTE:
                verdict = self.account.check(Recipient.from_lead(data), at=at)
            kind = send_kind(draft.channel, verdict, draft_id=draft.id, lead_id=who)
            event = record(self.account, kind, lead_id=who, draft_id=draft.id, at=at).event
            first_time = event.at == at
        else:
            event = found
            kind, first_time = kind_of(event) or SendKind.INMAIL, False
        if not any(e.sent_at for e in self.drafts.entries(lead_id=lead_key(lead)) if e.draft_id == draft.id):
            # Also after a crash between the ledger and the history: the history catches up.
            self.drafts.record_sent(
                lead_id=lead_key(lead), draft_id=draft.id, subject=subject, body=body, at=at
            )
        return SendOutcome(
            kind=kind,
            draft_id=draft.id,
            lead_id=who,
            event_id=event.id,
            first_time=first_time,
            at=event.at,
            balance=self.account.status(at=at).balance,
        )

    def _recorded(self, lead: str, draft_id: str) -> Event | None:
        """The ledger's event for this draft, if it was marked before."""
        found = self.account.event_by_key(draft_id)
        return found if found is not None and found.lead_id == lead else None

    def sent(self, *, at: datetime) -> list[SentItem]:
        """Every send in the ledger up to `at`, newest first, with its status and credit-back window."""
        return self.account.sent(at=at)

    def record_response(self, item: SentItem, kind: ResponseKind, *, at: datetime) -> ResponseOutcome:
        """The lead of `item` answered (`kind`); once per send, whatever is clicked after."""
        from inmail.sent_list import record_response

        return record_response(self.account, item, kind, at=at)

    # -- the plan --------------------------------------------------------------------------------------

    def plan(self) -> PlanInForce | None:
        """The plan in force (id, start, cycle day), for the Settings form; None before the first."""
        from inmail.plan_setting import plan_in_force

        return plan_in_force(self.account)

    def plan_change(self, plan: str, *, start: datetime, cycle_day: int | None, at: datetime) -> PlanChange:
        """What setting this plan would do (new, unchanged, or a change that drops credits)."""
        from inmail.plan_setting import plan_change

        return plan_change(self.account, plan, start=start, cycle_day=cycle_day, at=at)

    def set_plan(
        self,
        plan: str,
        *,
        start: datetime,
        cycle_day: int | None,
        balance: int | None,
        at: datetime,
        confirm: bool = False,
    ) -> PlanChange:
        """Set the plan; a real change needs `confirm` (PlanChangeNotConfirmed without it)."""
        from inmail.plan_setting import set_plan

        return set_plan(
            self.account, plan, start=start, cycle_day=cycle_day, balance=balance, at=at, confirm=confirm
        )

    def all_drafts(self) -> list[Entry]:
        """Every lead's drafts, newest first (the Sent page finds each send's subject and lead here)."""
        return self.drafts.entries()

    # -- strategies ------------------------------------------------------------------------------------

    def create_strategy(self, new: NewStrategy) -> list[str]:
        """Write a new strategy's metadata and English message (validated first); returns the file names."""
        return create(self.store, new)
