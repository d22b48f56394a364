"""A key a server echoes into the chat's streamed reply never reaches the page, chunk by chunk or whole."""

from __future__ import annotations

from support.fake_openai import Reply

from assistant.model import stream_reply
from composer import LLMConfig

KEY = "sk-live-0123456789abcdefghijklmnop"


def test_an_echoed_key_is_redacted_from_every_chunk_and_the_whole_reply(fake_openai):
    text = f"Sure. Your key is {KEY}, keep it safe."
    fake_openai.default = Reply(text=text, chunks=[text[:20], text[20:34], text[34:]])
    config = LLMConfig(base_url=fake_openai.base_url, model="fake-model", api_key=KEY, timeout=5)
    stream = stream_reply(config, system="be brief", turns=[("user", "hi")])
    chunks = []
    try:
        while True:
            chunks.append(next(stream))
    except StopIteration as done:
        reply = done.value
    assert chunks, "the reply streamed"
    assert KEY not in "".join(chunks)
    assert KEY not in reply.text
    assert "keep it safe" in reply.text
