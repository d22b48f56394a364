"""The baseline for bench/bench_cli.py: a plain-Python drafting CLI doing the same one draft.

Reads the same lead and sender JSON and renders the same Jinja template text (prompts/messages/rabt/en.j2
and the phrases it imports) with plain jinja2: no project import, no validation, no sandbox, no checks.

Run: python bench/plain_draft.py LEAD.json --sender SENDER.json
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import jinja2

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"


def sentence(text: object) -> str:
    value = str(text).strip()
    return value if value.endswith((".", "!", "?")) else value + "."


def context(lead: dict, sender: dict) -> dict:
    role = lead.get("title") or lead.get("headline") or ""
    name = sender.get("name", "")
    view = {key: lead.get(key) or "" for key in ("first_name", "company", "title", "headline", "location")}
    view |= {"recent_post_short": (lead.get("recent_post") or "")[:80], "achievement": ""}

    def pick(*options: str) -> str:
        return options[zlib.crc32("".join(options).encode()) % len(options)] if options else ""

    return {
        "lead": view,
        "sender": {
            "name": name,
            "first_name": name.split(" ")[0],
            "offer": sentence(sender.get("offer", "")),
            "offer_short": sentence(sender.get("offer", "")),
            "problem": sender.get("problem") or "",
            "problem_short": sender.get("problem") or "",
            "footer": sender.get("footer") or "",
            "title": sender.get("title") or "",
            "company": sender.get("company") or "",
        },
        "hook": {"kind": "current_role", "text": role},
        "hooks": [{"kind": "current_role", "text": role}],
        "cta": None,
        "cta_on": True,
        "footer": sender.get("footer"),
        "channel": "inmail",
        "persona": "salesperson",
        "mood": "professional",
        "language": "en",
        "strategy": {"name": "rabt", "title": "RABT"},
        "variant": 0,
        "pick": pick,
        "limits": {"subject": 200, "body": 1900, "target": 700},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lead")
    parser.add_argument("--sender", required=True)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lead = json.loads(Path(args.lead).read_text(encoding="utf-8"))
    sender = json.loads(Path(args.sender).read_text(encoding="utf-8"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PROMPTS), trim_blocks=True, lstrip_blocks=True)
    env.filters |= {"sentence": sentence, "strip_end": lambda s: str(s).rstrip(".!?"), "lcfirst": str}
    text = env.get_template("messages/rabt/en.j2").render(context(lead, sender))
    head, _, body = text.strip().partition("\n\n")
    draft = {"subject": head.removeprefix("Subject: "), "body": body.strip()}
    print(json.dumps(draft, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
