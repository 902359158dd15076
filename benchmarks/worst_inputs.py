"""The worst inputs found for one analysis, each at the size caps: CPU seconds and outcome.

Run ``python -m benchmarks.worst_inputs [--shared PATH] [--only NAME...]`` from the repository
root. Each input goes through newsbot's whole pipeline as a paste (``newsbot analyze -``) or a
saved page (``newsbot analyze page.html``): safe text, extraction, the spaCy pipeline, entities,
stance and the record, without the cache. Pastes are made the size of the analysis cap
(``NEWSBOT_MAX_TEXT_CHARS``, 100,000 characters); pages the size of the fetch cap (5 MB).
CPU is the process's user + system time (all threads: ONNX Runtime uses two), so it is the
work the input costs whatever the machine is doing. For comparison it also runs raw spaCy on a
long real article of the same size (the cost of the model itself at the cap) and, in the same
run, on the first 4,000 characters of the long-run inputs (spaCy alone grows with the square
of such a run). The bar: no input takes more than 10 s of CPU.
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import spacy

from analyzers.errors import NewsbotError
from analyzers.ingest.extract import extract_html
from benchmarks.shared_data import DEFAULT_SHARED
from bot.pipeline import Pipeline
from bot.services import build_pipeline
from bot.sources import HtmlSource, TextSource
from config.settings import Settings

BAR_SECONDS = 10.0
PAGE_BYTES = 5_000_000
PROSE = (
    "The minister said the plan would fail, and the union criticised Acme Corp in London. "
    "President Xi Jinping met Joe Biden and Vladimir Putin in Beijing, where Xi praised the deal. "
)
FIRST = "John Mary Ahmed Li Olga Pierre Ana Kwame Sven Yuki Raj Fatima Carlos Ingrid Tomasz".split()
LAST = "Smith Garcia Chen Okafor Ivanova Dubois Ruiz Mensah Larsen Tanaka Patel Haddad".split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--only", nargs="*", help="run only these inputs")
    args = parser.parse_args()
    settings = Settings()
    cap = settings.max_text_chars
    real = _real_prose(args.shared, cap)
    inputs = {**_pastes(cap, real), **_pages(PAGE_BYTES)}
    if args.only:
        inputs = {name: make for name, make in inputs.items() if name in args.only}

    pipeline = build_pipeline(settings, cache=None)
    pipeline.nlp  # noqa: B018  (load the models before timing)
    raw = spacy.load(settings.spacy_model)
    print(f"{'input':24} {'size':>9} {'CPU s':>7} {'wall s':>7}  outcome")
    worst = 0.0
    for name, make in inputs.items():
        source = make()
        size = len(source.text if isinstance(source, TextSource) else source.html)
        cpu, wall, outcome = _measure(partial(_analyze, pipeline, source))
        worst = max(worst, cpu)
        print(f"{name:24} {size:>9,} {cpu:>7.2f} {wall:>7.2f}  {outcome}", flush=True)
    if real:
        cpu, _, _ = _measure(lambda: raw(real))
        print(f"\nraw spaCy, real prose {len(real):,} chars: {cpu:.2f} s CPU")
    for name in ("bang_run", "quote_run", "emoji_run"):
        head = _pastes(cap, real)[name]().text[:4000]
        cpu, _, _ = _measure(partial(raw, head))
        print(f"raw spaCy, first 4,000 chars of {name}: {cpu:.2f} s CPU")
    verdict = "within" if worst <= BAR_SECONDS else "OVER"
    print(f"\nworst input: {worst:.2f} s CPU, {verdict} the {BAR_SECONDS:g} s bar")
    return 0 if worst <= BAR_SECONDS else 1


def _analyze(pipeline: Pipeline, source: TextSource | HtmlSource) -> str:
    try:
        analysis = pipeline.analyze(source)
    except NewsbotError as exc:
        return f"{type(exc).__name__}: {exc}"[:90]
    return f"analysed: {len(analysis.entities)} entities, {analysis.word_count:,} words"


def _measure(work: Callable[[], object]) -> tuple[float, float, str]:
    before, started = _cpu_seconds(), time.perf_counter()
    outcome = work()
    return _cpu_seconds() - before, time.perf_counter() - started, str(outcome)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(len(unit), 1) + 1))[:size]


Input = Callable[[], TextSource | HtmlSource]


def _paste(body: str) -> Callable[[], TextSource]:
    return lambda: TextSource(body, "benchmark")


def _pastes(cap: int, real: str) -> dict[str, Callable[[], TextSource]]:
    lead = PROSE * 3
    rng = random.Random(7)
    names = " ".join(
        f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randint(0, 999)} criticised "
        f"{rng.choice(FIRST)} {rng.choice(LAST)} of Acme{rng.randint(0, 999)} Corp."
        for _ in range(cap // 60)
    )
    return {
        "real_prose": _paste(real or _fill(PROSE, cap)),
        "bang_run": _paste(lead + _fill("!", cap - len(lead))),
        "quote_run": _paste(lead + _fill('"', cap - len(lead))),
        "paren_run": _paste(lead + _fill("(", cap - len(lead))),
        "emoji_run": _paste(lead + _fill("\U0001f600", cap - len(lead))),
        "mixed_marks_run": _paste(lead + _fill("!?'\")", cap - len(lead))),
        "marks_words": _paste(lead + _fill("wow!?!?!?!?!?!?!? ", cap - len(lead))),
        "one_sentence": _paste(lead + _fill("the minister and the union and Acme Corp and ", cap)),
        "same_names": _paste(_fill(PROSE, cap)),
        "distinct_names": _paste(names[:cap]),
        "one_long_word": _paste(lead + _fill("a", cap - len(lead))),
        "colon_chain": _paste(lead + _fill("a:", cap - len(lead))),
        "short_lines": _paste(lead + "\n" + _fill("Menu item\n", cap - len(lead))),
        "control_chars": _paste(_fill("A\x1b[31mred\x00\ud83d word\u202e. ", cap)),
        "combining_marks": _paste(lead + _fill("e\u0301\u0301\u0301\u0301 ", cap - len(lead))),
        "bang_paste_5mb": _paste(lead + _fill("!", PAGE_BYTES)),
    }


def _page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>A headline for the benchmark</title>{head}</head>"
        f"<body><article><h1>A headline for the benchmark</h1>{body}</article></body></html>"
    )


def _html(html: str) -> Input:
    return lambda: HtmlSource(html, "benchmark.html")


def _pages(size: int) -> dict[str, Input]:
    prose = "<p>" + PROSE * 4 + "</p>"
    return {
        "page_links_in_one_p": _html(_page("<p>" + _fill("<a href='/x'>word</a> ", size) + "</p>")),
        "page_links_in_ps": _html(_page(_fill("<p>" + "<a href='/x'>w</a> " * 100 + "</p>", size))),
        "page_spans": _html(_page(prose + _fill("<p>" + "<span>x</span>y" * 50 + "</p>", size))),
        "page_prose": _html(_page(_fill(prose, size))),
        "page_one_paragraph": _html(_page("<p>" + _fill(PROSE, size) + "</p>")),
        "page_nested": _html(_page("<div>" * (size // 12) + prose + "</div>" * (size // 12))),
        "page_table": _html(_page(f"{prose}<table>{_fill('<tr><td>a</td></tr>', size)}</table>")),
        "page_bang": _html(_page(prose + "<p>" + _fill("!", size) + "</p>")),
        "page_deep_json_ld": _html(
            _page(prose, f'<script type="application/ld+json">{"[" * (size // 2)}</script>')
        ),
        "page_svg_icons": _html(_page(prose + _fill("<svg><path d='M0 0'/></svg>", size))),
    }


def _real_prose(shared: Path, cap: int) -> str:
    """Real article bodies from the shared pages, joined up to ``cap`` characters."""
    bodies: list[str] = []
    for page in sorted((shared / "articles" / "html").glob("*.html.gz")):
        try:
            bodies.append(extract_html(gzip.decompress(page.read_bytes())).text)
        except NewsbotError:
            continue
        if sum(map(len, bodies)) >= cap:
            break
    if not bodies:
        print(f"no pages under {shared}/articles/html: real prose replaced", file=sys.stderr)
    return "\n".join(bodies)[:cap]


if __name__ == "__main__":
    sys.exit(main())
