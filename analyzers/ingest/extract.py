"""Article body and metadata out of a web page, with trafilatura.

Why trafilatura: it is the best open-source extractor on the Scrapinghub article-extraction
benchmark (F1 0.958 there; see ``benchmarks/extraction.py`` for our own figure) and it also reads
title, author, date and site name. What it leaves out, this module reads from the page itself:
the canonical URL, the declared language, the headline (`analyzers.ingest.page_title`) and the
section/genre words ("Opinion", "Editorial", categories, tags) that later help tell opinion from
news (`analyzers.ingest.page_labels`).

The trafilatura options were chosen by measurement on the benchmark pages (``python -m
benchmarks.extraction``); see ``_run_trafilatura``.
"""

from __future__ import annotations

import itertools
import re

import trafilatura
from trafilatura.settings import Document, set_date_params

from analyzers.article import Article
from analyzers.errors import EmptyInput, InvalidSource, NotAnArticle, NotEnglish
from analyzers.ingest.headline import split_genre_prefix
from analyzers.ingest.language import is_english, resolve_language
from analyzers.ingest.links import WebLink, link_or_none, parse_link
from analyzers.ingest.page_labels import page_labels
from analyzers.ingest.page_meta import HtmlTree
from analyzers.ingest.page_site import page_site_names
from analyzers.ingest.page_title import page_title
from analyzers.ingest.publisher import publisher_name
from analyzers.ingest.safe_text import bounded_prose, clean_text

# Under ~40 words a "body" is a teaser, a video caption, an error or cookie notice or a list of
# links: the shortest real news briefs in the benchmark run to 70+ words, and the analysis needs
# a few sentences about someone to say anything.
MIN_WORDS = 40
MAX_ELEMENTS = 12_000

_NO_ARTICLE = "No article text was found on the page."
# Elements that never hold article text; scripts go too, but for JSON-LD (read for metadata).
_NEVER_TEXT = (
    "//svg | //math | //noscript | //template | //style | //iframe | //canvas | //object"
    " | //script[not(contains(@type, 'ld+json'))]"
)


def extract_html(
    html: str | bytes, url: str | None = None, *, english_only: bool = True
) -> Article:
    """The article on ``html`` (fetched from ``url``, when known).

    Raises EmptyInput for an empty document, NotAnArticle when no body of at least
    ``MIN_WORDS`` words is found, and NotEnglish when the body is not English (unless
    ``english_only`` is False, as in the extraction benchmark).
    """
    if isinstance(html, str):
        html = clean_text(html)
    if not html.strip():
        raise EmptyInput("The page is empty.")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NotAnArticle(_NO_ARTICLE)
    doc = _run_trafilatura(_bounded_tree(tree), url)
    text = _clean_body(doc.text if doc else None, doc.title if doc else None)
    if doc is None or not text:
        raise NotAnArticle(_NO_ARTICLE)
    declared = _declared_language(tree)
    language = resolve_language(text, declared)
    if english_only and not is_english(text, declared):
        raise NotEnglish(
            f"The article is not in English ({language or 'unknown language'}).", language
        )
    if len(text.split()) < MIN_WORDS:
        raise NotAnArticle(_NO_ARTICLE)
    return _article(doc, tree, text, url, language)


def _bounded_tree(tree: HtmlTree) -> HtmlTree:
    """The page without what never holds article text, and cut after `MAX_ELEMENTS`.

    Parts of trafilatura (and the libxml2 XPath queries it runs) take time growing with the
    square of the number of elements: 20,000 links in one paragraph took 6 s, and a 5 MB page
    can hold 250,000 elements. Real article pages hold a few thousand, most of them in
    scripts, icons and menus; what lies beyond the cap in document order is page furniture
    (footers, comment threads), so the cut keeps the article.
    """
    for element in tree.xpath(_NEVER_TEXT):
        element.drop_tree()
    cut = next(itertools.islice(tree.iter(), MAX_ELEMENTS, None), None)
    if cut is not None:
        for node in [cut, *cut.iterancestors()]:  # everything after ``cut`` in document order
            for later in list(node.itersiblings()):
                node.getparent().remove(later)
        cut.getparent().remove(cut)
    return tree


