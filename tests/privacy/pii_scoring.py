"""Scoring the personal-data detector on the corpus written for this project
(tests/privacy/pii_corpus.yml), shared by its test and by bench/pii_bench.py.

Every kind but names is scored per case: a kind the case holds and the detector finds is a true
positive, one it holds and misses a false negative, one it finds but the case does not hold a
false positive. Names are scored per name part: each string a case lists under ``names`` must be
wholly inside a name hit (else a false negative), and each name hit must overlap a listed string
(else a false positive), so a rule that hides a whole sentence does not score.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from customer_room.privacy.names import NameFinder
from customer_room.privacy.pii import Detector, Hit

CORPUS = Path(__file__).resolve().parent / "pii_corpus.yml"
NUMBER_WORD = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)\b", re.I
)


@dataclass(frozen=True)
class Case:
    text: str
    kinds: frozenset[str]
    names: tuple[str, ...] = ()


@dataclass
class Scores:
    tallies: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    negatives_hit: Counter[str] = field(default_factory=Counter)  # kind -> clean cases it hit

    def count(self, kind: str, outcome: str) -> None:
        self.tallies.setdefault(kind, Counter())[outcome] += 1

    def precision(self, kind: str) -> float:
        t = self.tallies.get(kind, Counter())
        return t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0

    def recall(self, kind: str) -> float:
        t = self.tallies.get(kind, Counter())
        return t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0

    def table(self) -> str:
        rows = ["kind                      cases  precision  recall  fp-on-clean"]
        for kind, t in sorted(self.tallies.items()):
            rows.append(
                f"{kind:25} {t['tp'] + t['fn']:5}  {self.precision(kind):9.3f}  "
                f"{self.recall(kind):6.3f}  {self.negatives_hit[kind]:11}"
            )
        return "\n".join(rows)


def load_cases(path: Path = CORPUS) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(case["text"], frozenset(case["kinds"]), tuple(case.get("names") or ()))
        for case in data["cases"]
    ]


def corpus_detector() -> Detector:
    """The detector as a room without a staff list runs it (region GB)."""
    return Detector(region="GB", names=NameFinder(()))


def spoken_card(case: Case) -> bool:
    return "card number" in case.kinds and len(NUMBER_WORD.findall(case.text)) >= 12


def score(detector: Detector, cases: list[Case]) -> Scores:
    scores = Scores()
    for case in cases:
        hits = detector.find(case.text)
        _score_kinds(scores, case, hits)
        _score_names(scores, case, [h for h in hits if h.kind == "name"])
    return scores


def _score_kinds(scores: Scores, case: Case, hits: list[Hit]) -> None:
    found = {h.kind for h in hits} - {"name"}
    expected = set(case.kinds) - {"name"}
    if spoken_card(case):
        expected.add("spoken card number")
        if "card number" in found:
            found.add("spoken card number")
    for kind in expected | found:
        outcome = "tp" if kind in expected and kind in found else "fn" if kind in expected else "fp"
        scores.count(kind, outcome)
        if outcome == "fp" and not case.kinds:
            scores.negatives_hit[kind] += 1
    if found - {"spoken card number"} != expected - {"spoken card number"}:
        scores.misses.append(f"expected {sorted(expected)} found {sorted(found)}: {case.text}")


def _score_names(scores: Scores, case: Case, hits: list[Hit]) -> None:
    spans = _name_spans(case)
    for start, end in spans:
        covered = any(h.start <= start and end <= h.end for h in hits)
        scores.count("name", "tp" if covered else "fn")
        if not covered:
            scores.misses.append(f"name missed {case.text[start:end]!r}: {case.text}")
    for hit in hits:
        if not any(hit.start < end and start < hit.end for start, end in spans):
            scores.count("name", "fp")
            if not case.kinds:
                scores.negatives_hit["name"] += 1
            scores.misses.append(f"not a name {hit.value!r}: {case.text}")


def _name_spans(case: Case) -> list[tuple[int, int]]:
    """Where each listed name is in the text (every occurrence)."""
    spans = []
    for name in case.names:
        found = [m.span() for m in re.finditer(re.escape(name), case.text)]
        if not found:
            raise ValueError(f"corpus: {name!r} is not in {case.text!r}")
        spans += found
    return spans
