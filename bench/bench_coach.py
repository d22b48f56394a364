"""Draft coach speed, printed as numbers (issue 10 target: under 1 ms per draft).

1,000 different template drafts (every lead's text carries its number, so no cache sees a repeat) in
English, French, German, Spanish and Italian, over the three channels; each is coached the way the
finishing step does it (subject, channel, language, facts used, offer). Prints the median and p95 of
one `coach()` call in wall-clock and CPU time, and the first call, which reads and checks prompts/coach.toml.

Run: .venv/bin/python bench/bench_coach.py
"""

from __future__ import annotations

import statistics
import tempfile
import time

from composer import SAMPLE_SENDER, DraftChannel, Lead, Settings, TemplateStore, compose
from composer.coach import coach

LANGUAGES = ["en", "fr", "de", "es", "it"]
COMPANIES = ["Acme Logistics", "Colis Express", "Paketwerk", "Envíos Rápidos", "Northwind Retail"]
POSTS = ["Why late deliveries are a data problem.", "Peak season is won in August.", None]


def lead(i: int) -> Lead:
    company = f"{COMPANIES[i % len(COMPANIES)]} {i}"
    return Lead(
        id=f"https://www.linkedin.com/in/lead-{i}",
        first_name=["Maria", "Camille", "Jonas", "Lucía", "Priya"][i % 5],
        title=["Head of Data", "COO", "Fleet Manager", "VP Supply Chain"][i % 4],
        company=company,
        language=LANGUAGES[i % len(LANGUAGES)],
        about=f"I build forecasting team {i}.",
        experiences=[
            {"title": "Head of Data", "company": company, "description": f"Cut costs by {i % 40}%."}
        ],
        skills=[f"Forecasting {i}", "Python"],
        recent_post=f"{POSTS[i % 3]} Part {i}." if POSTS[i % 3] else None,
    )


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = TemplateStore(tmp)
        channels = list(DraftChannel)
        strategies = ["rabt", "aida", "pas"]
        drafts = [
            compose(
                lead(i),
                SAMPLE_SENDER,
                Settings(strategy=strategies[i % 3], channel=channels[(i // 3) % 3]),
                store=store,
            )[0]
            for i in range(count)
        ]
    from composer.coach_rules import rules

    rules.cache_clear()
    start = time.perf_counter()
    coach("Hi", channel="inmail", language="en")
    first = time.perf_counter() - start
    times, cpu, scores = [], [], []
    for draft in drafts:
        offer = SAMPLE_SENDER.offer_in(draft.language)
        start, start_cpu = time.perf_counter(), time.thread_time()
        report = coach(
            draft.body,
            subject=draft.subject,
            channel=draft.channel,
            language=draft.language,
            facts=draft.facts_used,
            offer=offer,
        )
        cpu.append(time.thread_time() - start_cpu)
        times.append(time.perf_counter() - start)
        scores.append(report.score)
    print(
        f"coach: {count} drafts [target < 1 ms per draft]\n"
        f"  wall: {_spread(times)}\n"
        f"  CPU:  {_spread(cpu)} (the wall p95 includes waits for a busy machine's cores)\n"
        f"  first call, reading and checking coach.toml: {first * 1000:.1f} ms\n"
        f"  scores {min(scores)}-{max(scores)}, median {statistics.median(scores):.0f}"
    )


def _spread(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return (
        f"median {statistics.median(ordered) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms, "
        f"max {ordered[-1] * 1000:.3f} ms"
    )


if __name__ == "__main__":
    main()
