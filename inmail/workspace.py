"""The workspace: the use cases over one data directory, shared by the app, the CLI and the chat.

It opens the ledger (`limits.Account`) and the template store, keeps the sender profile, the saved leads
and the draft history, marks drafts as sent and creates strategies. Front ends call it and word its
results and errors for their medium; it never imports a front end (or streamlit).

    with Workspace.open(data_dir) as ws:
        ws.record_draft(draft, lead=lead, at=now)
        outcome = ws.mark_sent(draft, lead, at=now)     # SendOutcome; a second call records nothing
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from inmail.lead_ids import (
    GENERATED_PREFIX,
    generated_lead_id,
    lead_data,
    lead_id,
    lead_id_problem,
    lead_key,
    with_lead_id,
)
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
    from inmail.follow_ups import DueFollowUp
    from inmail.leads import ImportResult, LeadBook, StoreCounts
    from inmail.plan_setting import PlanChange, PlanInForce
    from inmail.reply_stats import ReplyStats
    from inmail.sent_list import ResponseOutcome, SentItem
    from limits import Account, Event, ResponseKind
    from limits.planning import SendPlan

__all__ = [
    "GENERATED_PREFIX",
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
    "generated_lead_id",
    "lead_id",
    "lead_id_problem",
    "lead_key",
    "with_lead_id",
]

LeadData = Mapping[str, Any]
LEDGER_FILE = "ledger.sqlite3"  # limits.account.DB_NAME, named here so a draft need not import the ledger


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


MIN_ID_PREFIX = 6  # `drafts` shows 8 characters of each id


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
        settings = self.flagged(lead, settings)
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
        return self.drafter(at=at).stream(lead, sender, self.flagged(lead, settings), llm=llm, chat=chat)

    def flagged(self, lead: LeadData | Lead, settings: Any) -> Any:
        """`settings` with what the book knows that drafting needs: whether a follow-up has a first
        message to follow (only a follow-up asks the book: an InMail draft opens no ledger)."""
        from composer import DraftChannel, Settings

        chosen = Settings.from_data(settings)
        if chosen.channel is not DraftChannel.FOLLOW_UP or chosen.first_message_sent is not None:
            return settings
        return chosen.model_copy(update={"first_message_sent": self.first_message_sent(lead)})

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
            flag=self.flagged if has_book else None,
        )
        return run.results(leads)

    def close(self) -> None:
        if "book" in self.__dict__:
            self.book.close()
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
        self.profiles.save_sender(lead_data(sender))

    # -- the book of leads ------------------------------------------------------------------------------

    @cached_property
    def book(self) -> LeadBook:
        """Every saved and imported lead, one per profile (`leads.sqlite3`; `leads.json` copied in)."""
        from inmail.leads import LeadBook

        return LeadBook(self.root)

    def saved_leads(self) -> dict[str, dict[str, Any]]:
        """Every lead in the book as its JSON, by id, the latest saved last (the pickers' list)."""
        return self.book.data()

    def save_lead(self, lead: LeadData | Lead) -> None:
        """Save a lead from a form whole: the user's edit replaces what the book had."""
        self.book.put(lead)

    def delete_lead(self, lead: str) -> bool:
        return self.book.remove(lead)

    def import_leads(
        self,
        source: bytes | str | Path,
        *,
        name: str = "",
        format: str | None = None,
        mapping: Mapping[str, str] | None = None,
        profile_url: str | None = None,
    ) -> ImportResult:
        """Read leads from a file's bytes or a path and store them in the book (filling, never erasing);
        `result.stored` says what changed. LeadImportError refuses the whole input and stores nothing."""
        from inmail.leads import read_leads_file

        if isinstance(source, bytes):
            result = self.preview_leads(
                source, name=name, format=format, mapping=mapping, profile_url=profile_url
            )
        else:
            result = read_leads_file(source, format=format, mapping=mapping)
        result.stored = self.add_leads(result.imported)
        return result

    def preview_leads(
        self,
        data: bytes,
        *,
        name: str = "",
        format: str | None = None,
        mapping: Mapping[str, str] | None = None,
        profile_url: str | None = None,
    ) -> ImportResult:
        """Read leads without storing them (a page's preview); `add_leads` stores them once confirmed."""
        from inmail.leads import read_leads

        return read_leads(data, name=name, format=format, mapping=mapping, profile_url=profile_url)

    def add_leads(self, leads: Iterable[Lead | LeadData]) -> StoreCounts:
        """Store leads already read (the Outreach page's preview, confirmed)."""
        return self.book.upsert(leads)

    def leads(self) -> list[Lead]:
        return self.book.all()

    def lead(self, ref: str) -> Lead:
        """The saved lead with this id, id prefix or name; UnknownLeadError otherwise."""
        return self.book.get(ref)

    def find_leads(self, name: str) -> list[Lead]:
        """Saved leads called `name` (full, first or last name; case and accents ignored)."""
        return self.book.find(name)

    def remove_lead(self, ref: str) -> Lead:
        """Remove the saved lead `ref` names (id, id prefix or name) and return it."""
        lead = self.book.get(ref)
        self.book.remove(lead.id)
        return lead

    # -- draft history ---------------------------------------------------------------------------------

    def record_draft(
        self, draft: Draft, *, lead: LeadData | Lead, at: datetime, persona: str | None = None
    ) -> None:
        """Keep the draft with its lead (and the persona it was written as, for the reply stats)."""
        self.drafts.record_draft(draft, lead_id=lead_key(lead), lead=lead_data(lead), at=at, persona=persona)

    def history(self, lead: LeadData | Lead, *, earlier_ids: Iterable[str] = ()) -> list[Entry]:
        """The lead's drafts, newest first, each with when (and as what text) it was marked as sent.

        Drafts are kept under the lead's canonical id. A lead whose id changed finds its earlier drafts
        too: those under the id made from its name and company (before it had a URL) and under
        `earlier_ids` (the ids a front end saw it carry, a URL corrected); `Entry.lead_id` says which."""
        from limits.identity import canonical_lead_id

        keys = {lead_key(lead), generated_lead_id(lead)} - {""}
        keys |= {canonical_lead_id(i.strip()) for i in earlier_ids if i and i.strip()}
        if len(keys) == 1:
            return self.drafts.entries(lead_id=next(iter(keys)))
        return [entry for entry in self.drafts.entries() if entry.lead_id in keys]

    def find_draft(self, draft_id: str) -> Entry:
        """The saved draft with this id, or the one whose id starts with it: at least MIN_ID_PREFIX
        characters, since a send recorded against the wrong draft costs a credit."""
        wanted = draft_id.strip().lower()
        entries = self.drafts.entries()
        if exact := [entry for entry in entries if entry.draft_id == wanted]:
            return exact[0]
        if len(wanted) < MIN_ID_PREFIX:
            raise UnknownDraftError(draft_id, shortest=MIN_ID_PREFIX)
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

        data, who = lead_data(lead), lead_id(lead)
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

    def first_message_sent(self, lead: LeadData | Lead) -> bool:
        """Whether any send to the lead is recorded (a follow-up needs one): the flag drafting takes."""
        who = lead_id(lead)
        return bool(who) and any(
            event.lead_id == who and kind_of(event) is not None for event in self.account.events()
        )

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

    def send_plan(
        self, leads: Sequence[LeadData], *, start: datetime, days: int = 14, keep: int = 0
    ) -> SendPlan:
        """When and how to reach each lead within caps and credits (advice: nothing is written). Named
        apart from `plan()`, the LinkedIn plan in force."""
        from inmail.send_plan import send_plan

        return send_plan(self.account, leads, start=start, days=days, keep=keep)

    def follow_up_days(self) -> int:
        """How many days after a send a follow-up is due (Settings; 3 until changed)."""
        from inmail.follow_ups import FollowUpSettingsFile

        return FollowUpSettingsFile(self.root).load().after_days

    def set_follow_up_days(self, days: int) -> None:
        from inmail.follow_ups import FollowUpSettings, FollowUpSettingsFile

        FollowUpSettingsFile(self.root).save(FollowUpSettings(after_days=days))

    def due_follow_ups(self, *, at: datetime) -> list[DueFollowUp]:
        """The unanswered sends ready for a follow-up and the credit-back windows closing, with leads."""
        from inmail.follow_ups import CLOSING_DAYS, with_leads

        due = self.account.due(at=at, follow_up_days=self.follow_up_days(), closing_days=CLOSING_DAYS)
        if not due.follow_ups and not due.closing:
            return []  # the history is read only when something is due
        return with_leads(due, self.drafts.entries(), self.saved_leads())

    def stats_version(self) -> tuple[Any, ...]:
        """Changes whenever the reply stats may: the book's newest event, the figures, the draft history."""
        account = self.account
        with account.store.reading() as db:
            newest = account.store.newest_id(db)
        try:
            seen = self.drafts.path.stat()
            history = (seen.st_size, seen.st_mtime_ns)
        except FileNotFoundError:
            history = (0, 0)
        return newest, tuple(sorted(account.overrides().items())), history

    def reply_stats(self, *, at: datetime) -> ReplyStats:
        """Reply, accept and decline rates over every send up to `at`, joined to the drafts behind them."""
        from inmail.reply_stats import DraftFacts, reply_stats

        drafts = {draft_id: DraftFacts(*labels) for draft_id, labels in self.drafts.labels().items()}
        return reply_stats(self.sent(at=at), drafts)

    def all_drafts(self) -> list[Entry]:
        """Every lead's drafts, newest first (the Sent page finds each send's subject and lead here)."""
        return self.drafts.entries()

    # -- strategies ------------------------------------------------------------------------------------

    def create_strategy(self, new: NewStrategy) -> list[str]:
        """Write a new strategy's metadata and English message (validated first); returns the file names."""
        return create(self.store, new)
