"""TemplateStore: the shipped templates (the `prompts` package, data only) with data_dir/"templates" on top.

Names are paths relative to either folder: `llm/system.j2` (prompt), `messages/rabt/en.j2` (message),
`strategies/rabt.toml` (strategy). A user file with a shipped name overrides it; any other user file is
added. Saving writes only to the user folder, never over a shipped file.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import BaseLoader, Template, TemplateNotFound
from jinja2.exceptions import TemplateSyntaxError

from composer.errors import ComposerError, TemplateError
from composer.templates.bytecode import COMPILED, SharedBytecodeCache, signed_cache
from composer.templates.caps import MAX_TEMPLATE_CHARS
from composer.templates.folders import FOLDERS, MAX_FILE_BYTES, LinkedFileError, digest, read_regular, scan
from composer.templates.memo import CacheInfo
from composer.templates.models import NAME, Origin, TemplateInfo, TemplateKind, kind_of
from composer.templates.sandbox import GUARDS_VERSION, TemplateSandbox, compile_error, render

if TYPE_CHECKING:
    from composer.templates.models import ValidationReport, Variable

SHIPPED_DIR = Path(str(resources.files("prompts")))  # a plain folder: Jinja stats its files


class _StoreLoader(BaseLoader):
    """Feeds Jinja from the store; a template is stale when its file changes or an override appears."""

    def __init__(self, store: TemplateStore) -> None:
        self.store = store

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not NAME.match(template) or not self.store.exists(template):
            raise TemplateNotFound(template)
        path = self.store.path(template)
        text = self.store.source(template)
        stamp = self.store.stamp(path)

        def uptodate() -> bool:
            now = self.store.path(template)
            return now == path and self.store.stamp(now) == stamp

        return text, template, uptodate


class SharedCaches(NamedTuple):
    """What every store in the process shares: compiled templates, validation reports, variable lists."""

    compiled: CacheInfo
    validated: CacheInfo
    variables: CacheInfo


class TemplateStore:
    """Shipped templates plus the user's overrides. `overlay` (name -> text) is for previews only.

    Compiled templates are shared by every store in the process (keyed by their text) and cached in
    data_dir/cache, signed with the per-install secret in `cache_key` (default: the user's config folder);
    see `composer.templates.bytecode`.
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        *,
        shipped_dir: Path = SHIPPED_DIR,
        overlay: Mapping[str, str] | None = None,
        cache_key: Path | None = None,
    ) -> None:
        self.shipped_dir = Path(shipped_dir)
        self.user_dir = Path(data_dir) / "templates" if data_dir is not None else None
        self._overlay = dict(overlay or {})
        self._texts: dict[Path, tuple[tuple[int, int], str]] = {}
        self._paths: dict[str, Path] = {}
        self._roots = [str(root) for root in (self.user_dir, self.shipped_dir) if root is not None]
        self._pin = threading.local()  # see `pinned`
        disk = None
        if data_dir is not None and not self._overlay:
            folder = Path(data_dir) / "cache" / f"templates-signed-v{GUARDS_VERSION}"
            disk = signed_cache(folder, key_file=cache_key)
        self._env = TemplateSandbox(loader=_StoreLoader(self), bytecode_cache=SharedBytecodeCache(disk))

    @staticmethod
    def cache_info() -> SharedCaches:
        """Hits, misses and sizes of the caches all stores share (like functools' cache_info())."""
        from composer.templates.validation import REPORTS, VARIABLES

        return SharedCaches(compiled=COMPILED.info(), validated=REPORTS.info(), variables=VARIABLES.info())

    # -- finding files
    @contextlib.contextmanager
    def pinned(self) -> Iterator[None]:
        """Inside this block (in this thread) each file is looked up and stat-ed once.

        One draft asks for the same few files several times (strategy, message template, the shared
        phrases it imports); outside a block every call looks again, so a new override wins at once.
        """
        if getattr(self._pin, "memo", None) is not None:
            yield
            return
        self._pin.memo = {}
        try:
            yield
        finally:
            self._pin.memo = None

    def _memo(self) -> dict[str, Any] | None:
        return getattr(self._pin, "memo", None)

    def _user_path(self, name: str) -> Path | None:
        return self.user_dir / name if self.user_dir is not None else None

    def _file(self, root: str, name: str) -> Path | None:
        """root/name when it is a file. Asked on every draft, so plain os.path, not pathlib."""
        candidate = os.path.join(root, name)
        memo = self._memo()
        if memo is not None and candidate in memo:
            is_file = memo[candidate]
        else:
            is_file = os.path.isfile(candidate)
            if memo is not None:
                memo[candidate] = is_file
        if not is_file:
            return None
        found = self._paths.get(candidate)
        if found is None:
            found = self._paths[candidate] = Path(candidate)
        return found

    def path(self, name: str) -> Path | None:
        """The file in force for `name` (None when it exists only in the preview overlay)."""
        if name in self._overlay:
            return None
        for root in self._roots:
            found = self._file(root, name)
            if found is not None:
                return found
        return None

    def stamp(self, path: Path | None) -> tuple[int, int] | None:
        """(mtime, size) of a file, None when there is none: a changed stamp means a changed file."""
        if path is None:
            return None
        memo = self._memo()
        key = f"stamp:{path}"
        if memo is not None and key in memo:
            return memo[key]
        try:
            stat = path.stat()
            found = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            found = None
        if memo is not None:
            memo[key] = found
        return found

    def exists(self, name: str) -> bool:
        return name in self._overlay or self.path(name) is not None

    def fingerprint(self) -> str:
        """A digest of every template in force, by name and content (the overlay's too): stores with the
        same digest give the same answers. Reads every file: for caching work far costlier than that."""
        return digest(self._roots, self._overlay)

    def list(self, kind: TemplateKind | str | None = None) -> list[TemplateInfo]:
        folders = (
            FOLDERS.values() if kind is None else [FOLDERS[TemplateKind(kind)]] if kind in FOLDERS else []
        )
        shipped, user = scan(self.shipped_dir, folders), scan(self.user_dir, folders)
        infos = []
        for name in sorted(shipped | user | set(self._overlay)):
            if kind is not None and kind_of(name) != kind:
                continue
            origin = (
                Origin.SHIPPED if name not in user else Origin.OVERRIDE if name in shipped else Origin.USER
            )
            path = self.path(name) or self.shipped_dir / name
            infos.append(TemplateInfo(name=name, kind=kind_of(name), origin=origin, path=path))
        return infos

    # -- reading
    def source(self, name: str) -> str:
        """The text in force: the overlay, else the user's file, else the shipped one."""
        kind_of(name)
        if name in self._overlay:
            return self._overlay[name]
        path = self.path(name)
        if path is None:
            raise ComposerError(f"no template named '{name}': run `inmail templates list` to see them")
        return self._read(path)

    def _read(self, path: Path) -> str:
        """File text, re-read only when the file changes (drafting reads the same few files every time)."""
        stamp = self.stamp(path)
        cached = self._texts.get(path)
        if stamp is not None and cached is not None and cached[0] == stamp:
            return cached[1]
        root = self.user_dir if self.user_dir is not None and path.is_relative_to(self.user_dir) else None
        try:
            stat = path.stat()  # again: the text must go with the stamp it was read at
            data = read_regular(str(path), str(root or self.shipped_dir))
            if len(data) > MAX_FILE_BYTES:
                raise ComposerError(
                    f"template {path} is larger than {MAX_FILE_BYTES // 1000} kB: a template holds at most "
                    f"{MAX_TEMPLATE_CHARS:,} characters; shorten it or remove it"
                )
            text = data.decode("utf-8-sig")  # an editor's byte order mark is not template text
        except LinkedFileError as exc:
            raise ComposerError(
                f"template refused: {exc}; an override must be a regular file inside the templates folder "
                "of the data directory: remove it and save the template again"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ComposerError(f"cannot read template {path}: {exc}") from None
        self._texts[path] = ((stat.st_mtime_ns, stat.st_size), text)
        return text

    def default_source(self, name: str) -> str | None:
        shipped = self._file(str(self.shipped_dir), name) if NAME.match(name) else None
        return self._read(shipped) if shipped is not None else None

    def template(self, name: str) -> Template:
        try:
            return self._env.get_template(name)
        except TemplateNotFound as exc:
            raise ComposerError(
                f"no template named '{exc.name}': run `inmail templates list` to see them"
            ) from None
        except TemplateSyntaxError as exc:
            raise compile_error(exc) from None

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return render(self.template(name), context)

    def with_overlay(self, overlay: Mapping[str, str]) -> TemplateStore:
        return TemplateStore(
            self.user_dir.parent if self.user_dir else None,
            shipped_dir=self.shipped_dir,
            overlay={**self._overlay, **overlay},
        )

    # -- editing
    def validate(self, name: str, text: str, *, preview: bool = True) -> ValidationReport:
        from composer.templates.validation import validate

        return validate(self, name, text.removeprefix("\ufeff"), preview=preview)

    def variables(self, name: str) -> builtins.list[Variable]:
        """The variables template `name` can use, each with its value for the sample lead."""
        from composer.templates.validation import variables

        return variables(self, name)

    def save(self, name: str, text: str) -> Path:
        """Validate, then write to the user folder (atomically); raises TemplateError on the first error."""
        text = text.removeprefix("\ufeff")
        report = self.validate(name, text, preview=True)
        if report.errors:
            first = report.errors[0]
            raise TemplateError(f"{first.message}; fix it and save again", name=name, line=first.line)
        target = self._user_path(name)
        if target is None:
            raise ComposerError("this template store has no data directory to save into")
        import tempfile

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)
        except OSError as exc:
            raise ComposerError(
                f"cannot save {target}: {exc.strerror or exc}; check the data directory"
            ) from None
        return target

    def reset(self, name: str) -> None:
        """Drop the user's file: a shipped template returns to its default, a user template is removed."""
        kind_of(name)
        user = self._user_path(name)
        if user is not None and user.is_file():
            user.unlink()

    def diff(self, name: str) -> str:
        """Unified diff from the shipped text to the text in force ('' when there is no override)."""
        import difflib

        default = self.default_source(name) or ""
        current = self.source(name)
        lines = difflib.unified_diff(
            default.splitlines(keepends=True),
            current.splitlines(keepends=True),
            fromfile=f"shipped/{name}",
            tofile=f"yours/{name}",
        )
        return "".join(lines)
