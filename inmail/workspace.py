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
from collections.abc import Iterable, Mapping
from datetime import datetime
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
    from composer import ChannelLimits, Draft, Lead, Sender
    from composer.templates import TemplateStore
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
    if not text or _WORDS.search(text):  # words with spaces name nobody: the lead has no id yet
        return ""
    return canonical_lead_id(text)


_WORDS = re.compile(r"\s")
_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]*://|^[^/@\s]+\.[a-z]{2,}(?:/|$)", re.IGNORECASE)


def lead_id_problem(lead: LeadData | Lead) -> str | None:
    """One line when the profile URL field holds something other than a LinkedIn profile URL: plain words
    (not used as an id) or another site's address (kept as the user's own id, as typed)."""
    from limits.identity import canonical_lead_id

    raw = lead.id if isinstance(lead, BaseModel) else lead.get("id")
    text = str(raw or "").strip()
    if not text or text.startswith(GENERATED_PREFIX):
        return None
    if _WORDS.search(text):
        return (
            f"{text[:60]!r} is not a profile URL: it is not used as the lead's id. Paste the lead's LinkedIn "
            "URL (linkedin.com/in/...)."
        )
    if canonical_lead_id(text).startswith("https://www.linkedin.com/"):
        return None
    if _URL_LIKE.search(text):
        return (
            f"{text[:60]!r} is not a LinkedIn profile URL: it is kept as your own id for this lead, as "
            "typed. Paste the linkedin.com/in/... URL to track them under LinkedIn's."
        )
    return None  # a CRM id or an e-mail address: the user's own id, as they mean it


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

    def all_drafts(self) -> list[Entry]:
        """Every lead's drafts, newest first (the Sent page finds each send's subject and lead here)."""
        return self.drafts.entries()

    # -- strategies ------------------------------------------------------------------------------------

    def create_strategy(self, new: NewStrategy) -> list[str]:
        """Write a new strategy's metadata and English message (validated first); returns the file names."""
        return create(self.store, new)
