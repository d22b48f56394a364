"""Composer speed, printed as numbers (issue 3 targets in brackets).

1. Template drafts for 1,000 different leads, checks included, in-process   [<= 1 ms per draft]
2. The whole `inmail draft` process, offline                                 [< 250 ms]
3. LLM-engine overhead: 100 drafts against the local fake answering in 200 ms,
   8 at a time, against the ideal 100 / 8 x 0.2 s = 2.5 s                    [within 1.2x]

Run: .venv/bin/python bench/bench_composer.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from fake_openai import FakeOpenAI, Reply  # noqa: E402

from composer import SAMPLE_SENDER, Engine, Lead, LLMConfig, Settings, compose  # noqa: E402
from prompts import TemplateStore  # noqa: E402

FIRST = ["Maria", "Kofi", "Camille", "Jonas", "Lucía", "Priya", "Tom", "Aiko", "Omar", "Sven"]
COMPANIES = [
    "Acme Logistics",
    "Baobab Parcels",
    "Colis Express",
    "Paketwerk",
    "Envíos Rápidos",
    "Northwind Retail",
]
POSTS = [
    "Why late deliveries are a data problem.",
    "Peak season is won in August.",
    "",
    "Depots need better forecasts.",
]
LANGUAGES = ["en", "fr", "de", "es", "en", "it"]


def lead(i: int) -> Lead:
    return Lead(
        id=f"https://www.linkedin.com/in/lead-{i}",
        first_name=FIRST[i % len(FIRST)],
        last_name=f"Name{i}",
        title=["Head of Data", "COO", "Fleet Manager", "VP Supply Chain"][i % 4],
        company=COMPANIES[i % len(COMPANIES)],
        language=LANGUAGES[i % len(LANGUAGES)],
        about="I build forecasting teams. " * (i % 3),
        experiences=[
            {"title": "Head of Data", "company": COMPANIES[i % 6], "description": f"Cut costs by {i % 40}%."}
        ],
        skills=["Forecasting", "Python", "Route planning"][: i % 4],
        recent_post=POSTS[i % len(POSTS)] or None,
        mutual_connections=["Daniel Ruiz"] if i % 5 == 0 else [],
    )


def bench_template_drafts(count: int = 1000) -> None:
    store = TemplateStore()
    leads = [lead(i) for i in range(count)]
    strategies = ["rabt", "aida", "pas"]
    channels = ["inmail", "connection_note", "follow_up"]
    settings = [Settings(strategy=strategies[i % 3], channel=channels[(i // 3) % 3]) for i in range(count)]
    start = time.perf_counter()
    compose(leads[0], SAMPLE_SENDER, settings[0], store=store)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    failed = 0
    for the_lead, options in zip(leads, settings, strict=True):
        [draft] = compose(the_lead, SAMPLE_SENDER, options, store=store)
        failed += not all(
            c.ok for c in draft.checks if c.name in ("subject_length", "body_length", "placeholders")
        )
    elapsed = time.perf_counter() - start
    print(
        f"1. template drafts: {count} leads in {elapsed:.2f} s = {elapsed / count * 1000:.3f} ms per draft "
        f"(checks included; first draft with template compile {cold * 1000:.0f} ms; limit failures {failed}) "
        f"[target <= 1 ms]"
    )


def bench_cli_process(runs: int = 15) -> None:
    script = Path(sys.executable).parent / "inmail"
    with tempfile.TemporaryDirectory() as tmp:
        lead_file = Path(tmp) / "lead.json"
        lead_file.write_text(json.dumps(lead(7).model_dump(mode="json")))
        env = {**os.environ, "INMAIL_DATA_DIR": str(Path(tmp) / "data")}
        command = [
            str(script),
            "draft",
            str(lead_file),
            "--sender",
            str(ROOT / "composer" / "samples" / "sam.json"),
        ]
        subprocess.run(command, env=env, capture_output=True, check=True)  # warms the template bytecode cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
        bare = time.perf_counter() - start
    print(
        f"2. `inmail draft` process, offline: median {statistics.median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms over {runs} runs (bare python start {bare * 1000:.0f} ms) "
        "[target < 250 ms]"
    )


def bench_llm_overhead(drafts: int = 100, concurrency: int = 8, delay: float = 0.2) -> None:
    store = TemplateStore()
    with FakeOpenAI() as fake:
        fake.default = Reply(
            text="Subject: Late deliveries\n\nHi Maria,\n\nYour post on late deliveries is why I'm "
            "writing.\n\nWould a 15-minute call next week be useful?\n\nBest,\nSam",
            delay=delay,
        )
        config = LLMConfig(base_url=fake.base_url, model="fake-model", timeout=30)
        leads = [lead(i).model_copy(update={"language": "en"}) for i in range(drafts)]
        compose(
            leads[0], SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, llm=config
        )  # imports, connects
        fake.requests.clear()

        def one(the_lead: Lead) -> str:
            [draft] = compose(the_lead, SAMPLE_SENDER, Settings(), store=store, engine=Engine.LLM, llm=config)
            return draft.engine.value

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            engines = list(pool.map(one, leads))
        elapsed = time.perf_counter() - start
    ideal = drafts / concurrency * delay
    print(
        f"3. LLM engine: {drafts} drafts, {concurrency} at a time, fake answers in {delay * 1000:.0f} ms: "
        f"{elapsed:.2f} s vs ideal {ideal:.2f} s = {elapsed / ideal:.2f}x "
        f"({engines.count('llm')} from the model, {len(fake.chat_requests)} requests) [target within 1.2x]"
    )


if __name__ == "__main__":
    bench_template_drafts()
    bench_cli_process()
    bench_llm_overhead()
