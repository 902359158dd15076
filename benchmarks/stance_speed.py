"""Targets per second of the shipped stance model on CPU (2 threads by default).

Run ``python -m benchmarks.stance_speed [--shared PATH] [--threads 2] [--rounds 5]`` from the
repository root. It scores every target of NewsMTSC dev-rw and dev-mt (raw sentences and
character spans: tokenisation, marker insertion, batching and ONNX Runtime, not spaCy) in
several rounds and reports the best and median rate; the machine is shared and noisy, so the
best round is the figure that says what the model can do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from analyzers.nlp.onnx_scorer import OnnxScorer
from analyzers.nlp.scorer_names import DEFAULT_MODEL_DIR, MODEL_FILE
from benchmarks.shared_data import DEFAULT_SHARED
from evaluation.stance import read_newsmtsc

SPLITS = ("dev-rw", "dev-mt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = args.shared / "newsmtsc"
    if not folder.is_dir():
        print(f"no NewsMTSC data under {folder} (is ../shared there?)", file=sys.stderr)
        return 2
    items = [
        (e.sentence, e.start, e.end)
        for split in SPLITS
        for e in read_newsmtsc(folder / f"{split}.jsonl")
    ]
    scorer = OnnxScorer(args.model_dir, threads=args.threads)
    scorer.probabilities_of(items[:64])  # warm-up
    rates = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        scorer.probabilities_of(items)
        rates.append(len(items) / (time.perf_counter() - started))
    size = (args.model_dir / MODEL_FILE).stat().st_size / 1e6
    print(f"model={scorer.name} ({size:.1f} MB) threads={args.threads} targets={len(items)}")
    print(f"targets/s best={max(rates):.0f} median={statistics.median(rates):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
