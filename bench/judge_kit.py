"""Blind judging, the mechanics (../shared/quality/judging.md): draft a held-out set, hide who wrote what,
and turn a judge's lines into figures. The held-out sets live outside the repo; this script only reads them.

    python bench/judge_kit.py draft DIR                 # DIR/cases.json etc. -> DIR/engine.json
    python bench/judge_kit.py blind DIR [--refs FILE]   # -> DIR/judge_scores.md, judge_pairs.md, key.json
    python bench/judge_kit.py score DIR                 # DIR/scores.txt (+ pairs.txt) -> the figures
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from composer import ComposerError, Lead, Sender, Settings, TemplateStore, catalog_limits, compose
from limits import load_catalog

# InMail users pay for a plan: its 300-character connection note, not the free 200
PAID = catalog_limits(load_catalog(), plan="premium_business")


def _inputs(folder: Path) -> tuple[dict[str, dict], list[dict], list[dict]]:
    leads = {lead["id"]: lead for lead in json.loads((folder / "leads.json").read_text())}
    senders = json.loads((folder / "senders.json").read_text())
    cases = json.loads((folder / "cases.json").read_text())
    return leads, senders, cases


def draft(folder: Path) -> None:
    leads, senders, cases = _inputs(folder)
    out = []
    with tempfile.TemporaryDirectory() as data:
        store = TemplateStore(Path(data))
        for case in cases:
            lead, sender = leads[case["lead"]], senders[case["sender"]]
            settings = {k: case[k] for k in ("persona", "mood", "language", "strategy", "channel")}
            refusals = []
            for _ in range(3):  # a refusal says what to do: do it, as a user would
                try:
                    made = compose(
                        Lead.from_data(lead),
                        Sender.from_data(sender),
                        Settings.from_data(settings),
                        store=store,
                    )[0]
                    break
                except ComposerError as exc:
                    refusals.append(str(exc))
                    if "--language auto" in str(exc) and settings["language"] != "auto":
                        settings["language"] = "auto"
                    elif "connection note" in str(exc):
                        settings["channel"] = "connection_note"
                    else:
                        made = None
                        break
            if made is None:
                out.append(
                    {"case": case["case"], "text": f"[refused] {refusals[-1]}", "failed": [], "warnings": []}
                )
                continue
            failed = [c.name for c in made.checks if not c.ok]
            out.append(
                {
                    "case": case["case"],
                    "text": made.text(),
                    "failed": failed,
                    "warnings": made.warnings,
                    "refusals": refusals,
                    "channel": settings["channel"],
                }
            )
    (folder / "engine.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(
        f"{len(out)} drafts -> {folder / 'engine.json'}; failing checks: "
        f"{Counter(name for row in out for name in row['failed'])}"
    )


def _case_block(case: dict, leads: dict, senders: list[dict]) -> str:
    settings = {k: case[k] for k in ("persona", "mood", "language", "strategy", "channel")}
    return (
        f"Lead: {json.dumps(leads[case['lead']], ensure_ascii=False)}\n"
        f"Sender: {json.dumps(senders[case['sender']], ensure_ascii=False)}\n"
        f"Settings: {json.dumps(settings)}"
    )


def blind(folder: Path, refs: Path | None, seed: int) -> None:
    leads, senders, cases = _inputs(folder)
    engine = {row["case"]: row["text"] for row in json.loads((folder / "engine.json").read_text())}
    rng = random.Random(seed)
    items = [(case, "engine", engine[case["case"]]) for case in cases]
    unwritten = [
        case["case"] for case, _, text in items if text.startswith("[refused] the offline engine writes")
    ]
    if unwritten:  # a language pack still being written: leave its cases out of a tuning round
        print("left out (no pack yet):", ", ".join(unwritten))
        items = [item for item in items if item[0]["case"] not in unwritten]
    references = {}
    if refs:
        references = {row["case"]: row["text"] for row in json.loads(refs.read_text())}
        items += [
            (case, "reference", references[case["case"]]) for case in cases if case["case"] in references
        ]
    rng.shuffle(items)
    key: dict = {"scores": {}, "pairs": {}}
    blocks = []
    for number, (case, who, text) in enumerate(items, 1):
        key["scores"][f"D{number}"] = {"case": case["case"], "who": who}
        blocks.append(f"## D{number}\n{_case_block(case, leads, senders)}\nDraft:\n{text}\n")
    (folder / "judge_scores.md").write_text("\n".join(blocks))
    if references:
        pair_blocks = []
        chosen = [case for case in cases if case["case"] in references]
        rng.shuffle(chosen)
        for number, case in enumerate(chosen, 1):
            a_is_engine = rng.random() < 0.5
            a, b = (engine, references) if a_is_engine else (references, engine)
            key["pairs"][f"P{number}"] = {"case": case["case"], "engine": "A" if a_is_engine else "B"}
            pair_blocks.append(
                f"## P{number}\n{_case_block(case, leads, senders)}\n"
                f"A:\n{a[case['case']]}\n\nB:\n{b[case['case']]}\n"
            )
        (folder / "judge_pairs.md").write_text("\n".join(pair_blocks))
    (folder / "key.json").write_text(json.dumps(key, indent=1))
    print(f"{len(items)} drafts, {len(key['pairs'])} pairs written in {folder}")


_LINE = re.compile(r"^\s*(D\d+)\s*[|:]\s*([1-5])\s*\|\s*([^|]*)\|?(.*)$")
_PAIR = re.compile(r"^\s*(P\d+)\s*[|:]\s*(A|B|tie)\b", re.I)


def score(folder: Path) -> None:
    key = json.loads((folder / "key.json").read_text())
    _, _, cases = _inputs(folder)
    by_case = {case["case"]: case for case in cases}
    rows = defaultdict(list)
    costs: Counter[str] = Counter()
    for line in (folder / "scores.txt").read_text().splitlines():
        m = _LINE.match(line)
        if m and m.group(1) in key["scores"]:
            info = key["scores"][m.group(1)]
            rows[info["who"]].append((by_case[info["case"]], int(m.group(2))))
            if info["who"] == "engine":
                costs[m.group(3).strip()[:60]] += 1
    for who, scored in rows.items():
        values = [s for _, s in scored]
        dist = Counter(values)
        good = sum(v >= 4 for v in values)
        print(
            f"{who}: n={len(values)} mean={statistics.mean(values):.2f} "
            f">=4: {good}/{len(values)} ({100 * good / len(values):.0f}%) "
            f"dist={[dist.get(i, 0) for i in range(1, 6)]} (1s..5s)"
        )
        for field in ("strategy", "channel", "language"):
            groups = defaultdict(list)
            for case, s in scored:
                groups[case[field]].append(s)
            print(
                f"  median by {field}: "
                + ", ".join(f"{k} {statistics.median(v)} (n={len(v)})" for k, v in sorted(groups.items()))
            )
    print("engine's most frequent costs:", costs.most_common(5))
    pairs_file = folder / "pairs.txt"
    if pairs_file.exists():
        tally: Counter[str] = Counter()
        for line in pairs_file.read_text().splitlines():
            m = _PAIR.match(line)
            if m and m.group(1) in key["pairs"]:
                choice = m.group(2).upper()
                engine_letter = key["pairs"][m.group(1)]["engine"]
                tally["tie" if choice == "TIE" else "engine" if choice == engine_letter else "reference"] += 1
        print(
            f"pairs: engine preferred {tally['engine']} / tie {tally['tie']} / "
            f"reference preferred {tally['reference']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["draft", "blind", "score"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--refs", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.step == "draft":
        draft(args.folder)
    elif args.step == "blind":
        blind(args.folder, args.refs, args.seed)
    else:
        score(args.folder)


if __name__ == "__main__":
    sys.exit(main())
