"""The check: may this person be messaged now, on which channel, at what cost, and why."""

from limits.eligibility.check import CheckInput, check
from limits.eligibility.verdict import Alternative, Reason, SendChannel, Verdict

__all__ = ["Alternative", "CheckInput", "Reason", "SendChannel", "Verdict", "check"]
