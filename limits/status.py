"""The account at an instant: plan, balance, lots and when they expire, next renewal, caps used."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from limits.catalog import Window
from limits.events import iso
from limits.lots import LotKind


class LotView(BaseModel):
    model_config = ConfigDict(frozen=True)

    credits: int
    granted_at: datetime
    expires_at: datetime | None  # None: purchased credits never expire
    kind: LotKind


class CapUse(BaseModel):
    model_config = ConfigDict(frozen=True)

    used: int
    limit: int
    window: Window
    title: str = ""
    source: str = ""


class Status(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan: str
    balance: int
    lots: list[LotView]  # spending order: the next credit spent comes from the first lot
    next_renewal_at: datetime | None
    caps: dict[str, CapUse]
    # For people, not for the JSON contract:
    at: datetime
    plan_name: str = ""
    bank_cap: int = 0
    notes: list[str] = []
    unfunded: int = 0  # paid InMails recorded when the book showed no credit: a sync would settle them

    def to_json(self) -> dict[str, Any]:
        """The shape of `inmail ledger status --json` (DESIGN section 5)."""
        return {
            "plan": self.plan,
            "balance": self.balance,
            "lots": [
                {
                    "credits": lot.credits,
                    "granted_at": iso(lot.granted_at),
                    "expires_at": iso(lot.expires_at),
                    "kind": lot.kind.value,
                }
                for lot in self.lots
            ],
            "next_renewal_at": iso(self.next_renewal_at),
            "caps": {
                name: {"used": c.used, "limit": c.limit, "window": c.window.value}
                for name, c in self.caps.items()
            },
        }
