"""Property tests over everything that takes outside input: whatever a person pastes or a page
holds, the only exceptions are newsbot's own documented errors, what comes out is safe text,
and each call ends within its budget (a hypothesis deadline far below what the slow paths
found in the probe cost: 20,000 "!" took 67 s of CPU)."""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from analyzers.article import Article
from analyzers.errors import NewsbotError
from analyzers.ingest.extract import extract_html
from analyzers.ingest.links import parse_link
from analyzers.ingest.pasted import extract_pasted
from bot.pipeline import Pipeline
from bot.services import make_fetcher
from bot.sources import TextSource
from config.settings import Settings

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
PROSE = (
    "The minister said the plan would fail.",
    "President Xi Jinping met Joe Biden in Beijing on Tuesday.",
    "Critics of Acme Corp accused the company of ignoring the union.",
    "“This is a disaster,” said Ana Ruiz, the mayor of Port Alder.",
)
HOSTILE_PIECES = (
    "\x1b[31m",
    "\x1b]0;PWNED\x07",
    "\x00",
    "\ud83d",
    "\u202e",
    "\r",
    "http://[::1/x",
    "http://127.0.0.1:99999/x",
    "<|>",
    "&#27;",
)
BAD_LINKS = (
    "http://[::1",
    "http://[::1/x",
    "http://127.0.0.1:99999/x",
    "http://news.example:-1/",
    "//[::1]:99999/",
    "https:///path",
    "javascript:alert(1)",
    "http://\ud83d.example/",
    "http://ex\x00ample.com/",
    "http://[v1.x]/",
)
# One mark repeated, a mix of marks, emoji: spaCy's tokenizer alone grows with the square of
# such a run's length.
RUN_UNITS = ("!", '"', "(", "?!", "\U0001f600", "'\")", "a:", "-", "\u0301", "x")


def runs(shortest: int = 1, longest: int = 12_000) -> st.SearchStrategy[str]:
    lengths = st.integers(shortest, longest)
    return st.builds(lambda unit, n: unit * n, st.sampled_from(RUN_UNITS), lengths)


def hostile_text() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(PROSE), st.sampled_from(HOSTILE_PIECES), runs(), st.text(max_size=80)
    )
    separator = st.sampled_from([" ", "\n", "\n\n", ""])
    return st.lists(st.tuples(piece, separator), max_size=25).map(
        lambda parts: "".join(text + sep for text, sep in parts)
    )


def html_page() -> st.SearchStrategy[str]:
    """Metadata with hostile values (malformed links, JSON-LD nested thousands deep) around an
    article long enough to be extracted, so that the metadata is read; hostile bodies too."""
    link = st.one_of(st.sampled_from(BAD_LINKS), st.text(max_size=30))
    link_element = st.builds(
        str.format,
        st.sampled_from(
            [
                '<link rel="canonical" href="{}">',
                '<meta property="og:url" content="{}">',
                '<base href="{}">',
            ]
        ),
        link,
    )
    value = st.one_of(
        st.sampled_from(HOSTILE_PIECES),
        st.text(max_size=30),
        st.integers(1, 5000).map(lambda n: "[" * n + "]" * n),
    )
    meta_element = st.builds(
        str.format,
        st.sampled_from(
            [
                '<meta property="og:site_name" content="{}">',
                '<meta property="article:section" content="{}">',
                "<title>{}</title>",
                '<script type="application/ld+json">{}</script>',
            ]
        ),
        value,
    )
    head_element = st.one_of(link_element, meta_element)
    body_element = st.one_of(
        hostile_text().map(lambda text: f"<p>{text}</p>"),
        st.integers(1, 3000).map(lambda n: "<div>" * n),
        st.integers(1, 3000).map(lambda n: "<a href='/x'>w</a> " * n),
    )
    article = "<article><p>" + " ".join(PROSE * 4) + "</p></article>"
    return st.builds(
        lambda head, body, at: (
            f"<html><head>{''.join(head)}</head><body>"
            f"{''.join(body[:at])}{article}{''.join(body[at:])}</body></html>"
        ),
        st.lists(head_element, min_size=1, max_size=5),
        st.lists(body_element, max_size=6),
        st.integers(0, 6),
    )


def assert_safe(article: Article) -> None:
    for value in (article.text, article.title, article.site, article.author, *article.labels):
        assert value is None or not UNSAFE.search(value)
    if article.canonical_url is not None:
        parse_link(article.canonical_url)


@settings(max_examples=150, deadline=timedelta(seconds=3))
@given(hostile_text())
def test_pasted_text_is_an_article_of_safe_text_or_a_documented_error(text: str) -> None:
    with contextlib.suppress(NewsbotError):
        assert_safe(extract_pasted(text))


@settings(max_examples=150, deadline=timedelta(seconds=5))
@given(html_page(), st.sampled_from([None, "https://news.example/a/b"]))
def test_a_page_is_an_article_of_safe_text_or_a_documented_error(
    html: str, url: str | None
) -> None:
    with contextlib.suppress(NewsbotError):
        assert_safe(extract_html(html, url))


ANALYSIS_BUDGET_SECONDS = 5.0


@pytest.mark.model
@settings(
    max_examples=30,
    deadline=timedelta(seconds=ANALYSIS_BUDGET_SECONDS),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    lead=st.sampled_from(PROSE),
    run=runs(shortest=6_000, longest=20_000),
    rest=hostile_text(),
)
def test_the_whole_analysis_of_any_text_ends_in_a_record_or_a_documented_error(
    nlp: Language, lead: str, run: str, rest: str
) -> None:
    """Every example holds a long run inside a line of prose, where the pasted-text cleaning
    keeps it: unbounded, spaCy's tokenizer alone would spend 8-30 s on it."""
    pipeline = Pipeline(
        make_fetcher=lambda: make_fetcher(Settings()),
        cache=None,
        load_nlp=lambda: nlp,
        analyzer_version="test",
        max_chars=Settings().max_text_chars,
        time_budget=ANALYSIS_BUDGET_SECONDS,
    )
    try:
        analysis = pipeline.analyze(TextSource(f"{lead} {run} {rest}", "test"))
    except NewsbotError:
        return
    finally:
        pipeline.close()
    shown = [analysis.source.title, *(e.name for e in analysis.entities)]
    shown += [line for e in analysis.entities for line in e.stance.evidence]
    assert not any(UNSAFE.search(value) for value in shown if value)
    analysis.to_json().encode("utf-8")
