"""The personal-data detector on the project's corpus and on the name corpora helpers wrote
without seeing it: recall and precision per kind, and its throughput on one core against a
baseline measured in the same run.

The baseline is the least any detector does: one pass of one compiled regular expression (a
run of six digits or more) over the same sentences. Throughput is sentences per second, the
best of ``--repeat`` rounds, each round reading every corpus sentence ``--rounds`` times, with
the name lists already loaded (they are read once per build, not per sentence).

    .venv/bin/python bench/pii_bench.py
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "privacy"))
from pii_scoring import CORPUS, corpus_detector, load_cases, score  # noqa: E402
from test_pii_corpus import HELPER_CORPORA  # noqa: E402

SIX_DIGITS = re.compile(r"\d(?:[ \-]?\d){5,}")
TARGET_SENTENCES_PER_SECOND = 5000


def per_second(work: Callable[[str], object], sentences: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for sentence in sentences:
            work(sentence)
        best = min(best, time.perf_counter() - started)
    return len(sentences) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="corpus passes per round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best counts")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    cases = load_cases()
    detector = corpus_detector()
    started = time.perf_counter()
    scores = score(detector, cases)  # also loads the name lists
    print(f"corpus: {len(cases)} sentences, scored in {time.perf_counter() - started:.2f} s")
    print(scores.table())
    for name, _, _ in HELPER_CORPORA:
        more = load_cases(CORPUS.parent / name)
        print(f"\n{name}: {len(more)} sentences written without seeing the detector")
        print(score(detector, more).table())
    sentences = [case.text for case in cases] * args.rounds
    detector.remembered = 0  # every sentence read anew, as in a cold build
    ours = per_second(detector.find, sentences, args.repeat)
    baseline = per_second(SIX_DIGITS.findall, sentences, args.repeat)
    print(f"\nthroughput on one core, best of {args.repeat} rounds of {len(sentences)} sentences")
    print(f"  detector              {ours:12,.0f} sentences/s")
    print(f"  baseline (one regex)  {baseline:12,.0f} sentences/s")
    print(f"  detector / baseline   {ours / baseline:12.4f}")
    verdict = "met" if ours >= TARGET_SENTENCES_PER_SECOND else "NOT met"
    print(f"  target {TARGET_SENTENCES_PER_SECOND:,} sentences/s: {verdict}")


if __name__ == "__main__":
    main()
