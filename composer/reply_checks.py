"""Checks only a model's reply needs, on top of every draft's checks (composer.checks).

A template draft is a message by construction; a model's reply may be two characters, a bulleted list
of tips, a copy of the prompt, a message cut off by max_tokens, one with no greeting, or one carrying
links the sender never gave. Each check says what is wrong as an instruction the model can follow in
the repair round (`instruction`), and the same words serve as the warning a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer.models import CheckResult, DraftChannel
from composer.text import fold

MIN_CHARS = {DraftChannel.CONNECTION_NOTE: 40, DraftChannel.INMAIL: 80, DraftChannel.FOLLOW_UP: 60}
MIN_WORDS = 8
_LIST_LINE = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+\S", re.M)
_ENDS = re.compile(r"[.!?…。？！)\]\"'»”’:]\s*$")
_PROMPT_MARKERS = ("<lead_profile>", "</lead_profile>", "<sender>", "<message body>", "<subject line>")


@dataclass(frozen=True)
class Reply:
    """What the model sent for one draft, beside the draft made of it."""

    body: str  # the body as parsed, before the finishing steps cut or stripped it
    first_name: str
    channel: DraftChannel
    limit: int  # the channel's body limit
    prompt: str  # the system prompt: a reply that copies it is not a message
    removed_links: tuple[str, ...] = ()
    finish_reason: str | None = None


def _check(name: str, ok: bool, good: str, bad: str) -> CheckResult:
    return CheckResult(name=name, ok=ok, message=good if ok else bad)


def check_message(reply: Reply) -> CheckResult:
    body = reply.body.strip()
    words = len(body.split())
    ok = len(body) >= MIN_CHARS[reply.channel] and words >= MIN_WORDS
    return _check(
        "message",
        ok,
        f"a message of {words} words",
        f"the reply is too short to be a message ({len(body)} characters): write the whole message",
    )


def check_greeting(reply: Reply) -> CheckResult:
    opening = fold(reply.body.strip()[:80].split("\n", 1)[0])
    ok = bool(reply.first_name) and fold(reply.first_name) in opening
    return _check(
        "greeting",
        ok,
        f"greets {reply.first_name} by name",
        f"the message does not open by greeting {reply.first_name} by first name: start with a greeting",
    )


def check_shape(reply: Reply) -> CheckResult:
    body = reply.body
    if len(_LIST_LINE.findall(body)) >= 2:
        return _check("shape", False, "", "the reply is a list, not a message: write plain paragraphs")
    folded = fold(body)
    copied = [m for m in _PROMPT_MARKERS if m in body] or [
        line
        for line in (fold(raw.strip(" -")) for raw in reply.prompt.splitlines())
        if len(line) >= 40 and line in folded
    ]
    if copied:
        return _check("shape", False, "", "the reply repeats the instructions: write only the message itself")
    return _check("shape", True, "one message in plain paragraphs", "")


def check_complete(reply: Reply) -> CheckResult:
    last = reply.body.rstrip().rsplit("\n", 1)[-1].strip()
    signed = fold(last) in fold(reply.prompt)  # the sign-off the prompt gave ends without a full stop
    cut_off = reply.finish_reason == "length" or (
        len(last.split()) >= 8 and not _ENDS.search(last) and not signed
    )
    return _check(
        "complete",
        not cut_off,
        "ends on a full sentence",
        "the message stops mid-sentence: finish it, and keep it short",
    )


def check_reply_length(reply: Reply) -> CheckResult:
    length = len(reply.body.strip())
    return _check(
        "reply_length",
        length <= reply.limit,
        f"the reply fits the {reply.limit}-character limit",
        f"the reply was {length} characters, over the limit of {reply.limit}: make it much shorter",
    )


def check_markup(reply: Reply) -> CheckResult:
    listed = ", ".join(dict.fromkeys(reply.removed_links))[:120]
    return _check(
        "markup",
        not reply.removed_links,
        "no link or markup the sender did not give",
        f"the reply had links or markup the sender did not give ({listed}): use plain text only",
    )


def reply_checks(reply: Reply) -> list[CheckResult]:
    return [
        check_message(reply),
        check_greeting(reply),
        check_shape(reply),
        check_complete(reply),
        check_reply_length(reply),
        check_markup(reply),
    ]