def _run_trafilatura(tree: HtmlTree, url: str | None) -> Document | None:
    """trafilatura with the options that measured best.

    Measured on trafilatura's own output over the 60 benchmark pages (F1 as the benchmark
    defines it, see ``benchmarks/extraction.py``): favor_precision 0.966, default 0.958,
    favor_recall 0.956; without tables 0.955 (precision) and 0.948 (default); with ``fast`` (no
    readability/jusText fallbacks) precision drops to 0.950. Most of its gain is one page.
    ``deduplicate`` stays off: its cache is shared across documents, so it would drop
    paragraphs an earlier article happened to contain.
    Precision is also what the later analysis needs: a stray "related stories" headline adds
    people and organisations the article is not about. Dates come from the page's markup only:
    the extensive search guesses "1 January" of a footer's copyright year, and no date is better
    than a wrong one (on the benchmark pages it changed one date out of 60).
    """
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    return doc if isinstance(doc, Document) else None


def _article(
    doc: Document, tree: HtmlTree, text: str, url: str | None, language: str | None
) -> Article:
    canonical = _canonical_url(tree, url)
    canonical_link = link_or_none(canonical) if canonical else None
    host = doc.hostname or (canonical_link.host if canonical_link else None)
    labels = page_labels(doc, tree)
    names = page_site_names(doc, tree)
    site = publisher_name(names, host, labels)
    title = page_title(doc, tree, [*names, *([site] if site else [])], host, labels)
    return Article(
        text=text,
        title=_plain(title),
        site=_plain(site),
        author=_plain(doc.author),
        published=_plain(doc.date),
        language=language,
        url=url,
        canonical_url=canonical,
        labels=tuple(clean_text(label) for label in labels),
    )


def _plain(value: str | None) -> str | None:
    """A metadata field as safe text (entities in the page may decode to control characters)."""
    return bounded_prose(clean_text(value)).strip() or None if value else None


def _clean_body(text: str | None, title: str | None) -> str:
    """One paragraph a line; no blank or ruler lines, no headline repeated on top; safe text
    (see `analyzers.ingest.safe_text`)."""
    safe = bounded_prose(clean_text(text or ""))
    lines = [re.sub(r"\s+", " ", line).strip() for line in safe.splitlines()]
    lines = [line for line in lines if re.search(r"[^\W_]", line)]  # not "|---|---|" either
    headlines = {t.casefold() for t in (title, *split_genre_prefix(title or "")) if t}
    if lines and lines[0].casefold() in headlines:
        lines = lines[1:]
    return "\n".join(lines)


def _declared_language(tree: HtmlTree) -> str | None:
    """What the page says its language is: ``<html lang>``, then content-language metadata."""
    candidates = [
        tree.get("lang"),
        tree.get("xml:lang"),
        *tree.xpath(
            '//meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")'
            '="content-language"]/@content'
        ),
        *tree.xpath('//meta[@property="og:locale" or @name="language"]/@content'),
    ]
    return next((str(c).strip() for c in candidates if c and str(c).strip()), None)


def _canonical_url(tree: HtmlTree, url: str | None) -> str | None:
    """``<link rel=canonical>`` or ``og:url``, made absolute against ``url``."""
    hrefs = [
        *(
            link.get("href", "")
            for link in tree.iterfind(".//link[@rel][@href]")
            if "canonical" in link.get("rel", "").lower().split()
        ),
        *tree.xpath('//meta[@property="og:url"]/@content'),
    ]
    base = link_or_none(url) if url else None
    for href in hrefs:
        link = _absolute_link(str(href), base)
        if link is not None:
            return str(link)
    return None


def _absolute_link(href: str, base: WebLink | None) -> WebLink | None:
    """``href`` made absolute against the page's own link; None when it is not a sound link
    (a page's metadata is the site's word, not worth failing the analysis over)."""
    try:
        return base.join(href, what="The canonical link") if base else parse_link(href)
    except InvalidSource:
        return None
