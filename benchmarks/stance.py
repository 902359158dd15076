"""Macro-F1 of the stance scorers on NewsMTSC's dev splits (per target, as the benchmark
scores): the lexicon and the trained model side by side.

Run ``python -m benchmarks.stance [--shared PATH]`` from the repository root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy

from analyzers.nlp.lexicon import make_lexicon_scorer
from analyzers.nlp.mention import MentionScorer
from analyzers.nlp.onnx_scorer import load_scorer
from analyzers.nlp.scorer_names import DEFAULT_MODEL_DIR
from analyzers.nlp.stance import DEFAULT_NEUTRAL_BAND
from benchmarks.shared_data import DEFAULT_SHARED
from config.settings import Settings
from evaluation.stance import (
    StanceReport,
    evaluate,
    gold_labels,
    parse_mentions,
    read_newsmtsc,
)

SPLITS = ("dev-rw", "dev-mt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--model-dir", type=Path, default=None, help="stance model folder")
    args = parser.parse_args()
    folder = args.shared / "newsmtsc"
    if not folder.is_dir():
        print(f"no NewsMTSC data under {folder} (is ../shared there?)", file=sys.stderr)
        return 2
    settings = Settings()
    nlp = spacy.load(settings.spacy_model)
    model_dir = args.model_dir or settings.stance_model
    scorers: list[MentionScorer] = [make_lexicon_scorer()]
    scorers.append(load_scorer(model_dir or DEFAULT_MODEL_DIR))  # the lexicon if it fails
    summary: dict[str, dict[str, StanceReport]] = {}
    for split in SPLITS:
        examples = read_newsmtsc(folder / f"{split}.jsonl")
        mentions = parse_mentions(nlp, examples)
        for scorer in scorers:
            report = evaluate(scorer, mentions, gold_labels(examples), DEFAULT_NEUTRAL_BAND)
            summary.setdefault(scorer.name, {})[split] = report
            print(f"== {split} ({scorer.name}, neutral band {DEFAULT_NEUTRAL_BAND})")
            print("\n".join(report.lines()))
    print(f"\n{'scorer':<28}" + "".join(f"{s + ' F1m':>14}" for s in SPLITS))
    for name, reports in summary.items():
        print(f"{name:<28}" + "".join(f"{reports[s].macro_f1:>14.3f}" for s in SPLITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
