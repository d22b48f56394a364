"""Length limits per channel, from the limits catalog (limits/plans.toml): the one source of every figure.

`ChannelLimits` holds the catalog's three length figures for one account (InMail subject, InMail body,
the plan's connection-note length), each with its source. The draft's checks and the page's character
counter both get theirs from `account_limits` (or `catalog_limits` for a catalog and plan), so they agree
for every plan and every override. Without a plan the note length is the free account's.
"""

from __future__ import annotations

import functools
import importlib.util
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, assert_never

from composer.models import DraftChannel

if TYPE_CHECKING:
    from limits import Account, Catalog

FREE_PLAN = "basic"  # no plan recorded: the free account's note length is the safe one
SUBJECT_KEY, BODY_KEY = "lengths.inmail_subject_chars", "lengths.inmail_body_chars"
# What a good message aims for (the prompt asks for it): a writing choice, not a LinkedIn figure.
INMAIL_TARGET, FOLLOW_UP_TARGET, NOTE_MARGIN = 700, 450, 20


def note_key(plan: str) -> str:
    return f"plans.{plan}.note_chars"


@dataclass(frozen=True)
class Length:
    """One figure: at most `chars` characters, and where the figure comes from."""

    chars: int
    source: str


@dataclass(frozen=True)
class Limits:
    subject: int  # 0: the channel has no subject
    body: int
    target: int  # what a good message aims for; the prompt asks for it
    body_source: str = ""
    subject_source: str = ""

    def as_dict(self) -> dict[str, int]:
        return {"subject": self.subject, "body": self.body, "target": self.target}


@dataclass(frozen=True)
class ChannelLimits:
    """The catalog's length figures for one account."""

    subject: Length
    body: Length
    note: Length
    plan: str | None = None  # None: no plan recorded, the note length is the free account's

    def for_channel(self, channel: DraftChannel) -> Limits:
        subject, body = self.subject, self.body
        match channel:
            case DraftChannel.INMAIL:
                target = min(INMAIL_TARGET, body.chars)
            case DraftChannel.FOLLOW_UP:  # a follow-up is a message in the InMail's thread: the same figures
                target = min(FOLLOW_UP_TARGET, body.chars)
            case DraftChannel.CONNECTION_NOTE:
                note = self.note
                return Limits(0, note.chars, max(note.chars - NOTE_MARGIN, 0), body_source=note.source)
            case _:
                assert_never(channel)
        return Limits(
            subject.chars, body.chars, target, body_source=body.source, subject_source=subject.source
        )


def catalog_limits(catalog: Catalog, *, plan: str | None = None) -> ChannelLimits:
    """The figures of `catalog` (overrides applied) for `plan` (None: no plan, the free account's note)."""

    def length(key: str) -> Length:
        figure = catalog.figure(key)
        return Length(int(figure.value), figure.cite())

    note = length(note_key(plan or FREE_PLAN))
    return ChannelLimits(subject=length(SUBJECT_KEY), body=length(BODY_KEY), note=note, plan=plan)


def account_limits(account: Account, *, at: datetime | None = None) -> ChannelLimits:
    """The account's figures: its overrides, and its plan at `at` (no plan yet: the free account's note)."""
    from limits import NotInitialisedError

    catalog = account.catalog()
    try:
        terms = account.ledger(at=at).terms
        plan = terms.plan_id if terms is not None else None
    except NotInitialisedError:
        plan = None
    return catalog_limits(catalog, plan=plan)


@functools.cache
def default_limits() -> ChannelLimits:
    """The shipped figures with no plan: what a draft is checked against when the caller gives none.

    Read straight from plans.toml (through the package's location, without importing `limits`): the
    offline `inmail draft` needs three numbers, not the ledger. `catalog_limits(load_catalog())` gives the
    same figures (the suite checks it).
    """
    spec = importlib.util.find_spec("limits")
    assert spec is not None, "the limits package is missing"
    assert spec.submodule_search_locations, "limits is a package"
    path = Path(next(iter(spec.submodule_search_locations))) / "plans.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))

    def length(key: str) -> Length:
        *sections, name = key.split(".")
        entry = raw
        for section in sections:
            entry = entry[section]
        figure = entry[name]
        label = f"; {figure['assumption']}" if figure.get("assumption") else ""  # as Source.cite() words it
        return Length(int(figure["value"]), f"{figure['source']} ({figure['confidence']}{label})")

    return ChannelLimits(subject=length(SUBJECT_KEY), body=length(BODY_KEY), note=length(note_key(FREE_PLAN)))


def limits(channel: DraftChannel, lengths: ChannelLimits | None = None) -> Limits:
    """The limits of `channel` under `lengths` (None: the shipped figures, no plan)."""
    return (lengths or default_limits()).for_channel(channel)
