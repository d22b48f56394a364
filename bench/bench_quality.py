"""Draft quality on the held-out leads and senders in bench/data (none of them appear in the tests).

Every lead x sender x strategy x channel goes through the template engine (`compose`), and the script
prints the costs a blind judge found in drafts (issue 19, "Measure"):
- fragments in frames: drafts where a run of 4 or more consecutive words of the lead's own text (about,
  post, headline, experience descriptions) stands in the draft outside quotation marks; the lead's and
  their jobs' names, companies and titles, skills and schools are typed values, not fragments, and a run
  the sender's own texts also hold is the sender's words (target: none)
- assets not declared: drafts that offer to send something (`composer.claims` patterns) the sender did
  not declare in `assets` (target: none)
- notes identical across strategies: for each lead x sender, how many of the three strategies'
  connection notes are distinct (target 3 of 3)
- follow-up openings shared across leads: follow-ups whose first sentence after the greeting is the same
  text as another lead's, with each lead's name, company and title replaced by a placeholder (target:
  none)
- situations read: how many lead x sender pairs each situation of `composer.offline` gets (the reading
  `composer.offline.engine.prepare` makes; a message the engine cannot fill for it falls back to `fit` or
  `sparse`, which is not visible here)
and keeps: language purity (sentences that read as another language, drafts in another language than
asked, each with its warning), length (InMail body median, share within 300-700 characters; notes within
300), refusals, failed checks, and milliseconds per draft (checks and coach included).

No longer printed, because the design they measured is gone: sentences shared across leads (the
parts-of-sentences phrases; a whole message per situation shares its frame by design, and what a reader
sees is counted by the fragments and shared openings above), hook relevance and subjects naming the hook
(`composer.plan` topics and hooks no longer choose the words), distinct messages per persona and mood,
company mentions, and follow-ups repeating the proof point (the follow-up is a message of its own now).

Run: .venv/bin/python bench/bench_quality.py
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

from composer import (
    ComposerError,
    Draft,
    DraftChannel,
    Lead,
    Persona,
    Sender,
    Settings,
    TemplateStore,
    compose,
    get_strategy,
    languages,
)
from composer.claims import check_assets
from composer.drafting import Job
from composer.offline import engine
from composer.offline.situation import Situation
from composer.text import fold, split_sentences

DATA = Path(__file__).resolve().parent / "data"
LEADS = [Lead.model_validate(d) for d in json.loads((DATA / "leads.json").read_text())]
SENDERS = {k: Sender.model_validate(v) for k, v in json.loads((DATA / "senders.json").read_text()).items()}
PERSONA = {
    "salesperson": Persona.SALESPERSON,
    "recruiter": Persona.RECRUITER,
    "job_seeker": Persona.JOB_SEEKER,
    "founder": Persona.FOUNDER,
}
STRATEGIES = ("rabt", "aida", "pas")
STORE = TemplateStore()
RUN = 4  # words in a row that make a fragment
# Whatever stands inside quotation marks, in every shipped language's marks.
_QUOTED = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"|‘[^’]*’|‹[^›]*›")
_BARRIER = " | "  # not a word: no run crosses a typed value that was taken out


def _words(text: str) -> list[str]:
    return fold(text).split()


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def lead_texts(lead: Lead) -> list[str]:
    return [
        t
        for t in (lead.about, lead.recent_post, lead.headline, *(e.description for e in lead.experiences))
        if t
    ]


def typed_values(lead: Lead, values: dict[str, str | None]) -> list[str]:
    """The lead's field values a draft may name as they are (names, companies, titles, skills, schools)."""
    found = [lead.first_name, lead.last_name, lead.full_name, lead.company, lead.title, *lead.skills]
    found += [e.title for e in lead.experiences] + [e.company for e in lead.experiences]
    found += [s.school for s in lead.education]
    found += [values.get(k) for k in ("first_name", "last_name", "full_name", "company", "title")]
    folded = {fold(v) for v in found if v and v.strip()}
    return sorted((f for f in folded if f.strip()), key=len, reverse=True)


