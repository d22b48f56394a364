"""Which channels may reach each lead, cheapest first, from the rules `check` applies: the same person,
plan and history give the same answer. The planner walks a lead down its route when a channel has no
room in the horizon."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from limits.catalog import Catalog, Plan, SecondInMail
from limits.eligibility.history import LeadHistory, history_of
from limits.events import Event, to_us
from limits.recipient import Recipient
from limits.send_time import zone_for


class Route(IntEnum):
    """A way to reach a lead, in the order the plan tries them: free, then paid, then an invitation."""

    MESSAGE = 0
    OPEN_PROFILE = 1
    INMAIL = 2
    INVITATION = 3  # with a note while the allowance lasts


@dataclass
class PlannedLead:
    index: int  # the lead's place in the input: earlier leads go first among equals
    recipient: Recipient
    zone: str
    routes: list[Route]  # what is left to try, cheapest first
    invite_after_us: int = 0  # a withdrawn invitation blocks a new one until then
    why: list[str] = field(default_factory=list)  # why the cheaper routes were dropped

    @property
    def id(self) -> str:
        return self.recipient.id

    def unreachable_because(self, last: str) -> str:
        return "; ".join([*self.why, last]) + "."


def histories(events: Iterable[Event], ids: set[str], until: datetime) -> dict[str, LeadHistory]:
    rows: dict[str, list] = {}
    for event in events:
        if event.lead_id in ids and event.at <= until:
            rows.setdefault(event.lead_id, []).append(event.row(event.id or 0))
    return {lead: history_of(sorted(found, key=lambda r: (r.at_us, r.id))) for lead, found in rows.items()}


def plan_lead(
    index: int, recipient: Recipient, history: LeadHistory, *, catalog: Catalog, plan: Plan, at: datetime
) -> PlannedLead:
    zone, _ = zone_for(timezone=recipient.timezone, location=recipient.location)
    lead = PlannedLead(index=index, recipient=recipient, zone=zone, routes=[])
    if recipient.degree == 1:
        lead.routes.append(Route.MESSAGE)
        return lead
    if not recipient.accepts_inmail:
        lead.why.append("opted out of InMail")
    elif recipient.degree is None and not plan.inmail_out_of_network.value:
        lead.why.append(f"outside your network, where {plan.name} sends no InMail")
    else:
        if recipient.open_profile:
            lead.routes.append(Route.OPEN_PROFILE)
        if history.awaiting_answer and plan.second_inmail_policy is SecondInMail.BLOCKED_UNTIL_RESPONSE:
            sent = f"{history.last_inmail_at:%Y-%m-%d}"
            lead.why.append(f"your InMail of {sent} awaits an answer, and {plan.name} allows no second one")
        else:
            lead.routes.append(Route.INMAIL)
    block = catalog.days("invitations.reinvite_block_days")
    if history.invite_pending and history.last_invite_at:
        lead.why.append(f"your invitation of {history.last_invite_at:%Y-%m-%d} is still pending")
        return lead
    if history.last_withdraw_at and at < history.last_withdraw_at + block:
        lead.invite_after_us = to_us(history.last_withdraw_at + block)
    lead.routes.append(Route.INVITATION)
    return lead
