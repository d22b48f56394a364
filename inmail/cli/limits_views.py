"""Plain-text and JSON renderings of the limits engine's answers for the `inmail` command line."""

from __future__ import annotations

from datetime import datetime
from typing import Any, assert_never

from limits import Catalog, Note, NoteKind, SendAdvice, Status, Verdict
from limits.events import as_utc

_PLAN_COLUMNS = (
    ("credits_per_month", "credits/month"),
    ("max_banked", "max banked"),
    ("renewal", "renewal"),
    ("second_inmail", "2nd InMail, no answer"),
    ("inmail_out_of_network", "out of network"),
    ("note_chars", "note chars"),
)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)).rstrip()
        for line in [headers, *rows]
    ]
    return "\n".join(lines)


def when(value: datetime | None, *, never: str = "never") -> str:
    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC") if value else never


def plans_json(catalog: Catalog) -> dict[str, Any]:
    return {
        "plans": [
            {
                "id": plan.id,
                "name": plan.name,
                "paid": plan.paid,
                **{name: getattr(plan, name).value for name, _ in _PLAN_COLUMNS},
            }
            for plan in catalog.plans.values()
        ],
        "figures": [figure.model_dump(mode="json") for figure in catalog.figures.values()],
    }


def plans_text(catalog: Catalog) -> str:
    def show(figure: Any) -> str:
        return f"{figure.value}*" if figure.overridden else str(figure.value)

    plans = table(
        ["plan", *(title for _, title in _PLAN_COLUMNS)],
        [
            [plan.id, *(show(getattr(plan, name)) for name, _ in _PLAN_COLUMNS)]
            for plan in catalog.plans.values()
        ],
    )
    caps = table(
        ["cap", "limit", "window", "plans", "source"],
        [
            [
                cap.name,
                show(cap.limit),
                cap.window.value,
                ", ".join(cap.plans) if len(cap.plans) < 6 else "all",
                cap.limit.cite(),
            ]
            for cap in catalog.caps.values()
        ],
    )
    figures = table(
        ["figure", "value", "source", "date"],
        [
            [f.key, show(f), f.cite() + (f": {f.note}" if f.note and not f.overridden else ""), f.date]
            for f in catalog.figures.values()
        ],
    )
    return "\n\n".join(
        [
            "Plans (* = your override)",
            plans,
            "Reported caps (rolling windows)",
            caps,
            "Every figure, with its source (override any with `inmail ledger override KEY VALUE`)",
            figures,
        ]
    )


def status_text(status: Status) -> str:
    lines = [
        f"Plan: {status.plan_name} ({status.plan})    at {when(status.at)}",
        f"Balance: {status.balance} credit(s) (max banked {status.bank_cap})    "
        f"next renewal: {when(status.next_renewal_at, never='none')}",
        "",
    ]
    if status.lots:
        lines += [
            "Lots, in the order they are spent",
            table(
                ["credits", "kind", "granted", "expires"],
                [
                    [str(lot.credits), lot.kind.value, when(lot.granted_at), when(lot.expires_at)]
                    for lot in status.lots
                ],
            ),
        ]
    else:
        lines.append("No credits.")
    lines += [
        "",
        "Caps (rolling windows)",
        table(
            ["cap", "used", "limit", "window", "source"],
            [
                [name, str(cap.used), str(cap.limit), cap.window.value, cap.source]
                for name, cap in status.caps.items()
            ],
        ),
    ]
    lines += [f"Note: {note_text(note)}" for note in status.notes]
    return "\n".join(lines)


def verdict_text(verdict: Verdict, advice: SendAdvice | None) -> str:
    if verdict.allowed:
        cost = "free" if verdict.credits == 0 else f"{verdict.credits} credit(s)"
        head = f"Allowed: {verdict.channel.value if verdict.channel else '-'} ({cost})"
    else:
        wait = f"; next allowed at {when(verdict.next_allowed_at)}" if verdict.next_allowed_at else ""
        channel = f" by {verdict.channel.value}" if verdict.channel else ""
        head = f"Not allowed now{channel}{wait}"
    lines = [head, "", "Why:"]
    lines += [f"  - {r.message} [{r.source}]" for r in verdict.reasons]
    if verdict.warnings:
        lines += ["Warnings:", *(f"  - {w.message} [{w.source}]" for w in verdict.warnings)]
    lines += ["Alternatives:"]
    for alt in verdict.alternatives:
        cost = "free" if alt.credits == 0 else f"{alt.credits} credit(s)"
        lines.append(f"  - {alt.channel.value} ({cost}): {alt.message}")
    if advice is not None:  # only when there is something to send, now or later
        start, end = advice.local()
        lines += [
            "",
            f"Best time to send: {start:%a %Y-%m-%d %H:%M}-{end:%H:%M} {advice.timezone} "
            f"({when(advice.start)}). {advice.reason} [{advice.source}]",
        ]
    return "\n".join(lines)


