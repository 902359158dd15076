"""What newsbot's analysis costs on top of spaCy itself, measured on the same articles.

Run ``python -m benchmarks.analysis_speed [--shared PATH] [--rounds N]`` from the repository
root. It extracts the English pages of ``<shared>/articles`` once, then, in alternating rounds,
times (a) the raw spaCy model on each body and (b) newsbot's whole analysis of the same article
(headline + body through the model, entity clustering, stance, kind, the Analysis record).
The machine is noisy, so the figure to read is the ratio of the two within one run, with the
median milliseconds per article for each. Memory is the resident set size after loading each
pipeline and after the runs.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from analyzers.article import Article
from analyzers.errors import InputError
from analyzers.ingest.extract import extract_html
from analyzers.nlp.analysis import analyze_article
from analyzers.nlp.pipeline import build_nlp
from benchmarks.shared_data import DEFAULT_SHARED, article_pages
from config.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = article_pages(args.shared)
    if not pages:
        return 2

    started = time.perf_counter()
    articles = [a for a in (_extract(p) for p in pages) if a is not None]
    extract_ms = (time.perf_counter() - started) * 1000 / len(pages)
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"{len(articles)} English articles of {len(pages)} pages, {words / len(articles):.0f}"
        f" words on average; extraction {extract_ms:.1f} ms/page"
    )

    model = Settings().spacy_model
    rss_start = _rss_mb()
    raw = spacy.load(model)
    rss_raw = _rss_mb()
    ours = build_nlp(model)
    rss_ours = _rss_mb()

    def run_raw(article: Article) -> object:
        return raw(article.text)

    def run_ours(article: Article) -> object:
        return analyze_article(ours, article, max_chars=100_000, analyzer_version="bench")

    for warm in articles[:3]:
        run_raw(warm)
        run_ours(warm)
    raw_ms: list[float] = []
    ours_ms: list[float] = []
    for _ in range(args.rounds):
        raw_ms += _time_each(run_raw, articles)
        ours_ms += _time_each(run_ours, articles)

    raw_median, ours_median = statistics.median(raw_ms), statistics.median(ours_ms)
    print(
        f"raw spaCy ({model}): median {raw_median:.1f} ms/article,"
        f" total {sum(raw_ms) / args.rounds / 1000:.2f} s/round"
    )
    print(
        f"newsbot analysis:   median {ours_median:.1f} ms/article,"
        f" total {sum(ours_ms) / args.rounds / 1000:.2f} s/round"
    )
    print(
        f"ratio newsbot/raw: median {ours_median / raw_median:.2f},"
        f" total {sum(ours_ms) / sum(raw_ms):.2f}"
    )
    print(
        f"RSS: start {rss_start:.0f} MB, +raw model {rss_raw - rss_start:.0f} MB,"
        f" +newsbot pipeline {rss_ours - rss_raw:.0f} MB, after runs {_rss_mb():.0f} MB"
    )
    return 0


def _extract(page: Path) -> Article | None:
    try:
        return extract_html(gzip.decompress(page.read_bytes()))
    except InputError:
        return None


def _time_each(run: Callable[[Article], object], articles: list[Article]) -> list[float]:
    times = []
    for article in articles:
        started = time.perf_counter()
        run(article)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _rss_mb() -> float:
    """Resident set size now (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    sys.exit(main())
