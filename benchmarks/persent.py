"""How newsbot's entity label matches the author's portrayal on PerSenT dev: macro-F1, the
precision and recall of each class and the confusion matrix, beside the majority class.

Run ``python -m benchmarks.persent [--shared PATH] [--limit N]`` from the repository root.
Each document goes through the whole analysis (title + text, as a pasted article would); the
annotated main entity is found among newsbot's entities by name or alias, and its label read
(favourable = Positive, critical = Negative). A target newsbot did not list counts as neutral.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from analyzers.analysis import analyze_article
from analyzers.article import Article
from analyzers.names import person_key
from analyzers.nlp import build_nlp
from analyzers.record import Analysis, Entity, StanceLabel
from analyzers.stance_eval import report
from benchmarks.shared_data import DEFAULT_SHARED
from config.settings import Settings

GOLD: dict[str, StanceLabel] = {
    "Positive": "positive",
    "Neutral": "neutral",
    "Negative": "negative",
}


@dataclass(frozen=True)
class PersentDocument:
    title: str
    target: str
    text: str
    label: StanceLabel


def read_persent(path: Path) -> Iterator[PersentDocument]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            yield PersentDocument(
                title=row["TITLE"].strip(),
                target=row["TARGET_ENTITY"].strip(),
                text=row["DOCUMENT"],
                label=GOLD[row["TRUE_SENTIMENT"].strip()],
            )


def target_entity(analysis: Analysis, target: str) -> Entity | None:
    """The entity newsbot lists for ``target``: the same name or an alias, else the one whose
    name ends with the target's surname (PerSenT names "Rafael Nadal", the text "Nadal")."""
    wanted = person_key(target)
    for entity in analysis.entities:
        if any(person_key(name) == wanted for name in [entity.name, *entity.aliases]):
            return entity
    if not wanted:
        return None
    for entity in analysis.entities:
        keys = [person_key(name) for name in [entity.name, *entity.aliases]]
        if any(key and key[-1] == wanted[-1] for key in keys):
            return entity
    return None


def predicted_label(analysis: Analysis, target: str) -> StanceLabel:
    entity = target_entity(analysis, target)
    return entity.stance.label if entity is not None else "neutral"


def majority_baseline(gold: Sequence[StanceLabel]) -> float:
    majority = max(set(gold), key=list(gold).count)
    return report(gold, [majority] * len(gold), 0.0).macro_f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    path = args.shared / "persent" / "dev.csv"
    if not path.is_file():
        print(f"no PerSenT dev set at {path} (is ../shared there?)", file=sys.stderr)
        return 2
    documents = list(read_persent(path))[: args.limit or None]
    nlp = build_nlp(Settings().spacy_model)
    gold: list[StanceLabel] = []
    predicted: list[StanceLabel] = []
    missing = 0
    started = time.perf_counter()
    for document in documents:
        article = Article(title=document.title, text=document.text)
        analysis = analyze_article(nlp, article, max_chars=100_000, analyzer_version="bench")
        missing += target_entity(analysis, document.target) is None
        gold.append(document.label)
        predicted.append(predicted_label(analysis, document.target))
    result = report(gold, predicted, time.perf_counter() - started)
    print(f"PerSenT dev: {len(documents)} documents, target not found in {missing}")
    print("\n".join(result.lines()[:-2]))
    print(f"seconds={result.seconds:.1f}")
    print(f"macro-F1 {result.macro_f1:.3f} (majority class alone {majority_baseline(gold):.3f})")
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    print(f"accuracy {accuracy:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
