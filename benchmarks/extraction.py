"""How well ``extract_html`` finds article bodies, scored as the Scrapinghub benchmark scores them.

Run ``python -m benchmarks.extraction [--shared PATH] [--json]`` from the repository root. It
extracts every page of ``<shared>/articles/html/*.html.gz`` and compares the body with
``ground-truth.json``'s ``articleBody``, exactly as the article-extraction-benchmark's
``evaluate.py`` does, so the figures compare with the published ones (trafilatura 2.0: 0.958):

* tokens are ``\\w+`` runs, case kept; shingles are 4 consecutive tokens (a text shorter than
  that is one shingle), counted as multisets;
* per page, TP/FP/FN are shingle counts normalised to sum to 1, so long pages weigh no more;
* precision is averaged over pages with a prediction, recall over pages with a truth, and F1 is
  the harmonic mean of those two means; ``±`` is 1.96 bootstrap standard deviations.

A page whose extraction raises is an empty prediction: it scores recall 0 and, as in
``evaluate.py``, drops out of the precision mean. The mean of per-page F1 (failures 0) is printed
too, as the stricter figure. The language gate is off here: the benchmark has Korean, Russian,
German... pages, and what is measured is extraction; the pages the bot would refuse as not
English are listed instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from analyzers.ingest.extract import extract_html
from analyzers.ingest.language import is_english
from benchmarks.shared_data import DEFAULT_SHARED

SHINGLE = 4
N_BOOTSTRAP = 1000
_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """One page: normalised TP/FP/FN, its own P/R/F1, time taken and any error."""

    page: str
    tp: float
    fp: float
    fn: float
    precision: float
    recall: float
    f1: float
    ms: float
    error: str | None = None
    english: bool = True
    language: str | None = None


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a text of fewer tokens is a single shingle."""
    tokens = _TOKEN_RE.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle TP/FP/FN between truth and prediction, normalised to sum to 1 (or all 0)."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark means: precision over pages with a prediction, recall over pages with a truth."""
    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": harmonic(p, r)}


def bootstrap(counts: list[tuple[float, float, float]], rounds: int) -> dict[str, float]:
    """1.96 standard deviations of each metric over resamples of the pages."""
    rng = random.Random(0)
    samples = [aggregate(rng.choices(counts, k=len(counts))) for _ in range(rounds)]
    return {k: 1.96 * statistics.stdev(s[k] for s in samples) for k in samples[0]}


def score_page(path: Path, truth: str, url: str | None) -> PageScore:
    """Extract one page (timed) and score it against its truth."""
    html = gzip.decompress(path.read_bytes())
    start = time.perf_counter()
    error: str | None = None
    pred, language = "", None
    try:
        article = extract_html(html, url, english_only=False)
        pred, language = article.text, article.language
    except Exception as exc:  # a crash is scored as an empty prediction, not a stopped run
        error = f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - start) * 1000
    counts = tp_fp_fn(truth, pred)
    p, r = precision(*counts), recall(*counts)
    page = path.name.removesuffix(".html.gz")
    english = is_english(pred, language)  # as extract_html's gate decides
    return PageScore(page, *counts, p, r, harmonic(p, r), ms, error, english, language)


def run(shared: Path) -> list[PageScore]:
    articles = shared / "articles"
    truth = json.loads((articles / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for page, item in sorted(truth.items()):
        path = articles / "html" / f"{page}.html.gz"
        scores.append(score_page(path, item.get("articleBody", ""), item.get("url")))
    return scores


def summary(scores: list[PageScore]) -> dict[str, float]:
    counts = [(s.tp, s.fp, s.fn) for s in scores]
    result = aggregate(counts)
    result |= {f"{k}_ci": v for k, v in bootstrap(counts, N_BOOTSTRAP).items()}
    result["mean_page_f1"] = statistics.mean(s.f1 for s in scores)
    result["ms_per_page"] = statistics.mean(s.ms for s in scores)
    result["pages"] = len(scores)
    result["failures"] = sum(s.error is not None for s in scores)
    refused = (0.0, 0.0, 1.0)  # an empty prediction against a non-empty truth
    gated = [(s.tp, s.fp, s.fn) if s.english else refused for s in scores]
    result["refused_not_english"] = sum(not s.english for s in scores)
    result["f1_with_language_gate"] = aggregate(gated)["f1"]
    result["f1_english_pages"] = aggregate(
        [c for c, s in zip(counts, scores, strict=True) if s.english]
    )["f1"]
    return result


def print_table(scores: list[PageScore], result: dict[str, float]) -> None:
    print(f"{'page':<16} {'P':>6} {'R':>6} {'F1':>6} {'ms':>7}  note")
    for s in scores:
        note = s.error or ("" if s.english else f"{s.language}: the bot would refuse it")
        print(
            f"{s.page[:16]:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.ms:7.1f}  {note}"
        )
    print(
        f"\n{int(result['pages'])} pages, {int(result['failures'])} failed  "
        f"precision={result['precision']:.3f} ± {result['precision_ci']:.3f}  "
        f"recall={result['recall']:.3f} ± {result['recall_ci']:.3f}  "
        f"F1={result['f1']:.3f} ± {result['f1_ci']:.3f}  "
        f"(mean page F1 {result['mean_page_f1']:.3f})  {result['ms_per_page']:.1f} ms/page\n"
        f"With the English-only gate on, the {int(result['refused_not_english'])} refused pages "
        f"count as empty: F1={result['f1_with_language_gate']:.3f}; "
        f"the English pages alone: F1={result['f1_english_pages']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data dir")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not (args.shared / "articles" / "ground-truth.json").is_file():
        print(
            f"error: no benchmark data at {args.shared}/articles (pass --shared)", file=sys.stderr
        )
        return 2
    scores = run(args.shared)
    result = summary(scores)
    if args.json:
        print(json.dumps({"summary": result, "pages": [asdict(s) for s in scores]}, indent=2))
    else:
        print_table(scores, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
