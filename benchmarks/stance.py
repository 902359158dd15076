"""Macro-F1 of the stance scorer on NewsMTSC's dev splits (per target, as the benchmark scores).

Run ``python -m benchmarks.stance [--shared PATH]`` from the repository root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy

from analyzers.lexicon import make_lexicon_scorer
from analyzers.stance import DEFAULT_NEUTRAL_BAND
from analyzers.stance_eval import evaluate, gold_labels, parse_mentions, read_newsmtsc
from config.settings import Settings

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SPLITS = ("dev-rw", "dev-mt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    folder = args.shared / "newsmtsc"
    if not folder.is_dir():
        print(f"no NewsMTSC data under {folder} (is ../shared there?)", file=sys.stderr)
        return 2
    nlp = spacy.load(Settings().spacy_model)
    scorer = make_lexicon_scorer()
    for split in SPLITS:
        examples = read_newsmtsc(folder / f"{split}.jsonl")
        mentions = parse_mentions(nlp, examples)
        report = evaluate(scorer, mentions, gold_labels(examples), DEFAULT_NEUTRAL_BAND)
        print(f"== {split} ({scorer.name}, neutral band {DEFAULT_NEUTRAL_BAND})")
        print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
