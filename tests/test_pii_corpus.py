"""Precision and recall of the personal-data detectors, per kind, on a corpus written for this
project (tests/pii_corpus.yml): positives and look-alikes that must survive."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from customer_room.pii import Detector

CORPUS = Path(__file__).resolve().parent / "pii_corpus.yml"
MUST_FIND_ALL = [
    "card number",
    "phone number",
    "email address",
    "social security number",
    "iban",
    "spoken card number",
]
NUMBER_WORD = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)\b", re.I
)


def load_cases() -> list[tuple[str, set[str]]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return [(case["text"], set(case["kinds"])) for case in data["cases"]]


def spoken_card(text: str, kinds: set[str]) -> bool:
    return "card number" in kinds and len(NUMBER_WORD.findall(text)) >= 12


@pytest.fixture(scope="module")
def scores() -> dict[str, Counter[str]]:
    detector = Detector(region="GB")
    tallies: dict[str, Counter[str]] = {}
    misses = []
    for text, expected in load_cases():
        found = {hit.kind for hit in detector.find(text)}
        labels = set(expected)
        if spoken_card(text, expected):
            labels.add("spoken card number")
            if "card number" in found:
                found = found | {"spoken card number"}
        for kind in labels | found:
            tally = tallies.setdefault(kind, Counter())
            tally[
                "tp" if kind in labels and kind in found else "fn" if kind in labels else "fp"
            ] += 1
        if found - {"spoken card number"} != expected:
            misses.append((text, sorted(expected), sorted(found)))
    print("\nkind                      cases  precision  recall")
    for kind, t in sorted(tallies.items()):
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        print(f"{kind:25} {t['tp'] + t['fn']:5}  {precision:9.3f}  {recall:6.3f}")
    for text, expected, found in misses:
        print(f"MISS expected {expected} found {found}: {text}")
    return tallies


def test_the_corpus_is_large_and_balanced() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    negatives = [c for c in cases if not c[1]]
    assert len(negatives) >= 50
    kinds = Counter(k for _, expected in cases for k in expected)
    assert all(
        kinds[k] >= 5
        for k in ("card number", "phone number", "email address", "social security number", "iban")
    )


@pytest.mark.parametrize("kind", MUST_FIND_ALL)
def test_recall_is_total_where_a_miss_is_unacceptable(
    scores: dict[str, Counter[str]], kind: str
) -> None:
    tally = scores[kind]
    assert tally["tp"] > 0 and tally["fn"] == 0, tally


def test_precision_overall(scores: dict[str, Counter[str]]) -> None:
    real = {k: t for k, t in scores.items() if k != "spoken card number"}
    tp = sum(t["tp"] for t in real.values())
    fp = sum(t["fp"] for t in real.values())
    assert tp / (tp + fp) >= 0.95, (tp, fp)
