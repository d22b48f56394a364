"""The check: which channel reaches this person now, what it costs, and why (each reason with its source).

Pure: it takes the plan, the balance, the person's history and the cap readings, and returns a Verdict.
Channels are tried cheapest first (message, Open Profile, InMail); the first one no rule blocks wins.
Hard rules (opted out, out of network, awaiting an answer, no credits) block; reported caps block
when full and warn when nearly full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import assert_never

from pydantic import BaseModel, ConfigDict

from limits.caps import CapReading
from limits.catalog import Catalog, Plan, SecondInMail
from limits.eligibility.history import LeadHistory
from limits.eligibility.invitation import connection_request
from limits.eligibility.verdict import Alternative, Reason, SendChannel, Verdict
from limits.events import Action
from limits.recipient import Recipient


class CheckInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    recipient: Recipient
    catalog: Catalog
    plan: Plan
    balance: int
    next_renewal_at: datetime | None
    history: LeadHistory
    caps: dict[str, CapReading]
    unfunded: int = 0  # paid InMails the book recorded with no credit


@dataclass
class Block:
    reason: Reason
    until: datetime | None  # None: no known time (needs an answer, or never)


@dataclass
class Option:
    channel: SendChannel
    credits: int
    reasons: list[Reason] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.blocks

    @property
    def until(self) -> datetime | None:
        times = [b.until for b in self.blocks]
        return None if not times or None in times else max(t for t in times if t is not None)


def check(inp: CheckInput) -> Verdict:
    options = _options(inp)
    general = _general_warnings(inp)
    request = connection_request(inp.catalog, inp.plan, inp.recipient, inp.history, inp.caps, at=inp.at)
    allowed = [o for o in options if o.allowed]
    if allowed:
        chosen = allowed[0]
        skipped = options[: options.index(chosen)]
        others = [_alternative(o) for o in allowed[1:]]
        return Verdict(
            allowed=True,
            channel=chosen.channel,
            credits=chosen.credits,
            reasons=_unique([b.reason for o in skipped for b in o.blocks] + chosen.reasons),
            warnings=_unique(chosen.warnings + general),
            next_allowed_at=None,
            alternatives=[*others, request],
        )
    waiting = [o for o in options if o.until is not None]
    soonest = min(waiting, key=lambda o: o.until or inp.at) if waiting else None
    reasons = [b.reason for o in options for b in o.blocks] + (soonest.reasons if soonest else [])
    return Verdict(
        allowed=False,
        channel=soonest.channel if soonest else None,
        credits=soonest.credits if soonest else 0,
        reasons=_unique(reasons),
        warnings=_unique(general),
        next_allowed_at=soonest.until if soonest else None,
        alternatives=[request],
    )


def _options(inp: CheckInput) -> list[Option]:
    if inp.recipient.degree == 1:
        return [_message(inp)]
    options = [_open_profile(inp)] if inp.recipient.open_profile else []
    return [*options, _inmail(inp)]


def _message(inp: CheckInput) -> Option:
    reason = Reason(
        rule="first_degree",
        message="A 1st-degree connection: send a free message, no credit needed.",
        source=inp.catalog.cite("first_degree"),
    )
    return _with_caps(Option(SendChannel.MESSAGE, 0, reasons=[reason]), inp, Action.MESSAGE)


def _open_profile(inp: CheckInput) -> Option:
    option = Option(SendChannel.OPEN_PROFILE, 0)
    if not inp.recipient.accepts_inmail:
        option.blocks.append(Block(_opted_out(inp), None))
        return option
    if inp.recipient.degree is None and not inp.plan.inmail_out_of_network.value:
        option.blocks.append(Block(_out_of_network(inp, "an Open Profile message"), None))
        return option
    option.reasons.append(
        Reason(
            rule="open_profile",
            message=f"An Open Profile member: this InMail is free; your {inp.balance} credits stay.",
            source=inp.catalog.cite("open_profile"),
        )
    )
    if inp.history.awaiting_answer:
        option.warnings.append(
            Reason(
                rule="follow_up",
                message=f"No answer yet to your InMail of {_day(inp.history.last_inmail_at)}: "
                "this one is a follow-up.",
                source="your ledger",
            )
        )
    return _with_caps(option, inp, Action.OPEN_PROFILE)


def _inmail(inp: CheckInput) -> Option:
    plan, option = inp.plan, Option(SendChannel.INMAIL, 1)
    if not inp.recipient.accepts_inmail:
        option.blocks.append(Block(_opted_out(inp), None))
        return option
    if inp.recipient.degree is None and not plan.inmail_out_of_network.value:
        option.blocks.append(Block(_out_of_network(inp, "an InMail"), None))
        return option
    if inp.history.awaiting_answer:
        _second_inmail(inp, option)
    if inp.balance < 1:
        option.blocks.append(Block(_no_credits(inp), inp.next_renewal_at))
    else:
        renewal = f" (next renewal {_day(inp.next_renewal_at)})" if inp.next_renewal_at else ""
        option.reasons.append(
            Reason(
                rule="inmail_credit",
                message=f"An InMail costs 1 credit; you have {inp.balance}{renewal}.",
                source=inp.catalog.cite("inmail_credit"),
            )
        )
    return _with_caps(option, inp, Action.INMAIL)


def _second_inmail(inp: CheckInput, option: Option) -> None:
    plan, sent = inp.plan, _day(inp.history.last_inmail_at)
    policy = plan.second_inmail_policy
    match policy:
        case SecondInMail.BLOCKED_UNTIL_RESPONSE:
            message = (
                f"You InMailed them on {sent} with no answer yet: "
                f"{plan.name} allows another only after a response."
            )
            option.blocks.append(
                Block(Reason(rule="second_inmail", message=message, source=plan.second_inmail.cite()), None)
            )
        case SecondInMail.COSTS_CREDIT:
            message = (
                f"No answer yet to your InMail of {sent}: "
                f"on {plan.name} another InMail is allowed but takes one more credit."
            )
            option.warnings.append(
                Reason(rule="second_inmail", message=message, source=plan.second_inmail.cite())
            )
        case _ as unreachable:
            assert_never(unreachable)


def _no_credits(inp: CheckInput) -> Reason:
    plan = inp.plan
    if plan.id == "recruiter" and plan.monthly == 0 and not plan.credits_per_month.overridden:
        message = (
            "No InMail credits: Recruiter allotments are set per seat; override the figure "
            "plans.recruiter.credits_per_month with yours."
        )
    elif plan.monthly == 0:
        message = f"{plan.name} includes no InMail credits: use a connection request, or upgrade."
    elif inp.next_renewal_at:
        message = f"No InMail credits left: {plan.monthly} more arrive on {_day(inp.next_renewal_at)}."
    else:
        message = "No InMail credits left."
    return Reason(rule="no_credits", message=message, source=plan.credits_per_month.cite())


def _out_of_network(inp: CheckInput, what: str) -> Reason:
    return Reason(
        rule="out_of_network",
        message=f"{inp.plan.name} cannot send {what} to members outside your network: "
        "connect first, or ask a mutual connection.",
        source=inp.plan.inmail_out_of_network.cite(),
    )


def _opted_out(inp: CheckInput) -> Reason:
    return Reason(
        rule="opted_out",
        message="This member has opted out of InMail: no InMail can reach them.",
        source=inp.catalog.cite("opted_out"),
    )


def _with_caps(option: Option, inp: CheckInput, action: Action) -> Option:
    block, warn = inp.catalog.number("thresholds.block"), inp.catalog.number("thresholds.warn")
    for reading in inp.caps.values():
        if action not in reading.counts:
            continue
        if reading.full(block):
            release = f"; one more fits at {_moment(reading.release_at)}" if reading.release_at else ""
            message = f"{reading.title}: {reading.used} of {reading.limit} used in the last {reading.window}"
            message += f"{release}."
            option.blocks.append(
                Block(
                    Reason(rule=f"cap.{reading.name}", message=message, source=reading.source),
                    reading.release_at,
                )
            )
        elif reading.near(warn):
            message = f"{reading.title}: this makes {reading.used + 1} of {reading.limit}"
            message += f" in the last {reading.window}."
            option.warnings.append(Reason(rule=f"cap.{reading.name}", message=message, source=reading.source))
    return option


def _general_warnings(inp: CheckInput) -> list[Reason]:
    if not inp.unfunded:
        return []
    return [
        Reason(
            rule="book_out_of_step",
            message=f"{inp.unfunded} InMail(s) were recorded when the book showed no credit: "
            "sync the book with the number LinkedIn shows.",
            source="your ledger",
        )
    ]


def _alternative(option: Option) -> Alternative:
    return Alternative(channel=option.channel, credits=option.credits, message=option.reasons[0].message)


def _unique(reasons: list[Reason]) -> list[Reason]:
    return list(dict.fromkeys(reasons))


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "?"


def _moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "?"
