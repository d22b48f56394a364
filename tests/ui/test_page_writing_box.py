"""Issue 18, item 6: the live "Writing with MODEL..." box goes once the drafts are made, a fallback too."""

from __future__ import annotations

from page_text import texts, unescape


def test_the_writing_box_is_cleared_after_a_fallback(open_page, monkeypatch, fake_openai):
    from support.fake_openai import Reply

    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("INMAIL_MODEL", "fake-model")
    fake_openai.default = Reply(text="Subject: Hi\n\nSure! Here are three tips:\n- be short\n- be kind")
    at = open_page("ui/compose.py")
    at.selectbox(key="pick.lead").select("Sample: Maria Lopez, Acme Logistics").run()
    at.button(key="btn.sample_sender").click().run()
    next(b for b in at.button if b.label == "Generate draft").click().run()
    assert any("template engine" in w.value for w in at.warning), "the model's draft failed: a fallback"
    assert "Writing with fake-model" not in unescape(texts(at))
    assert not at.exception
