"""Section and genre words a page gives about itself ("Opinion", "Editorial", categories,
tags), which later help tell opinion from news.

They come from the title's genre prefix, JSON-LD types and ``genre``/``articleSection``,
trafilatura's categories and tags, and section metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from trafilatura.settings import Document

from analyzers.ingest.genres import genre_kind
from analyzers.ingest.headline import genre_label, split_genre_prefix
from analyzers.ingest.page_meta import HtmlTree, schema_objects
from analyzers.ingest.page_title import titles

MAX_LABELS = 20
MAX_LABEL_CHARS = 60

_SECTION_META = {
    "article:section",
    "og:section",
    "og:article:section",
    "section",
    "parsely-section",
    "category",
}
# schema.org article types that say what kind of piece this is.
_TYPE_LABELS = {
    "OpinionNewsArticle": "Opinion",
    "AnalysisNewsArticle": "Analysis",
    "BackgroundNewsArticle": "Background",
    "ReviewNewsArticle": "Review",
    "SatiricalArticle": "Satire",
    "AskPublicNewsArticle": "Ask the public",
    "ReportageNewsArticle": "Reportage",
    "ClaimReview": "Fact check",
    "BlogPosting": "Blog",
}


def page_labels(doc: Document, tree: HtmlTree) -> tuple[str, ...]:
    """Section and genre words the page gives about itself, first-seen order, no duplicates."""
    found = [
        *_title_genres(doc, tree),
        *_schema_type_labels(tree),
        *(doc.categories or []),
        *_section_meta(tree),
        *_split_tags(doc.tags or []),
    ]
    seen: dict[str, str] = {}
    for label in found:
        clean = re.sub(r"\s+", " ", label).strip(" ,;|")
        if clean and len(clean) <= MAX_LABEL_CHARS:
            seen.setdefault(clean.casefold(), clean)
    return tuple(seen.values())[:MAX_LABELS]


def _title_genres(doc: Document, tree: HtmlTree) -> Iterator[str]:
    """Genre prefixes ("Opinion | ...") of the titles, or a title that is only a genre word."""
    for title in titles(doc, tree):
        genre = split_genre_prefix(title)[1] or genre_label(title)
        if genre:
            yield genre


def _split_tags(tags: Iterable[str]) -> Iterator[str]:
    for tag in tags:
        yield from tag.split(",")


def _section_meta(tree: HtmlTree) -> Iterator[str]:
    """Section metadata, and "Opinion" where the page flags itself ``article:opinion=true``."""
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in _SECTION_META:
            yield from meta.get("content", "").split(",")
        elif key == "article:opinion" and meta.get("content", "").strip().lower() == "true":
            yield "Opinion"


def _schema_type_labels(tree: HtmlTree) -> Iterator[str]:
    """The label "Opinion" for a JSON-LD ``OpinionNewsArticle``, and so on; ``genre`` as given."""
    for node in schema_objects(tree):
        types = node.get("@type")
        for kind in types if isinstance(types, list) else [types]:
            if isinstance(kind, str) and kind in _TYPE_LABELS:
                yield _TYPE_LABELS[kind]
        if isinstance(node.get("genre"), str):
            yield node["genre"]
        section = node.get("articleSection")
        for word in section[:MAX_LABELS] if isinstance(section, list) else [section]:
            if isinstance(word, str) and genre_kind(word):  # topics are labelled already
                yield word
