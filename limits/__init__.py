"""The rule book: plan catalog with sources, credit ledger, caps, eligibility check, send-time advice.

Never imports streamlit or composer. Everything a caller needs is importable from here.
"""

from limits.account import Account
from limits.catalog import Cap, Catalog, Confidence, Figure, Plan, Renewal, SecondInMail, Window, load_catalog
from limits.eligibility.verdict import Alternative, Channel, Reason, Verdict
from limits.errors import LimitsError, NotInitialisedError, UnknownPlanError
from limits.events import Event, EventKind, ResponseKind
from limits.lots import LotKind
from limits.recipient import Recipient
from limits.send_time import SendAdvice, next_send_window
from limits.status import CapUse, LotView, Status

__all__ = [
    "Account",
    "Alternative",
    "Cap",
    "CapUse",
    "Catalog",
    "Channel",
    "Confidence",
    "Event",
    "EventKind",
    "Figure",
    "LimitsError",
    "LotKind",
    "LotView",
    "NotInitialisedError",
    "Plan",
    "Reason",
    "Recipient",
    "Renewal",
    "ResponseKind",
    "SecondInMail",
    "SendAdvice",
    "Status",
    "UnknownPlanError",
    "Verdict",
    "Window",
    "load_catalog",
    "next_send_window",
]
