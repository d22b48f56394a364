"""Workspace.batch: results in the leads' order, bad leads as failed results, resuming by key, verdicts from
the ledger, and the LLM engine drafting N leads at a time against the fake server."""

from __future__ import annotations

import pytest
from support.fake_openai import Reply
from workspace_kit import NOW

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Engine, LLMConfig
from inmail.batch import Status

GOOD = (
    "Subject: Late deliveries at Acme Logistics\n\nHi Maria,\n\nYour post on why late deliveries are a data "
    "problem matches what we see.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam Rivera"
)


def marias(count: int) -> list[dict]:
    """The sample lead under `count` profile ids (the model's reply fits each of them)."""
    base = SAMPLE_LEAD.model_dump(mode="json")
    return [{**base, "id": f"https://www.linkedin.com/in/maria-{n}"} for n in range(count)]


def test_results_come_in_order_with_bad_leads_failed_not_fatal(plan):
    leads = [*marias(2), {"first_name": ""}, "not a lead", *marias(3)[2:]]
    results = list(plan.batch(leads, sender=SAMPLE_SENDER, settings={}, at=NOW))
    assert [r.index for r in results] == [0, 1, 2, 3, 4]
    assert [r.status for r in results] == [Status.DRAFTED] * 2 + [Status.FAILED] * 2 + [Status.DRAFTED]
    assert "first_name" in (results[2].error or "")
    assert "must be a JSON object" in (results[3].error or "")
    drafted = results[0]
    assert drafted.draft is not None
    assert drafted.verdict is not None
    assert (drafted.verdict.allowed, drafted.verdict.credits) == (True, 1)
    # Each draft is kept in the history, so it can be marked as sent from the CLI or a card.
    assert plan.history(leads[0])[0].draft_id == drafted.draft.id


def test_done_keys_pass_leads_over_and_other_settings_do_not(plan):
    leads = marias(3)
    first = list(plan.batch(leads, sender=SAMPLE_SENDER, settings={}, at=NOW))
    done = {r.key for r in first[:2]}
    again = list(plan.batch(leads, sender=SAMPLE_SENDER, settings={}, done_keys=done, at=NOW))
    assert [r.status for r in again] == [Status.ALREADY, Status.ALREADY, Status.DRAFTED]
    other = list(
        plan.batch(leads, sender=SAMPLE_SENDER, settings={"strategy": "pas"}, done_keys=done, at=NOW)
    )
    assert {r.status for r in other} == {Status.DRAFTED}


def test_without_a_plan_the_rows_say_so_and_no_ledger_is_made(ws):
    (result,) = ws.batch(marias(1), sender=SAMPLE_SENDER, settings={}, at=NOW)
    assert result.verdict is None
    assert any("no LinkedIn plan" in warning for warning in result.warnings)
    assert not (ws.root / "ledger.sqlite3").exists()


@pytest.mark.parametrize("concurrency", [1, 3])
def test_the_llm_engine_drafts_n_leads_at_a_time(ws, fake_openai, concurrency):
    fake_openai.default = Reply(text=GOOD, delay=0.05)  # each answer takes a moment: drafts overlap
    llm = LLMConfig(base_url=fake_openai.base_url, model="fake-model", timeout=10)
    leads = marias(7)
    results = list(
        ws.batch(
            leads, sender=SAMPLE_SENDER, settings={}, engine=Engine.LLM, llm=llm, concurrency=concurrency
        )
    )
    assert fake_openai.max_in_flight == concurrency
    assert [r.lead_id for r in results] == [lead["id"] for lead in leads]  # in order, whatever finished first
    assert all(r.draft is not None and r.draft.engine is Engine.LLM for r in results)
    assert len(fake_openai.requests) == 7
