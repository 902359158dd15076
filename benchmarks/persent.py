"""How newsbot's entity label matches the author's portrayal on PerSenT dev: macro-F1, the
precision and recall of each class and the confusion matrix, beside the majority class.

Run ``python -m benchmarks.persent [--shared PATH] [--limit N]`` from the repository root.
Each document goes through the whole analysis (title + text, as a pasted article would); the
annotated main entity is found among newsbot's entities by name or alias, and its label read
(favourable = Positive, critical = Negative). A target newsbot did not list counts as neutral.

With ``--cv``, the news cut-offs of `analyzers.nlp.portrayal` are also chosen by 5-fold
cross-validation (three shuffles) over a grid, from the same scored mentions: the figure to
compare with the shipped cut-offs, which were chosen that way.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from analyzers.article import Article
from analyzers.nlp.analysis import analysed_doc
from analyzers.nlp.entities import EntityCluster
from analyzers.nlp.names import person_key
from analyzers.nlp.pipeline import build_nlp
from analyzers.nlp.portrayal import Cutoffs, ScoredMention, cutoffs_for, portray
from analyzers.record import StanceLabel
from benchmarks.shared_data import DEFAULT_SHARED
from config.settings import Settings
from evaluation.stance import StanceReport, report

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


@dataclass(frozen=True)
class Judged:
    """What newsbot made of one document's target: its label as shipped, the mentions it was
    decided on and the genre (whose cut-offs applied)."""

    label: StanceLabel
    scored: list[ScoredMention]
    kind: str
    found: bool


def analysed_entities(nlp: Language, article: Article) -> tuple[list[EntityCluster], str]:
    """The article's entity clusters after the whole pipeline, as `analyze_article` runs it,
    and its kind."""
    doc, verdict = analysed_doc(nlp, article, article.text)
    entities: list[EntityCluster] = doc._.newsbot_entities or []
    return entities, verdict.kind


def target_entity(entities: Sequence[EntityCluster], target: str) -> EntityCluster | None:
    """The entity newsbot lists for ``target``: the same name or an alias, else the one whose
    name ends with the target's surname (PerSenT names "Rafael Nadal", the text "Nadal")."""
    wanted = person_key(target)
    for entity in entities:
        if any(person_key(name) == wanted for name in [entity.name, *entity.aliases]):
            return entity
    if not wanted:
        return None
    for entity in entities:
        keys = [person_key(name) for name in [entity.name, *entity.aliases]]
        if any(key and key[-1] == wanted[-1] for key in keys):
            return entity
    return None


def judge(nlp: Language, document: PersentDocument) -> Judged:
    article = Article(title=document.title, text=document.text)
    entities, kind = analysed_entities(nlp, article)
    entity = target_entity(entities, document.target)
    if entity is None or entity.stance is None:
        return Judged("neutral", [], kind, found=entity is not None)
    return Judged(entity.stance.label, entity.scored, kind, found=True)


def relabel(judged: Judged, news: Cutoffs) -> StanceLabel:
    """The label under other news cut-offs (opinion pieces keep theirs)."""
    if not judged.found or not judged.scored:
        return "neutral"
    cutoffs = news if judged.kind != "opinion" else cutoffs_for("opinion")
    return portray(judged.scored, cutoffs).label


def majority_baseline(gold: Sequence[StanceLabel]) -> float:
    majority = max(set(gold), key=list(gold).count)
    return report(gold, [majority] * len(gold), 0.0).macro_f1


def cross_validated(judged: Sequence[Judged], gold: Sequence[StanceLabel]) -> list[str]:
    """Macro-F1 and class precision/recall with the news cut-offs chosen on 4 folds and
    scored on the fifth, for three shuffles."""
    grid = [x / 40 for x in range(0, 29)]  # 0 .. 0.7 by 0.025
    labels = {
        (c, f): [relabel(j, Cutoffs(critical=c, favourable=f)) for j in judged]
        for c in grid
        for f in grid
    }
    lines = []
    for seed in range(3):
        order = list(range(len(gold)))
        random.Random(seed).shuffle(order)
        folds = [order[k::5] for k in range(5)]
        predicted: list[StanceLabel] = ["neutral"] * len(gold)
        for k, test in enumerate(folds):
            train = [i for j, fold in enumerate(folds) if j != k for i in fold]
            best = max(labels, key=lambda key: _macro_f1(labels[key], gold, train))
            for i in test:
                predicted[i] = labels[best][i]
        result = report(gold, predicted, 0.0)
        lines.append(f"CV shuffle {seed}: {_summary(result)}")
    return lines


def _macro_f1(
    predicted: Sequence[StanceLabel], gold: Sequence[StanceLabel], rows: Sequence[int]
) -> float:
    return report([gold[i] for i in rows], [predicted[i] for i in rows], 0.0).macro_f1


def _summary(result: StanceReport) -> str:
    critical, favourable = result.per_class["negative"], result.per_class["positive"]
    return (
        f"macro-F1 {result.macro_f1:.3f}; critical P {critical.precision:.2f}"
        f" R {critical.recall:.2f}; favourable P {favourable.precision:.2f}"
        f" R {favourable.recall:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--cv", action="store_true", help="also cross-validate the cut-offs")
    args = parser.parse_args()
    path = args.shared / "persent" / "dev.csv"
    if not path.is_file():
        print(f"no PerSenT dev set at {path} (is ../shared there?)", file=sys.stderr)
        return 2
    documents = list(read_persent(path))[: args.limit or None]
    nlp = build_nlp(Settings().spacy_model)
    started = time.perf_counter()
    judged = [judge(nlp, document) for document in documents]
    gold = [document.label for document in documents]
    result = report(gold, [j.label for j in judged], time.perf_counter() - started)
    missing = sum(not j.found for j in judged)
    print(f"PerSenT dev: {len(documents)} documents, target not found in {missing}")
    print("\n".join(result.lines()[:-2]))
    print(f"seconds={result.seconds:.1f}")
    print(f"as shipped: {_summary(result)}")
    print(f"majority class alone: macro-F1 {majority_baseline(gold):.3f}")
    if args.cv:
        print("\n".join(cross_validated(judged, gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
