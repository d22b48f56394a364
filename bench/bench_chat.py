"""How fast the chat answers: offline command turns in-process, the model path's own overhead against the
loopback fake server answering in 200 ms, and a Chat page rerun with a long conversation.

    .venv/bin/python bench/bench_chat.py [--rounds 20] [--turns 10] [--messages 60]

Prints numbers; asserts nothing (tests never time things).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

COMMANDS = ("/lead maria", "/draft pas", "/shorter", "/strategy aida", "/language es", "/check", "/credits")
DELAY = 0.2


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _services(data: Path, *, llm=None):
    from assistant import Services
    from inmail.workspace import Workspace

    workspace = Workspace(data)
    start = datetime.now(UTC) - timedelta(days=3)
    workspace.account.init_plan("premium_career", start=start, balance=5, at=start)
    return Services(workspace=workspace, llm=llm)


def bench_offline(rounds: int) -> None:
    from assistant import Assistant, Conversation

    with tempfile.TemporaryDirectory() as tmp:
        bot = Assistant(_services(Path(tmp)))
        times: dict[str, list[float]] = {command: [] for command in COMMANDS}
        for _ in range(rounds):
            talk = Conversation()
            for command in COMMANDS:
                started = time.perf_counter()
                "".join(bot.reply(talk, command))
                times[command].append(time.perf_counter() - started)
    print(f"offline command turns, in-process ({rounds} rounds; median / max):")
    for command, spent in times.items():
        print(f"  {command:<16} {_ms(statistics.median(spent))} {_ms(max(spent))}")


def bench_model(turns: int) -> None:
    from support.fake_openai import FakeOpenAI, Reply, ToolCall

    from assistant import Assistant, Conversation
    from composer import LLMConfig

    draft = "Subject: Late deliveries\n\nHi Maria,\n\nYour post rang true.\n\nA call next week?\n\nBest,\nSam"
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI() as fake:
        llm = LLMConfig(base_url=fake.base_url, model="fake-model", timeout=30)
        bot = Assistant(_services(Path(tmp), llm=llm))
        talk = Conversation()
        "".join(bot.reply(talk, "/lead maria"))
        "".join(bot.reply(talk, "hello"))  # the LLM stack's first import is not part of a turn
        rows = []
        tool = Reply(tool_calls=[ToolCall("draft_message")], delay=DELAY)
        answer = "PAS means Problem, Agitation, Solution."
        for label, script, requests in (
            ("tool call + drafted by the model", [tool, Reply(text=draft, delay=DELAY)], 2),
            ("a plain answer (no tool)", [Reply(text=answer, delay=DELAY)], 1),
        ):
            spent = []
            for _ in range(turns):
                fake.enqueue(*script)
                started = time.perf_counter()
                "".join(bot.reply(talk, "write to her" if requests == 2 else "what is PAS?"))
                spent.append(time.perf_counter() - started)
            ideal = requests * DELAY
            rows.append((label, statistics.median(spent), ideal))
    print(f"model turns against the fake server answering in {DELAY * 1000:.0f} ms ({turns} turns; median):")
    for label, median, ideal in rows:
        print(f"  {label:<34} {_ms(median)}  ideal {_ms(ideal)}  overhead {_ms(median - ideal)}")


def bench_page(messages: int) -> None:
    import os

    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INMAIL_DATA_DIR"] = tmp
        _services(Path(tmp))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page("ui/chat.py").run()
        at.chat_input(key="chat.input").set_value("/lead maria").run()
        for number in range(messages // 2 - 1):
            at.chat_input(key="chat.input").set_value("/draft" if number % 5 == 0 else "/check").run()
        spent = []
        for _ in range(5):
            started = time.perf_counter()
            at.run()
            spent.append(time.perf_counter() - started)
        drafts = sum(m.draft is not None for m in at.session_state["chat.conversation"].messages)
    print(
        f"Chat page rerun with {messages} messages ({drafts} draft cards), AppTest script time: "
        f"median {_ms(statistics.median(spent))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--messages", type=int, default=60)
    args = parser.parse_args()
    bench_offline(args.rounds)
    bench_model(args.turns)
    bench_page(args.messages)


if __name__ == "__main__":
    main()
