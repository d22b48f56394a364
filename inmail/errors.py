"""The workspace's errors: data first (a kind and the fields that matter), a plain sentence second.

Each front end words them for its medium: the CLI names a flag or a command, a page names a button. The
sentence `str(error)` is medium-neutral, so a front end that has nothing better to say can show it as is.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class WorkspaceError(Exception):
    """A problem with the user's data directory or files that the user can fix."""


class FileProblem(StrEnum):
    MISSING = "missing"  # no such file
    NOT_A_FILE = "not_a_file"  # a directory where a file was expected
    UNREADABLE = "unreadable"  # permissions, I/O error
    TOO_LARGE = "too_large"  # over the size cap for its kind of file
    NOT_TEXT = "not_text"  # not UTF-8
    NOT_JSON = "not_json"  # a JSON syntax error (`line`, `column`, `detail`)
    TOO_DEEP = "too_deep"  # JSON nested deeper than the cap
    WRONG_SHAPE = "wrong_shape"  # valid JSON of the wrong shape (`detail` says which)
    UNWRITABLE = "unwritable"  # a write failed: read-only, full disk (`detail`: the OS's words)


class FileError(WorkspaceError):
    """A file the workspace reads or writes is not usable. `what` names it for people ("lead file")."""

    def __init__(
        self,
        problem: FileProblem,
        path: Path,
        *,
        what: str = "file",
        line: int | None = None,
        column: int | None = None,
        limit: int | None = None,
        detail: str | None = None,
    ) -> None:
        self.problem, self.path, self.what = problem, Path(path), what
        self.line, self.column, self.limit, self.detail = line, column, limit, detail
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        where = f"{self.what} {self.path}"
        match self.problem:
            case FileProblem.MISSING:
                return f"{where} does not exist"
            case FileProblem.NOT_A_FILE:
                return f"{where} is a directory, not a file"
            case FileProblem.UNREADABLE:
                return f"cannot read {where} ({self.detail})"
            case FileProblem.TOO_LARGE:
                return f"{where} is larger than {self.limit:,} bytes: is it the right file?"
            case FileProblem.NOT_TEXT:
                return f"{where} is not UTF-8 text"
            case FileProblem.NOT_JSON:
                return f"{where} is not valid JSON (line {self.line}, column {self.column}: {self.detail})"
            case FileProblem.TOO_DEEP:
                return f"{where} is nested more than {self.limit} levels deep"
            case FileProblem.WRONG_SHAPE:
                return f"{where} {self.detail}"
            case FileProblem.UNWRITABLE:
                return f"cannot write {where} ({self.detail}); nothing was changed"
        return f"{where}: {self.problem}"  # pragma: no cover (the match is exhaustive)


class DataDirError(WorkspaceError):
    """The data directory cannot be used: a file is in its place (`is_file`), or it cannot be created."""

    def __init__(self, path: Path, *, is_file: bool, detail: str | None = None) -> None:
        self.path, self.is_file, self.detail = Path(path), is_file, detail
        if is_file:
            text = f"the data directory {self.path} is a file, not a directory"
        else:
            text = f"cannot use the data directory {self.path} ({detail})"
        super().__init__(text)


class NoLeadIdError(WorkspaceError):
    """The lead has no id (profile URL), so nothing about it can be tracked."""

    def __init__(self) -> None:
        super().__init__("the lead has no id: add its LinkedIn profile URL as the id")


class UnknownDraftError(WorkspaceError):
    """No draft in the history has this id (or a prefix matches several: `matches`)."""

    def __init__(self, draft_id: str, *, matches: tuple[str, ...] = (), shortest: int = 0) -> None:
        self.draft_id, self.matches, self.shortest = draft_id, matches, shortest
        if shortest:
            text = f"{draft_id!r} is too short to name a draft: give at least {shortest} characters of its id"
        elif matches:
            text = (
                f"{draft_id!r} matches {len(matches)} drafts ({', '.join(matches[:4])}): give more of the id"
            )
        else:
            text = f"no saved draft has the id {draft_id!r}"
        super().__init__(text)


class StrategyExistsError(WorkspaceError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"a strategy named {name} already exists: pick another name")


class StrategyInvalidError(WorkspaceError):
    """A new strategy's file failed validation; nothing was written."""

    def __init__(self, name: str, *, file: str, line: int | None, problem: str) -> None:
        self.name, self.file, self.line, self.problem = name, file, line, problem
        where = f" (line {line})" if line else ""
        super().__init__(f"{file}{where}: {problem}")
