"""The headline a page gives, from trafilatura's reading, ``og:title`` and ``<title>``.

A page's titles carry more than the headline: a genre prefix ("Opinion | ...", kept as a label
by `analyzers.ingest.page_labels`) and the site's name or a section after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trafilatura.settings import Document

from analyzers.ingest.headline import genre_label, split_genre_prefix
from analyzers.ingest.page_meta import HtmlTree
from analyzers.ingest.site_suffix import without_site_name


def titles(doc: Document, tree: HtmlTree) -> list[str]:
    """trafilatura's headline, then og:title and <title> as written."""
    found = [
        doc.title,
        *tree.xpath('//meta[@property="og:title"]/@content'),
        *tree.xpath("//head/title/text()"),
    ]
    return [re.sub(r"\s+", " ", str(title)).strip() for title in found if title]


def page_title(
    doc: Document,
    tree: HtmlTree,
    site_names: Sequence[str],
    host: str | None,
    sections: Sequence[str],
) -> str | None:
    """The headline without its genre prefix or the site's name.

    trafilatura splits ``<title>`` at "|" and may keep only "Opinion" of "Opinion | Headline |
    Site"; then the next title that is more than a genre word is used. What the site appends
    (its name, a section) goes by `analyzers.ingest.site_suffix`.
    """
    for raw in titles(doc, tree):
        title = split_genre_prefix(raw)[0]
        if not genre_label(title):
            return without_site_name(title, site_names, host, sections)
    return None
