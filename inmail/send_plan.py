"""The send plan as a use case: read the leads (a JSON file or JSON lines), read the book, ask the planner.

The planner (`limits.planning`) is pure; here the book is read at the plan's start: the figures with the
user's overrides, the credit ledger replayed to the start, and the recorded events. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail.errors import FileError, FileProblem
from inmail.files import MAX_STORE_BYTES, parse_json, read_bytes

if TYPE_CHECKING:
    from limits import Account
    from limits.planning import SendPlan

MAX_LEADS = 20_000  # a plan of more people than a year of sends could reach is a wrong file


def read_lead_file(path: str | Path) -> list[dict[str, Any]]:
    """The leads of a `.json` file (one lead object, or a list of them) or a `.jsonl` file (one lead per
    line; blank lines skipped). Bounded: 20 MB, 20,000 leads, JSON 32 levels deep."""
    path = Path(path)
    what = "lead file"
    data = read_bytes(path, what=what, limit=MAX_STORE_BYTES)
    if path.suffix.lower() == ".jsonl":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileError(FileProblem.NOT_TEXT, path, what=what) from None
        leads = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    leads.append(parse_json(line, path=path, what=what))
                except FileError as exc:
                    if exc.problem is not FileProblem.NOT_JSON:
                        raise
                    raise FileError(
                        FileProblem.NOT_JSON,
                        path,
                        what=what,
                        line=number,
                        column=exc.column,
                        detail=exc.detail,
                    ) from None
    else:
        found = parse_json(data, path=path, what=what)
        leads = found if isinstance(found, list) else [found]
    if len(leads) > MAX_LEADS:
        raise FileError(FileProblem.TOO_LARGE, path, what=what, detail=f"more than {MAX_LEADS:,} leads")
    for number, lead in enumerate(leads, start=1):
        if not isinstance(lead, dict):
            place = "line" if path.suffix.lower() == ".jsonl" else "lead"
            raise FileError(
                FileProblem.WRONG_SHAPE,
                path,
                what=what,
                detail=f"{place} {number} is not a lead object {{...}}",
            )
    return leads


def send_plan(
    account: Account, leads: Sequence[Mapping[str, Any]], *, start: datetime, days: int, keep: int
) -> SendPlan:
    """The plan for `leads` from `start` over `days`, keeping `keep` credits in reserve."""
    from limits import InvalidValueError, Recipient
    from limits.planning import PlanBook, make_plan

    recipients = []
    for number, lead in enumerate(leads, start=1):
        try:
            recipients.append(Recipient.from_lead(lead))
        except InvalidValueError as exc:
            raise InvalidValueError(f"lead {number}: {exc}", field="lead", value=number) from None
    book = PlanBook(catalog=account.catalog(), ledger=account.ledger(at=start), events=account.events())
    return make_plan(book, recipients, start=start, days=days, keep=keep)
