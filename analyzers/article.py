"""The article as extraction leaves it: clean body text plus whatever metadata the page gave."""

from __future__ import annotations

from dataclasses import dataclass, fields

from analyzers.record import Source


@dataclass(frozen=True, kw_only=True)
class Article(Source):
    """Body text (paragraphs separated by one newline) and page metadata, all optional but text.

    The page metadata that the Analysis record keeps (link, title, site, byline, date) is the
    record's `Source`, inherited rather than restated, so a field added there reaches the
    article and the record at once. ``labels`` holds section or genre words the page shows
    about itself ("Opinion", "Editorial", a category or tag): evidence for the opinion/news
    decision, not analysis.
    """

    text: str
    language: str | None = None
    labels: tuple[str, ...] = ()

    def as_source(self) -> Source:
        """The part of the article the record keeps, without body text, language or labels:
        the record's JSON holds exactly `Source`'s fields."""
        return Source(**{f.name: getattr(self, f.name) for f in fields(Source)})