def cli_message(exc: Exception) -> str:
    """A limits error as one line with the command line's way to fix it."""
    from limits import errors

    text = str(exc)
    match exc:
        case errors.NotInitialisedError(at=None):
            return "the ledger is not set up: run `inmail ledger init --plan ID` first"
        case errors.NotInitialisedError(start=start) if start is not None:
            return f"{text}: record it with an --at from {when(start)} on"
        case errors.NotInitialisedError():
            return f"{text}: use a later --at"
        case errors.UnknownFigureError():
            return f"{text}: run `inmail plans --json` to see every key you can override"
        case errors.KeyReusedError():
            return f"{text}; nothing recorded: use another --key"
        case errors.PlanChangeNotConfirmed():
            return f"{exc.change.summary()}: add --yes to change the plan"
        case errors.NoSendError():
            return f"{text}: record the send first (with --at), or check the lead id"
        case errors.LedgerCorruptError():
            return f"{text}: move it away, or use another --data-dir"
        case errors.LedgerFileError():
            return f"{text}: check the folder's permissions and free space, or use another --data-dir"
        case _:
            return text


_CREDIT_BACK = {
    "returned": "Credit back: 1 credit returned (answered within 90 days).",
    "outside_window": "No credit back: the InMail was answered more than 90 days after it was sent.",
    "open_profile": "No credit back: the InMail went to an Open Profile and was free.",
    "no_inmail": "No credit back: no InMail went to this lead (an answer to a message or an invitation).",
    "not_pending": "No credit back: no InMail to this lead was waiting with a credit on it "
    "(already answered, sent with no credit in the book, or before a plan change).",
}


def credit_back_text(outcome: Any) -> str:
    return _CREDIT_BACK[str(outcome)]


def _sent_rows(items: list[Any]) -> list[list[str]]:
    rows = []
    for item in items:
        if item.credit_back:
            back = "yes"
        elif item.credit_back_reason is not None:
            back = f"no ({item.credit_back_reason.value})"
        elif item.days_left is not None:
            back = f"{item.days_left} day(s) left" if item.days_left else "window closed"
        else:
            back = "-"
        rows.append(
            [
                f"{item.sent_at:%Y-%m-%d %H:%M}",
                item.channel.value,
                str(item.credits),
                item.status.value,
                back,
                item.lead_id,
            ]
        )
    return rows


_SENT_HEADERS = ["sent (UTC)", "channel", "credits", "status", "credit back", "lead"]


def sent_text(items: list[Any]) -> str:
    if not items:
        return "Nothing sent yet: record sends with `inmail ledger inmail LEAD_ID` (and message, invite)."
    return table(_SENT_HEADERS, _sent_rows(items))


def due_text(due: Any) -> str:
    parts = [f"Due at {when(due.at)}"]
    if due.follow_ups:
        parts += [
            "",
            "Follow-ups due (no answer for 7 days or more)",
            table(_SENT_HEADERS, _sent_rows(due.follow_ups)),
        ]
    else:
        parts += ["", "No follow-up due."]
    if due.closing:
        parts += [
            "",
            "Credit-back windows closing within 14 days (an answer before then returns the credit)",
            table(_SENT_HEADERS, _sent_rows(due.closing)),
        ]
    else:
        parts += ["", "No credit-back window closes within 14 days."]
    return "\n".join(parts)


def note_text(note: Note) -> str:
    """A note on the book, with the command that settles it."""
    match note.kind:
        case NoteKind.UNFUNDED:
            return f"{note.text}: run `inmail ledger sync N` with the number LinkedIn shows."
        case NoteKind.SEAT_ALLOTMENT:
            return f"{note.text}: run `inmail ledger override {note.figure} N` with yours."
        case _ as unreachable:
            assert_never(unreachable)
