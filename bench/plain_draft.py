"""The baseline for bench/bench_cli.py: a plain-Python drafting CLI doing the same one draft.

Reads the same lead and sender JSON, the same phrase table (prompts/phrases/en.toml, with tomllib) and
renders the same strategy template (prompts/messages/rabt/en.j2) with plain jinja2 and a simple `say()`
that picks a form and fills its {placeholders}. No project import, and it leaves out what `inmail draft`
adds: no validation of the input, no sandbox, no message plan (the hook is always the lead's role), no
checks, no coach score, no language detection, no draft history.

Run: python bench/plain_draft.py LEAD.json --sender SENDER.json
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
import zlib
from pathlib import Path

import jinja2

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
PLACEHOLDER = re.compile(r"\{\??([a-z_]+)\}")


def sentence(text: object) -> str:
    value = str(text).strip()
    return value if value.endswith((".", "!", "?")) else value + "."


def pick(*options: str) -> str:
    return options[zlib.crc32("".join(options).encode()) % len(options)]


def phrase(entry: object, dims: list[str], values: dict[str, str]) -> str:
    """A table entry keyed by the first dim it has (or "_"); a list of lists tries each list in turn."""
    if isinstance(entry, dict):
        keys = [dim for dim in dims if dim in entry] + ["_"]
        return next((text for key in keys if (text := phrase(entry.get(key), dims, values))), "")
    if isinstance(entry, list) and entry and isinstance(entry[0], list):
        return next((text for group in entry if (text := phrase(group, dims, values))), "")
    forms = [entry] if isinstance(entry, str) else entry or []
    usable = [form for form in forms if all(values.get(name) for name in PLACEHOLDER.findall(form))]
    if not usable:
        return ""
    return PLACEHOLDER.sub(lambda m: "" if "?" in m.group(0) else values[m.group(1)], pick(*usable))


def values(lead: dict, sender: dict) -> dict[str, str]:
    name = sender.get("name", "")
    title = lead.get("title") or ""
    return {
        "first_name": lead.get("first_name") or "",
        "company": lead.get("company") or "",
        "title": title,
        "topic": title.lower(),
        "topic_cap": title,
        "sender_first": name.split(" ")[0],
        "sender_name": name,
        "sender_title": sender.get("title") or "",
        "sender_title_lc": (sender.get("title") or "").lower(),
        "sender_company": sender.get("company") or "",
        "offer": sentence(sender.get("offer") or ""),
        "proof": sender.get("proof") or "",
        "footer": sender.get("footer") or "",
        "no_shared": "yes",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lead")
    parser.add_argument("--sender", required=True)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lead = json.loads(Path(args.lead).read_text(encoding="utf-8"))
    sender = json.loads(Path(args.sender).read_text(encoding="utf-8"))
    table = tomllib.loads((PROMPTS / "phrases" / "en.toml").read_text(encoding="utf-8"))
    known = values(lead, sender)
    dims = ["role", "rabt", "salesperson", "professional", "inmail"]
    known["ref"] = phrase(table["ref"], dims, known)
    known["ref_cap"] = known["ref"][:1].upper() + known["ref"][1:]

    def say(key: str) -> str:
        return phrase(table.get(key), dims, known)

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PROMPTS), trim_blocks=True, lstrip_blocks=True)
    env.filters["lcfirst"] = lambda text: text[:1].lower() + text[1:]
    context = {
        "say": say,
        "ask": say("ask"),
        "sender": {"first_name": known["sender_first"], "offer": known["offer"], "proof": known["proof"]},
        "footer": known["footer"],
        "channel": "inmail",
        "cta": None,
        "cta_on": True,
    }
    text = env.get_template("messages/rabt/en.j2").render(context)
    text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())  # empty phrases
    head, _, body = text.partition("\n\n")
    draft = {"subject": head.removeprefix("Subject: "), "body": body.strip()}
    print(json.dumps(draft, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
