"""Issue 18, item 4: drafting a lead again (a French ask that fell back to English gives the same text, so
the same draft id) adds an entry; it never rewrites the earlier entries' text, checks or warnings."""

from __future__ import annotations

from datetime import timedelta

from workspace_kit import NOW, maria_draft


def _fallback_of(draft):
    """The same text made again by an ask that fell back: its own checks and warnings, the same id."""
    failing = [
        check.model_copy(update={"ok": False, "message": "the French attempt failed"})
        for check in draft.checks
    ]
    return draft.model_copy(update={"checks": failing, "warnings": ["Wrote in English: no French text"]})


def test_the_same_text_drafted_again_is_a_new_entry_and_the_first_keeps_its_checks(ws):
    first, lead = maria_draft(ws)
    again = _fallback_of(first)
    assert again.id == first.id, "the id is the text's: the collision the history must survive"
    ws.record_draft(first, lead=lead, at=NOW)
    ws.record_draft(again, lead=lead, at=NOW + timedelta(minutes=5))
    entries = ws.history(lead)
    assert [e.at for e in entries] == [NOW + timedelta(minutes=5), NOW]
    newest, earliest = entries
    assert all(check.ok for check in earliest.draft.checks), "the earlier draft keeps its own checks"
    assert earliest.draft.warnings == first.warnings
    assert not any(check.ok for check in newest.draft.checks)
    assert newest.draft.warnings == ["Wrote in English: no French text"]


def test_a_sent_mark_goes_to_the_draft_it_follows_and_a_later_copy_carries_it(ws):
    first, lead = maria_draft(ws)
    ws.record_draft(first, lead=lead, at=NOW)
    ws.drafts.record_sent(lead_id=lead["id"], draft_id=first.id, subject=None, body="as sent", at=NOW)
    ws.record_draft(_fallback_of(first), lead=lead, at=NOW + timedelta(hours=1))
    newest, earliest = ws.history(lead)
    assert (earliest.sent_at, earliest.sent_body) == (NOW, "as sent")
    assert newest.sent_at == NOW, "the same message, already sent"
    assert ws.find_draft(first.id).at == NOW + timedelta(hours=1), "the newest entry of an id is found first"
