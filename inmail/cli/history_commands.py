"""`inmail drafts` and `inmail sent`: the draft history on the command line, and "mark as sent".

`inmail draft` keeps every draft with its lead in the data directory; `inmail sent ID` records one as sent
through the same workspace call as the app's "Mark as sent" button and the chat's /sent: the channel the
limits choose, once under the draft's id. ID may be the first characters of the id, as `inmail drafts`
shows it.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, assert_never

from inmail.cli.io import parse_at

if TYPE_CHECKING:
    from inmail.sending import SendKind, SendOutcome


COMMANDS = ("drafts", "sent")  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    drafts = sub.add_parser("drafts", help="the drafts you made, newest first, and which were sent")
    drafts.add_argument("--lead", metavar="LEAD_ID", help="only the drafts for this lead")
    drafts.add_argument("--json", action="store_true", help="print JSON")
    drafts.set_defaults(run=run_drafts)

    sent = sub.add_parser("sent", help="record a draft as sent, after you sent it on LinkedIn by hand")
    sent.add_argument("draft_id", metavar="DRAFT_ID", help="the id `inmail draft` printed (or its start)")
    sent.add_argument("--at", metavar="ISO8601", help="when you sent it (default: now)")
    sent.add_argument("--json", action="store_true", help="print JSON")
    sent.set_defaults(run=run_sent)


def run_drafts(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    workspace = Workspace.open(args.data_dir)
    entries = workspace.drafts.entries(lead_id=args.lead)
    if args.json:
        rows = [
            {
                "id": e.draft_id,
                "lead_id": e.lead_id,
                "at": e.at.isoformat(),
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                **e.draft.to_json(),
            }
            for e in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("No drafts yet: `inmail draft LEAD.json` writes one.")
        return 0
    for e in entries:
        sent = f"sent {e.sent_at:%Y-%m-%d %H:%M}" if e.sent_at else "not sent"
        first_line = (e.draft.subject or e.draft.body).splitlines()[0][:50]
        print(f"{e.draft_id[:8]}  {e.at:%Y-%m-%d %H:%M}  {e.lead_id}  {sent:<22}  {first_line}")
    return 0


def run_sent(args: argparse.Namespace) -> int:
    from inmail.workspace import Workspace

    at = parse_at(args.at)
    with Workspace.open(args.data_dir) as workspace:
        entry = workspace.find_draft(args.draft_id)
        lead = entry.lead or {"id": entry.lead_id}
        outcome = workspace.mark_sent(
            entry.draft,
            lead,
            subject=entry.sent_subject,
            body=entry.sent_body,
            at=at,
        )
    if args.json:
        print(json.dumps(outcome.model_dump(mode="json"), indent=2))
    else:
        print(sentence(outcome))
    return 0


def sentence(outcome: SendOutcome) -> str:
    when = f"{outcome.at:%Y-%m-%d %H:%M UTC}"
    if not outcome.first_time:
        return (
            f"Already recorded at {when} (event {outcome.event_id}): nothing new; balance {outcome.balance}."
        )
    what = _what(outcome.kind)
    return (
        f"Recorded {what} to {outcome.lead_id} at {when} (event {outcome.event_id}); "
        f"balance {outcome.balance}."
    )


def _what(kind: SendKind) -> str:
    from inmail.sending import SendKind

    match kind:
        case SendKind.MESSAGE:
            return "a message (free, 1st-degree connection)"
        case SendKind.OPEN_PROFILE:
            return "an Open Profile InMail (free)"
        case SendKind.INMAIL:
            return "an InMail (1 credit)"
        case SendKind.INVITE_NOTE:
            return "an invitation with a note"
        case _ as unreachable:
            assert_never(unreachable)
