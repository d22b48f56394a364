"""One source for every length figure: the draft's checks and the page's counter read the limits catalog,
the user's overrides and the plan's note length included (no plan: the free account's)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from composer import (
    SAMPLE_LEAD,
    SAMPLE_SENDER,
    ChannelLimits,
    DraftChannel,
    Settings,
    TemplateStore,
    account_limits,
    catalog_limits,
    compose,
    recheck,
)
from composer.channels import default_limits, limits
from limits import Account, load_catalog

CATALOG = load_catalog()
AT = datetime(2026, 12, 1, 9, tzinfo=UTC)
OVERRIDES = {"lengths.inmail_body_chars": 1000, "lengths.inmail_subject_chars": 80}
# every plan with no override, every plan with the length figures overridden, and no plan at all
CASES = [
    *[(plan, {}) for plan in CATALOG.plans],
    *[(plan, {**OVERRIDES, f"plans.{plan}.note_chars": 150}) for plan in CATALOG.plans],
    (None, {}),
    (None, {**OVERRIDES, "plans.basic.note_chars": 120}),
]


def _expected(plan: str | None, overrides: dict) -> dict[DraftChannel, tuple[int, int]]:
    """(subject, body) per channel, read from the catalog the way a reader of plans.toml would."""
    catalog = load_catalog(overrides)
    subject = int(catalog.figure("lengths.inmail_subject_chars").value)
    body = int(catalog.figure("lengths.inmail_body_chars").value)
    note = int(catalog.plan(plan or "basic").note_chars.value)
    return {
        DraftChannel.INMAIL: (subject, body),
        DraftChannel.FOLLOW_UP: (subject, body),
        DraftChannel.CONNECTION_NOTE: (0, note),
    }


@pytest.fixture
def book(tmp_path):
    opened: list[Account] = []

    def make(plan: str | None, overrides: dict) -> Account:
        account = Account.open(tmp_path / f"book{len(opened)}")
        opened.append(account)
        for key, value in overrides.items():
            account.set_override(key, value)
        if plan is not None:
            account.init_plan(plan, at=AT, cycle_day=1 if plan == "sales_navigator" else None)
        return account

    yield make
    for account in opened:
        account.close()


@pytest.mark.parametrize(
    ("plan", "overrides"), CASES, ids=lambda v: str(v) if not isinstance(v, dict) else ""
)
def test_the_accounts_figures_are_the_catalogs(book, plan, overrides):
    account = book(plan, overrides)
    lengths = account_limits(account, at=AT)
    assert lengths.plan == plan
    for channel, (subject, body) in _expected(plan, overrides).items():
        got = lengths.for_channel(channel)
        assert (got.subject, got.body) == (subject, body)
        assert 0 <= got.target <= got.body
        assert ("your override" in got.body_source) == bool(
            overrides.get("lengths.inmail_body_chars" if subject else f"plans.{plan or 'basic'}.note_chars")
        )


@pytest.mark.parametrize(
    ("plan", "overrides"), CASES, ids=lambda v: str(v) if not isinstance(v, dict) else ""
)
def test_a_drafts_length_check_uses_the_accounts_figures(book, data_dir, plan, overrides):
    account = book(plan, overrides)
    lengths = account_limits(account, at=AT)
    store = TemplateStore(data_dir)
    expected = _expected(plan, overrides)
    for channel in DraftChannel:
        subject_limit, body_limit = expected[channel]
        settings = Settings(channel=channel, strategy="pas")
        [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, settings, store=store, lengths=lengths)
        assert len(draft.body) <= body_limit
        body_check = next(c for c in draft.checks if c.name == "body_length")
        assert body_check.message.startswith(f"body is {len(draft.body)} of {body_limit} characters")
        # one character over the figure, by hand: cut back to the figure, and the check agrees
        longer = (draft.body + " ") * (body_limit // max(len(draft.body), 1) + 2)
        edited = recheck(
            draft, lead=SAMPLE_LEAD, sender=SAMPLE_SENDER, settings=settings, body=longer, lengths=lengths
        )
        assert len(edited.body) <= body_limit
        assert any(f"longer than {body_limit} characters" in w for w in edited.warnings)
        if subject_limit:
            subject_check = next(c for c in draft.checks if c.name == "subject_length")
            assert f"of {subject_limit} characters" in subject_check.message


def test_the_page_counter_shows_the_figures_the_checks_use(book, monkeypatch):
    from ui import state, widgets

    monkeypatch.setattr(state, "now", lambda: AT)
    for plan, overrides in CASES:
        account = book(plan, overrides)
        lengths = account_limits(account, at=AT)
        for channel in DraftChannel:
            counter = widgets.CharLimits(account, channel.value)
            check = lengths.for_channel(channel)
            assert counter.body == (check.body, check.body_source)
            assert counter.subject == ((check.subject, check.subject_source) if check.subject else None)


def test_without_figures_a_draft_is_checked_against_the_shipped_catalog_with_no_plan():
    assert default_limits() == catalog_limits(CATALOG)
    assert limits(DraftChannel.CONNECTION_NOTE).body == CATALOG.plan("basic").note_chars.value
    assert limits(DraftChannel.INMAIL).body == CATALOG.figure("lengths.inmail_body_chars").value


def test_the_prompt_asks_for_the_accounts_figures(data_dir):
    lengths = catalog_limits(load_catalog({"lengths.inmail_body_chars": 1234}), plan="premium_career")
    store = TemplateStore(data_dir)
    from composer.contexts import prompt_context
    from composer.drafting import Job
    from composer.strategies import get_strategy

    job = Job(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store, get_strategy(store, "rabt"), lengths)
    system = store.render("llm/system.j2", prompt_context(job, language="en"))
    assert "more than 1234" in system


def test_channel_limits_is_a_plain_value():
    lengths = catalog_limits(CATALOG, plan="recruiter")
    assert isinstance(lengths, ChannelLimits)
    assert lengths == catalog_limits(load_catalog(), plan="recruiter")
    assert hash(lengths) == hash(catalog_limits(load_catalog(), plan="recruiter"))


def test_the_cli_names_the_ledger_file_the_limits_package_uses():
    from inmail.workspace import LEDGER_FILE
    from limits.account import DB_NAME

    assert LEDGER_FILE == DB_NAME
