"""`inmail coach FILE|-`: the draft coach's score and advice for a message written anywhere.

The file holds the message as pasted: an optional "Subject: ..." first line, then the body. The coach
needs no lead and no network; the language is guessed from the text unless given.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from inmail.cli.errors import CliError

MAX_BYTES = 100_000  # an InMail holds 2,000 characters; anything this big is not one message
_SUBJECT = re.compile(
    r"[ \t]*(?:subject|objet|sujet|betreff|asunto|assunto|oggetto)[ \t]*[:：]", re.I
)  # linear


COMMANDS = ("coach",)  # the commands register() adds


def register(sub: argparse._SubParsersAction) -> None:
    coach = sub.add_parser(
        "coach", help="score a message you wrote and get one suggestion per weak part (offline)"
    )
    coach.add_argument("file", metavar="FILE|-", help="the message as text; '-' reads standard input")
    coach.add_argument(
        "--channel", default="inmail", metavar="inmail|connection_note|follow_up", help="default: inmail"
    )
    coach.add_argument(
        "--language",
        default="auto",
        metavar="auto|CODE",
        help="auto (default: guessed from the text), en, fr, ...",
    )
    coach.add_argument("--json", action="store_true", help="print JSON")
    coach.set_defaults(run=run_coach)


def read_message(source: str) -> str:
    """The text of FILE or standard input, refused in one line when it cannot be a message."""
    name = "standard input" if source == "-" else source
    if source == "-":
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        except (AttributeError, ValueError, OSError):  # no standard input at all, or a closed one
            raise CliError("standard input is closed: pipe the message in, or give a file") from None
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise CliError(f"{path} does not exist: give a text file, or '-' for standard input") from None
        except IsADirectoryError:
            raise CliError(f"{path} is a directory, not a text file") from None
        except OSError as exc:
            raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise CliError(f"{name} is over {MAX_BYTES // 1000} KB: the coach reads one message at a time")
    if b"\x00" in data:
        raise CliError(f"{name} is a binary file, not text: save the message as plain text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name} is not UTF-8 text (byte {exc.start + 1}): save it as UTF-8 and try again"
        ) from None
    if not text.strip():
        raise CliError(f"{name} is empty: give the message to score")
    return text


def split_subject(text: str) -> tuple[str | None, str]:
    """(subject, body): a first line "Subject: ..." (or Objet, Betreff, Asunto, ...) is the subject."""
    lines = text.replace("\r\n", "\n").strip().split("\n")
    match = _SUBJECT.match(lines[0])
    if match is None:
        return None, "\n".join(lines).strip()
    return lines[0][match.end() :].strip(), "\n".join(lines[1:]).strip()


def _language(value: str, body: str) -> tuple[str, bool]:
    """The language code and whether it was guessed."""
    from composer.coach import guess_language
    from composer.models import normalize_language

    if value.strip().lower() == "auto":
        return guess_language(body), True
    try:
        code = normalize_language(value)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if code is None:
        raise CliError("--language is empty: use auto or a code such as en, fr, de or es")
    return code, False


def run_coach(args: argparse.Namespace) -> int:
    from composer import DraftChannel
    from composer.coach import coach

    try:
        channel = DraftChannel(args.channel)
    except ValueError:
        known = ", ".join(c.value for c in DraftChannel)
        raise CliError(f"unknown channel {args.channel!r}: use one of {known}") from None
    subject, body = split_subject(read_message(args.file))
    if not body:
        raise CliError("the message has a subject line but no body: add the text after it")
    language, guessed = _language(args.language, body)
    report = coach(body, subject=subject, channel=channel, language=language)
    if args.json:
        data: dict[str, Any] = {"channel": channel.value, "language": language, **report.to_json()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    how = " (guessed)" if guessed else ""
    print(f"Score {report.score}/100 for this {channel.value.replace('_', ' ')} in {language}{how}")
    width = max(len(part.name.value) for part in report.parts)
    for part in report.parts:
        print(f"  {part.name.value.replace('_', ' '):<{width}}  {part.score:>3}  {part.detail}")
        if part.suggestion:
            print(f"  {'':<{width}}       -> {part.suggestion}")
    if subject is None and channel is not DraftChannel.CONNECTION_NOTE:
        print("  (no subject scored: start the file with a line 'Subject: ...' to include it)")
    return 0
