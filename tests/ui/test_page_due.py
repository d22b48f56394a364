"""Follow-ups due, on Compose and on the Sent page: the unanswered sends ready for a follow-up (from the
days set in Settings) and the InMails whose credit-back window closes soon; one click drafts the follow-up
for that lead on Compose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from page_text import texts, unescape

from composer import SAMPLE_LEAD, SAMPLE_SENDER, Settings, compose
from inmail.workspace import Workspace

NOW = datetime.now(UTC)
MARIA = SAMPLE_LEAD.model_dump(mode="json")


def _sent_days_ago(data_dir, days: int) -> None:
    workspace = Workspace(data_dir)
    workspace.account.init_plan(
        "premium_career", start=NOW - timedelta(days=100), at=NOW - timedelta(days=100)
    )
    when = NOW - timedelta(days=days)
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=workspace.store)
    workspace.record_draft(draft, lead=MARIA, at=when, persona="founder")
    workspace.mark_sent(draft, MARIA, at=when)
    workspace.close()


def _follow_up_buttons(at):
    return [b for b in at.button if b.key and b.key.startswith("btn.follow_up.")]


def _follow_ups(data_dir):
    return [e for e in Workspace(data_dir).history(MARIA) if e.draft.channel.value == "follow_up"]


def test_a_due_follow_up_drafts_in_one_click_on_compose(open_page, data_dir):
    _sent_days_ago(data_dir, 80)  # 10 days left in the credit-back window
    at = open_page("ui/compose.py")
    page = unescape(texts(at))
    assert "Follow-ups due (1)" in " ".join(e.label for e in at.expander)
    assert "Maria Lopez" in page
    assert "no answer for 80 days; its credit-back window closes in 10 days" in page
    [button] = _follow_up_buttons(at)
    button.click().run()
    assert at.session_state["opts.channel"] == "follow_up"
    assert at.text_input(key="lead.first_name").value == "Maria"
    [made] = _follow_ups(data_dir)
    body = next(
        a.value for a in at.text_area if a.key and a.key.startswith("draft.") and a.key.endswith(".body")
    )
    assert body == made.draft.body
    assert not at.exception


def test_the_sent_page_lists_it_and_the_button_opens_compose_with_the_draft(open_page, data_dir):
    _sent_days_ago(data_dir, 4)
    at = open_page("ui/sent.py")
    assert "no answer for 4 days" in unescape(texts(at))
    _follow_up_buttons(at)[0].click().run()
    assert "Compose" in [t.value for t in at.title]
    assert len(_follow_ups(data_dir)) == 1
    assert not at.exception


def test_not_due_before_the_days_set_in_settings(open_page, data_dir):
    _sent_days_ago(data_dir, 4)
    at = open_page("ui/settings.py")
    at.number_input(key="settings.follow_up_days").set_value(5)
    next(b for b in at.button if b.label == "Save").click().run()
    assert "Follow-ups are due 5 day(s) after a send." in unescape(texts(at))
    assert Workspace(data_dir).follow_up_days() == 5
    at.switch_page("ui/sent.py").run()
    assert "No follow-up is due." in unescape(texts(at))
    assert not _follow_up_buttons(at)
    at.switch_page("ui/compose.py").run()
    assert not _follow_up_buttons(at)
    assert not at.exception
