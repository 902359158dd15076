"""The article as extraction leaves it: clean body text plus whatever metadata the page gave."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """Body text (paragraphs separated by one newline) and page metadata, all optional but text.

    ``labels`` holds section or genre words the page shows about itself ("Opinion",
    "Editorial", a category or tag): evidence for the opinion/news decision, not analysis.
    """

    text: str
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    labels: tuple[str, ...] = ()
