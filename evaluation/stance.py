"""Score a stance scorer on NewsMTSC-format data: per-class precision/recall/F1, the confusion
matrix, macro-F1 (F1m, the benchmark's metric) and throughput.

The stance step is judged on data, not asserted; this module is shared by the benchmark
script, the training script and the CLI so that all report the same figures.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyzers.nlp.mention import MentionScorer, ProbabilisticScorer, TargetMention
from analyzers.nlp.stance import most_probable, polarity_label
from analyzers.record import StanceLabel

LABELS: tuple[StanceLabel, ...] = ("negative", "neutral", "positive")
POLARITY_LABELS: dict[float, StanceLabel] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


@dataclass(frozen=True)
class StanceExample:
    sentence: str
    start: int
    end: int
    label: StanceLabel


@dataclass(frozen=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class StanceReport:
    per_class: dict[StanceLabel, ClassScores]
    confusion: dict[StanceLabel, dict[StanceLabel, int]]  # gold -> predicted -> count
    macro_f1: float
    targets: int
    seconds: float

    def lines(self) -> list[str]:
        out = [f"{'class':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
        for label, s in self.per_class.items():
            out.append(
                f"{label:<10}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.support:>9}"
            )
        out.append("confusion (rows gold, columns predicted): " + " ".join(LABELS))
        for gold in LABELS:
            out.append(f"{gold:<10}" + "".join(f"{self.confusion[gold][p]:>10}" for p in LABELS))
        rate = self.targets / self.seconds if self.seconds else float("inf")
        out.append(f"targets={self.targets} seconds={self.seconds:.2f} targets/s={rate:.0f}")
        out.append(f"F1m={self.macro_f1:.3f}")
        return out


def read_newsmtsc(path: Path) -> list[StanceExample]:
    """One example per target of every sentence in a NewsMTSC JSONL file."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            item = json.loads(line)
            for target in item["targets"]:
                examples.append(
                    StanceExample(
                        item["sentence_normalized"],
                        int(target["from"]),
                        int(target["to"]),
                        POLARITY_LABELS[float(target["polarity"])],
                    )
                )
    return examples


def parse_mentions(nlp: Language, examples: Sequence[StanceExample]) -> list[TargetMention]:
    """Parse each distinct sentence once and locate every target in it."""
    sentences = sorted({e.sentence for e in examples})
    docs = dict(zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True))
    return [TargetMention(docs[e.sentence][:], _target_span(docs[e.sentence], e)) for e in examples]


def _target_span(doc: Doc, example: StanceExample) -> Span:
    span = doc.char_span(example.start, example.end, alignment_mode="expand")
    if span is None or not span.text.strip():  # offsets past a token edge or off by one
        token = min(doc, key=lambda t: abs(t.idx - example.start))
        span = doc[token.i : token.i + 1]
    return span


def evaluate(
    scorer: MentionScorer,
    mentions: Sequence[TargetMention],
    gold: Sequence[StanceLabel],
    neutral_band: float,
) -> StanceReport:
    """A model scorer's label is its most probable class; the lexicon's, its polarity outside
    the neutral band."""
    started = time.perf_counter()
    if isinstance(scorer, ProbabilisticScorer):
        predicted = [most_probable(p) for p in scorer.probabilities(mentions)]
    else:
        predicted = [polarity_label(p, neutral_band) for p in scorer.score(mentions)]
    seconds = time.perf_counter() - started
    return report(gold, predicted, seconds)


def report(
    gold: Sequence[StanceLabel], predicted: Sequence[StanceLabel], seconds: float
) -> StanceReport:
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_class = {label: _class_scores(label, confusion) for label in LABELS}
    macro = sum(s.f1 for s in per_class.values()) / len(LABELS)
    return StanceReport(per_class, confusion, macro, len(gold), seconds)


def _class_scores(
    label: StanceLabel, confusion: dict[StanceLabel, dict[StanceLabel, int]]
) -> ClassScores:
    hits = confusion[label][label]
    predicted = sum(confusion[g][label] for g in LABELS)
    support = sum(confusion[label].values())
    precision = hits / predicted if predicted else 0.0
    recall = hits / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClassScores(precision, recall, f1, support)


def gold_labels(examples: Iterable[StanceExample]) -> list[StanceLabel]:
    return [e.label for e in examples]
