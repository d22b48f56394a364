"""The rule book: plan catalog with sources, credit ledger, caps, eligibility check, send-time advice.

Never imports streamlit or composer. Everything a caller needs is importable from here.
"""

from limits.account import Account, Recorded
from limits.catalog import Cap, Catalog, Confidence, Figure, Plan, Renewal, SecondInMail, Window, load_catalog
from limits.eligibility.verdict import Alternative, Reason, SendChannel, Verdict
from limits.errors import (
    InvalidValueError,
    KeyReusedError,
    LedgerCorruptError,
    LedgerFileError,
    LedgerOpenError,
    LedgerWriteError,
    LimitsError,
    NoSendError,
    NotInitialisedError,
    OutOfRangeError,
    PlanChangeNotConfirmed,
    UnknownFigureError,
    UnknownPlanError,
)
from limits.events import Action, CreditBack, Event, EventKind, ResponseKind
from limits.identity import canonical_lead_id
from limits.lots import LotKind
from limits.plan_change import PlanChange, PlanChangeKind
from limits.recipient import Recipient
from limits.send_time import SendAdvice, next_send_window
from limits.sent import Due, SendStatus, SentItem
from limits.status import CapUse, LotView, Note, NoteKind, Status

__all__ = [
    "Account",
    "Action",
    "Alternative",
    "Cap",
    "CapUse",
    "Catalog",
    "Confidence",
    "CreditBack",
    "Due",
    "Event",
    "EventKind",
    "Figure",
    "InvalidValueError",
    "KeyReusedError",
    "LedgerCorruptError",
    "LedgerFileError",
    "LedgerOpenError",
    "LedgerWriteError",
    "LimitsError",
    "LotKind",
    "LotView",
    "NoSendError",
    "NotInitialisedError",
    "Note",
    "NoteKind",
    "OutOfRangeError",
    "Plan",
    "PlanChange",
    "PlanChangeKind",
    "PlanChangeNotConfirmed",
    "Reason",
    "Recipient",
    "Recorded",
    "Renewal",
    "ResponseKind",
    "SecondInMail",
    "SendAdvice",
    "SendChannel",
    "SendStatus",
    "SentItem",
    "Status",
    "UnknownFigureError",
    "UnknownPlanError",
    "Verdict",
    "Window",
    "canonical_lead_id",
    "load_catalog",
    "next_send_window",
]
