"""Variants and the bench draft on threads at once: what they share must not mix their work."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import snowballstemmer

from composer import languages

BASES = ["deliveries", "forecasting", "logistics", "operational", "generously", "nationalities"]


@pytest.fixture
def frequent_switches():
    """Threads switch every microsecond instead of every 5 ms, so a shared state is hit every time."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.parametrize(("language", "algorithm"), [("en", "english"), ("fr", "french"), ("de", "german")])
def test_stemming_on_eight_threads_gives_each_thread_its_own_stems(frequent_switches, language, algorithm):
    reference = snowballstemmer.stemmer(algorithm)

    def words(thread: int) -> list[str]:  # unseen words: every call does the stemmer's work
        return [f"{base}{'x' * (thread % 3)}{n}{language}{thread}" for n in range(60) for base in BASES]

    def work(thread: int) -> list[str]:
        return [languages.stem(word, language) for word in words(thread)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(16)))
    for thread, stems in enumerate(results):
        assert stems == [reference.stemWord(word) for word in words(thread)]
