"""The rule book: plan catalog with sources, credit ledger, caps, eligibility check, send-time advice.

Never imports streamlit or composer. Everything a caller needs is importable from here; each name loads
its module on first use (PEP 562), so `limits.identity` or `limits.errors` alone does not open the ledger
machinery (a draft needs neither).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from limits.account import Account, Recorded
    from limits.catalog import (
        Cap,
        Catalog,
        Confidence,
        Figure,
        Plan,
        Renewal,
        SecondInMail,
        Window,
        load_catalog,
    )
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
    from limits.status import CapUse, LotView, Note, NoteKind, ScheduledPlan, Status

_MODULES = {
    "limits.account": ("Account", "Recorded"),
    "limits.catalog": (
        "Cap",
        "Catalog",
        "Confidence",
        "Figure",
        "Plan",
        "Renewal",
        "SecondInMail",
        "Window",
        "load_catalog",
    ),
    "limits.eligibility.verdict": ("Alternative", "Reason", "SendChannel", "Verdict"),
    "limits.errors": (
        "InvalidValueError",
        "KeyReusedError",
        "LedgerCorruptError",
        "LedgerFileError",
        "LedgerOpenError",
        "LedgerWriteError",
        "LimitsError",
        "NoSendError",
        "NotInitialisedError",
        "OutOfRangeError",
        "PlanChangeNotConfirmed",
        "UnknownFigureError",
        "UnknownPlanError",
    ),
    "limits.events": ("Action", "CreditBack", "Event", "EventKind", "ResponseKind"),
    "limits.identity": ("canonical_lead_id",),
    "limits.lots": ("LotKind",),
    "limits.plan_change": ("PlanChange", "PlanChangeKind"),
    "limits.recipient": ("Recipient",),
    "limits.send_time": ("SendAdvice", "next_send_window"),
    "limits.sent": ("Due", "SendStatus", "SentItem"),
    "limits.status": ("CapUse", "LotView", "Note", "NoteKind", "ScheduledPlan", "Status"),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'limits' has no attribute {name!r}")


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
    "ScheduledPlan",
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
