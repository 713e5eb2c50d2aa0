"""Precision and recall of the personal-data detectors, per kind, on a corpus written for this
project (tests/privacy/pii_corpus.yml): positives and look-alikes that must survive. The
scoring is in pii_scoring.py; bench/pii_bench.py prints the same table with the detector's
throughput."""

from __future__ import annotations

from collections import Counter

import pytest
from pii_scoring import CORPUS, Scores, corpus_detector, load_cases, score

MUST_FIND_ALL = [
    "card number",
    "phone number",
    "email address",
    "social security number",
    "iban",
    "spoken card number",
]


@pytest.fixture(scope="module")
def scores() -> Scores:
    result = score(corpus_detector(), load_cases())
    print("\n" + result.table())
    for miss in result.misses:
        print("MISS", miss)
    return result


def test_the_corpus_is_large_and_balanced() -> None:
    cases = load_cases()
    assert len(cases) >= 400
    negatives = [c for c in cases if not c.kinds]
    assert len(negatives) >= 100
    kinds = Counter(k for case in cases for k in case.kinds)
    assert all(
        kinds[k] >= 5
        for k in ("card number", "phone number", "email address", "social security number", "iban")
    )
    assert kinds["name"] >= 150, "at least 150 cases with names"
    lower = [c for c in cases if "name" in c.kinds and c.text == c.text.lower()]
    assert len(lower) >= 40, "names in all-lowercase speech-recognition text too"


@pytest.mark.parametrize("kind", MUST_FIND_ALL)
def test_recall_is_total_where_a_miss_is_unacceptable(scores: Scores, kind: str) -> None:
    tally = scores.tallies[kind]
    assert tally["tp"] > 0 and tally["fn"] == 0, tally


def test_names_are_found_without_a_list(scores: Scores) -> None:
    assert scores.recall("name") >= 0.95, scores.tallies["name"]
    assert scores.precision("name") >= 0.95, scores.tallies["name"]


def test_every_other_kind_is_found_and_nothing_is_found_in_clean_sentences(
    scores: Scores,
) -> None:
    kinds = [k for k in scores.tallies if k not in {"name", "spoken card number"}]
    low = {k: round(scores.recall(k), 3) for k in kinds if scores.recall(k) < 0.95}
    assert not low, f"recall under 0.95: {low}"
    hit = {k: n for k, n in scores.negatives_hit.items() if n and k != "name"}
    assert not hit, f"found in sentences that hold nothing: {hit}"


def test_precision_overall(scores: Scores) -> None:
    real = {k: t for k, t in scores.tallies.items() if k != "spoken card number"}
    tp = sum(t["tp"] for t in real.values())
    fp = sum(t["fp"] for t in real.values())
    assert tp / (tp + fp) >= 0.95, (tp, fp)


# Name corpora written by helpers who had not seen the detector (see each file's header).
# The first two have been used to improve the rules since; the last never has, and its bar
# is the blind score it had when written, kept as a floor.
HELPER_CORPORA = [
    ("pii_heldout.yml", 0.95, 0.95),
    ("pii_sealed.yml", 0.95, 0.92),
    ("pii_final.yml", 0.95, 0.87),
]


@pytest.mark.parametrize(("name", "precision", "recall"), HELPER_CORPORA)
def test_names_in_corpora_written_without_seeing_the_detector(
    name: str, precision: float, recall: float
) -> None:
    result = score(corpus_detector(), load_cases(CORPUS.parent / name))
    print("\n" + result.table())
    assert result.tallies["name"]["tp"] >= 150, "the corpus holds names"
    assert result.precision("name") >= precision, result.tallies["name"]
    assert result.recall("name") >= recall, result.tallies["name"]
