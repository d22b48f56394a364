"""The `inmail` console script: argument parsing and the one place that turns errors into one line.

Each command group lives in its own module with a `register(subparsers)` function; a command is a
function `run(args) -> int`. Heavy imports happen inside the commands, so `inmail --help` and the
offline `inmail draft` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from inmail.cli.commands import command_word, modules
from inmail.cli.errors import CliError, message, user_facing_errors
from inmail.cli.output import safe_output


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; given `command` (the command word typed), only the module that defines it
    is imported and registers its sub-parsers, so `inmail draft` does not build the ledger's fifteen."""
    parser = argparse.ArgumentParser(
        prog="inmail",
        description="Draft LinkedIn InMails and stay inside LinkedIn's limits. Never sends anything.",
    )
    parser.add_argument(
        "--data-dir", help="where the ledger and template overrides live (or $INMAIL_DATA_DIR)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in modules(command):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_word(words))
    args = parser.parse_args(words)
    try:
        return int(args.run(args) or 0)
    except CliError as exc:
        print(f"inmail: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("inmail: interrupted", file=sys.stderr)
        return 130
    except user_facing_errors() as exc:
        print(f"inmail: error: {message(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except OSError as exc:  # a file the program keeps could not be written: read-only folder, full disk
        where = f" {exc.filename}" if exc.filename else ""
        reason = exc.strerror or str(exc)
        print(f"inmail: error: cannot write{where} ({reason}): check --data-dir and the free disk space",
              file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    sys.exit(main())