def sender_grams(sender: Sender) -> set[tuple[str, ...]]:
    texts = [sender.name, sender.title, sender.company, sender.footer, sender.offer, sender.problem]
    texts += [sender.proof, *sender.offers.values(), *sender.problems.values(), *sender.proofs.values()]
    texts += [*sender.titles.values(), *sender.assets]
    return set().union(*(_grams(_words(t)) for t in texts if t))


def fragments(draft: Draft, lead: Lead, sender: Sender, values: dict[str, str | None]) -> list[str]:
    """The runs of >= RUN words of the lead's text the draft sets outside quotation marks."""
    theirs = set().union(*(_grams(_words(t)) for t in lead_texts(lead))) - sender_grams(sender)
    needles = typed_values(lead, values)
    found = []
    for segment in _QUOTED.split(f"{draft.subject or ''}\n{draft.body}"):
        folded = fold(segment)
        for needle in needles:
            folded = folded.replace(needle, _BARRIER)
        for part in folded.split("|"):
            words = part.split()
            covered = [False] * len(words)
            for i in range(len(words) - RUN + 1):
                if tuple(words[i : i + RUN]) in theirs:
                    covered[i : i + RUN] = [True] * RUN
            run: list[str] = []
            for word, inside in [*zip(words, covered, strict=True), ("", False)]:
                if inside:
                    run.append(word)
                elif run:
                    found.append(" ".join(run))
                    run = []
    return found


def opening(draft: Draft, values: dict[str, str | None]) -> str:
    """The first sentence after the greeting, with the lead's own values as placeholders."""
    paragraphs = draft.body.split("\n\n")
    if len(paragraphs) > 1 and len(paragraphs[0].split()) <= 6:  # "Hello Rachel," on its own
        paragraphs = paragraphs[1:]
    first = (split_sentences("\n\n".join(paragraphs)) or [""])[0]
    for key in ("full_name", "company", "title", "first_name"):
        if values.get(key):
            first = first.replace(str(values[key]), f"<{key}>")
    return first


