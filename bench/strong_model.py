"""A strong model without a key (../shared/quality/judging.md, section 4): record the prompts the LLM engine
sends for a held-out set, have a capable model answer them (a person or a helper writes replies.json),
then draft again with those replies and count the drafts the checks accept as the model wrote them.

    python bench/strong_model.py record DIR    # DIR/cases.json ... -> DIR/requests.jsonl (answered 400)
    python bench/strong_model.py replay DIR    # DIR/replies.json {key: text} -> first-pass acceptances

The server is the tests' loopback fake (tests/support/fake_openai.py) on 127.0.0.1: nothing leaves here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from composer import ComposerError, Engine, LLMConfig, TemplateStore, catalog_limits, compose
from limits import load_catalog

# the tests' fake server; imported after the packages, since tests/composer would shadow `composer`
sys.path.append(str(Path(__file__).resolve().parent.parent / "tests"))
from support.fake_openai import FakeOpenAI, Reply

PAID = catalog_limits(load_catalog(), plan="premium_business")


def request_key(body: dict[str, Any]) -> str:
    messages = [(m.get("role"), m.get("content")) for m in body.get("messages", [])]
    return hashlib.sha256(json.dumps(messages, ensure_ascii=False).encode()).hexdigest()[:16]


def _cases(folder: Path) -> list[tuple[str, dict, dict, dict]]:
    leads = {lead["id"]: lead for lead in json.loads((folder / "leads.json").read_text())}
    senders = json.loads((folder / "senders.json").read_text())
    found = []
    for case in json.loads((folder / "cases.json").read_text()):
        settings = {k: case[k] for k in ("persona", "mood", "language", "strategy", "channel")}
        found.append((case["case"], leads[case["lead"]], senders[case["sender"]], settings))
    return found


def _draft_all(folder: Path, fake: FakeOpenAI) -> list[tuple[str, Any]]:
    config = LLMConfig(base_url=fake.base_url, model="strong", api_key="sk-local", max_attempts=1, budget=60)
    out = []
    with tempfile.TemporaryDirectory() as data:
        store = TemplateStore(Path(data))
        for name, lead, sender, settings in _cases(folder):
            if not lead.get("accepts_inmail", True) and settings["channel"] == "inmail":
                settings = {**settings, "channel": "connection_note"}  # what the refusal says to do
            try:
                draft = compose(
                    lead, sender, settings, store=store, engine=Engine.LLM, llm=config, lengths=PAID
                )[0]
            except ComposerError as exc:
                out.append((name, f"refused: {exc}"))
                continue
            out.append((name, draft))
    return out


def record(folder: Path) -> None:
    seen: dict[str, Any] = {}

    def respond(body: dict[str, Any]) -> Reply:
        seen.setdefault(request_key(body), body)
        return Reply(status=400, error="recording only")

    with FakeOpenAI() as fake:
        fake.responder = respond
        results = _draft_all(folder, fake)
    with (folder / "requests.jsonl").open("w") as file:
        for key, body in seen.items():
            file.write(
                json.dumps({"key": key, "messages": body.get("messages", [])}, ensure_ascii=False) + "\n"
            )
    refused = [name for name, result in results if isinstance(result, str)]
    print(
        f"{len(seen)} requests recorded in {folder / 'requests.jsonl'}; "
        f"refused, by the channel or by the template fallback: {refused}"
    )


def replay(folder: Path) -> None:
    replies = json.loads((folder / "replies.json").read_text())
    asked: Counter[str] = Counter()

    def respond(body: dict[str, Any]) -> Reply:
        key = request_key(body)
        asked["known" if key in replies else "unknown"] += 1
        return Reply(text=replies[key]) if key in replies else Reply(status=400, error="no reply recorded")

    with FakeOpenAI() as fake:
        fake.responder = respond
        results = _draft_all(folder, fake)
    outcomes: Counter[str] = Counter()
    for name, result in results:
        if isinstance(result, str):
            outcomes["refused"] += 1
            continue
        outcomes[result.outcome.value] += 1
        if result.outcome.value != "model":
            failed = [c.name for a in result.alternatives for c in a.checks if not c.ok]
            print(f"{name}: {result.outcome.value} ({result.why}); the model's draft failed {failed}")
    drafted = sum(outcomes.values()) - outcomes["refused"]
    print(f"first-pass acceptances: {outcomes['model']} of {drafted} model drafts; outcomes {dict(outcomes)}")
    print(f"requests answered from replies.json: {asked['known']}, not: {asked['unknown']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["record", "replay"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    record(args.folder) if args.step == "record" else replay(args.folder)


if __name__ == "__main__":
    main()
