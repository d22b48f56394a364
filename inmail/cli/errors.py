"""Errors the CLI prints as one line on stderr, never as a traceback, in the command line's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inmail.errors import WorkspaceError


class CliError(Exception):
    """A user mistake the CLI reports in one line (exit code 2 by default)."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def user_facing_errors() -> tuple[type[BaseException], ...]:
    """Each package's one base class for the errors it raises on purpose."""
    from composer.errors import ComposerError
    from inmail.errors import WorkspaceError
    from limits.errors import LimitsError

    return (LimitsError, ComposerError, WorkspaceError)


def message(exc: BaseException) -> str:
    """The error as the CLI says it: the workspace's data, with the flag or command that fixes it."""
    from composer.errors import ChannelRefused
    from inmail.errors import WorkspaceError

    if isinstance(exc, WorkspaceError):
        return workspace_message(exc)
    if isinstance(exc, ChannelRefused):
        what = exc.instead.replace("_", " ")
        return (
            f"{exc.lead_name} does not accept InMail: add --channel {exc.instead} to draft a {what} instead"
        )
    return str(exc)


def workspace_message(exc: WorkspaceError) -> str:
    from inmail.errors import DataDirError, FileError, FileProblem, NoLeadIdError, UnknownDraftError
    from inmail.leads import ImportProblem, LeadImportError, UnknownLeadError
    from inmail.sending import NotSendableError

    match exc:
        case DataDirError():
            return f"{exc}: pass --data-dir DIR (or set INMAIL_DATA_DIR) to a folder you can write"
        case FileError() if exc.problem is FileProblem.UNWRITABLE:
            return f"{exc}: check that the data directory (--data-dir) is writable"
        case NotSendableError():
            return f"{exc}: run `inmail check LEAD.json` to see how else to reach them"
        case NoLeadIdError():
            return 'the lead has no "id": add its LinkedIn profile URL as "id" to the lead file'
        case UnknownDraftError() if not exc.matches:  # also a prefix that is too short
            return f"{exc}: run `inmail drafts` to list the saved drafts and their ids"
        case UnknownLeadError() if not exc.matches:
            return f"{exc}: run `inmail leads list` to see the saved leads and their ids"
        case LeadImportError() if exc.problem in (ImportProblem.NO_COLUMNS, ImportProblem.BAD_MAPPING):
            return f"{exc} (--map COLUMN=field); nothing was imported"
        case LeadImportError():
            return f"{exc}; nothing was imported"
    return str(exc)