def main() -> None:
    combos = list(itertools.product(SENDERS.items(), STRATEGIES, DraftChannel, LEADS))
    print(
        f"held-out set: {len(LEADS)} leads x {len(SENDERS)} senders x {len(STRATEGIES)} strategies"
        f" x {len(DraftChannel)} channels = {len(combos)} drafts asked"
    )
    situations: Counter[str] = Counter()
    values: dict[tuple[str, str], dict[str, str | None]] = {}
    for (who, sender), lead in itertools.product(SENDERS.items(), LEADS):
        job = Job(lead, sender, Settings(persona=PERSONA[who]), STORE, get_strategy(STORE, "rabt"))
        language, _ = engine.choose_language(job)
        prepared = engine.prepare(job, language)
        situations[prepared.reading.situation.value] += 1
        values[(who, lead.id)] = prepared.values
    print(
        f"situations read ({len(LEADS) * len(SENDERS)} lead x sender pairs): "
        + ", ".join(f"{s.value} {situations[s.value]}" for s in Situation)
    )

    drafts: list[tuple[str, str, DraftChannel, Lead, Draft]] = []
    refused: Counter[str] = Counter()
    times = []
    for (who, sender), strategy, channel, lead in combos:
        settings = Settings(strategy=strategy, persona=PERSONA[who], channel=channel)
        start = time.perf_counter()
        try:
            [draft] = compose(lead, sender, settings, store=STORE)
        except ComposerError as error:
            refused[f"{type(error).__name__}: {str(error).split(':')[0]} ({channel.value})"] += 1
            continue
        times.append(time.perf_counter() - start)
        drafts.append((who, strategy, channel, lead, draft))
    print(f"drafts written: {len(drafts)} of {len(combos)}; refused: {dict(refused) or 'none'}")

    framed, examples = 0, []
    for who, _, _, lead, d in drafts:
        runs = fragments(d, lead, SENDERS[who], values[(who, lead.id)])
        framed += bool(runs)
        examples += [f"{lead.id.rsplit('/', 1)[-1]} ({d.channel.value}, {d.language}): …{r}…" for r in runs]
    print(
        f"fragments in frames: {framed} of {len(drafts)} drafts set {RUN}+ words of the lead's text "
        f"outside quotation marks (target 0); {len(set(examples))} distinct runs"
    )
    for example in sorted(set(examples))[:6]:
        print(f"    {example}")

    undeclared = Counter(
        check.message
        for who, strategy, _, lead, d in drafts
        if not (check := check_assets(d.body, SENDERS[who], Settings(persona=PERSONA[who]))).ok
    )
    print(
        f"assets not declared: {sum(undeclared.values())} of {len(drafts)} drafts offer something the "
        f"sender did not declare (target 0){': ' + str(dict(undeclared)) if undeclared else ''}"
    )

    notes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for who, _, channel, lead, d in drafts:
        if channel is DraftChannel.CONNECTION_NOTE:
            notes[(who, lead.id)].add(d.body)
    spread = Counter(len(bodies) for bodies in notes.values())
    print(
        f"notes across strategies: {spread[3]} of {len(notes)} lead x sender pairs get 3 distinct notes "
        f"(target all); distinct notes per pair: "
        + ", ".join(f"{k} of 3: {spread[k]}" for k in sorted(spread, reverse=True))
    )

    openings: dict[str, set[str]] = defaultdict(set)
    follow_ups = [(who, lead, d) for who, _, ch, lead, d in drafts if ch is DraftChannel.FOLLOW_UP]
    keyed = [(opening(d, values[(who, lead.id)]), lead.id) for who, lead, d in follow_ups]
    for text, lead_id in keyed:
        openings[text].add(lead_id)
    shared = sum(len(openings[text]) > 1 for text, _ in keyed)
    top = max(openings.items(), key=lambda kv: len(kv[1]), default=("", set()))
    print(
        f"follow-up openings shared across leads: {shared} of {len(keyed)} "
        f"({shared / max(len(keyed), 1):.0%}); {len(openings)} distinct openings; most shared "
        f"({len(top[1])} leads): {top[0]!r}"
    )

    impure, switched, unexplained = 0, 0, 0
    for who, _, _, lead, d in drafts:
        sender = SENDERS[who]
        names = [lead.full_name, lead.title, lead.company, sender.name, sender.company, sender.title]
        if languages.foreign_sentences(d.body, d.language, ignore=[n for n in names if n]):
            impure += 1
        if d.language != languages.requested("auto", lead):
            switched += 1
            unexplained += not d.warnings
    print(
        f"language purity: {len(drafts) - impure} of {len(drafts)} drafts have every sentence in their "
        f"language; {switched} written in another language than the lead's ({unexplained} without a "
        "warning that says why)"
    )

    inmails = [len(d.body) for _, _, ch, _, d in drafts if ch is DraftChannel.INMAIL]
    notes_len = [len(d.body) for _, _, ch, _, d in drafts if ch is DraftChannel.CONNECTION_NOTE]
    follow_len = [len(d.body) for _, _, ch, _, d in drafts if ch is DraftChannel.FOLLOW_UP]
    print(
        f"length: InMail body median {statistics.median(inmails):.0f} chars, "
        f"{sum(300 <= n <= 700 for n in inmails) / len(inmails):.0%} within 300-700 "
        f"(shortest {min(inmails)}, longest {max(inmails)}); notes "
        f"{sum(n <= 300 for n in notes_len)} of {len(notes_len)} within 300 (longest {max(notes_len)}); "
        f"follow-up median {statistics.median(follow_len):.0f}"
    )
    failed = Counter(c.name for *_, d in drafts for c in d.checks if not c.ok)
    print(f"failed checks: {dict(failed) or 'none'} (of {len(drafts)} drafts)")
    print(
        f"speed: {statistics.mean(times) * 1000:.2f} ms per draft (mean of {len(times)}, checks and coach "
        f"included), median {statistics.median(times) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
