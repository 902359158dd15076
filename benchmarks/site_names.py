"""Site names and headlines over the benchmark pages: trafilatura's own reading against ours.

Run ``python -m benchmarks.site_names [--shared PATH] [--changed]`` from the repository root.
For every page of ``<shared>/articles/html/*.html.gz`` (its URL from ``ground-truth.json``) it
prints a Markdown table: the host, the site name and headline as extraction read them before
`analyzers.ingest.publisher` (trafilatura's ``sitename``, else the host; the title less its
genre prefix and " | <sitename>"), and what ``extract_html`` gives now. ``--changed`` keeps
only the pages where either differs. This is for reading, not scoring: there is no ground truth
for site names.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from analyzers.errors import NewsbotError
from analyzers.ingest.extract import extract_html
from analyzers.ingest.headline import genre_label, split_genre_prefix
from analyzers.ingest.page_title import titles
from benchmarks.shared_data import DEFAULT_SHARED, article_pages


@dataclass(frozen=True)
class Row:
    host: str
    site_before: str | None
    site_after: str | None
    title_before: str | None
    title_after: str | None

    @property
    def changed(self) -> bool:
        return (self.site_before, self.title_before) != (self.site_after, self.title_after)


def trafilatura_reading(html: bytes, url: str) -> tuple[str | None, str | None]:
    """The site name and headline as extraction read them before: trafilatura's ``sitename``
    (else the host) and the first title that is more than a genre word, less its genre
    prefix and " | <sitename>"."""
    tree = trafilatura.load_html(html)
    doc = (
        trafilatura.bare_extraction(tree, url=url, with_metadata=True) if tree is not None else None
    )
    if not isinstance(doc, Document):
        return urlsplit(url).hostname, None
    for raw in titles(doc, tree):
        title = split_genre_prefix(raw)[0]
        if not genre_label(title):
            site = re.escape(doc.sitename or "")
            return doc.sitename or doc.hostname, re.sub(rf"\s+[|–—-]\s+{site}$", "", title)
    return doc.sitename or doc.hostname, None


def row(page: Path, url: str) -> Row:
    html = gzip.decompress(page.read_bytes())
    site, title = trafilatura_reading(html, url)
    try:
        article = extract_html(html, url, english_only=False)
    except NewsbotError as exc:
        return Row(urlsplit(url).hostname or "", site, f"({exc.code})", title, None)
    return Row(urlsplit(url).hostname or "", site, article.site, title, article.title)


def table(rows: list[Row]) -> str:
    lines = [
        "| host | site before | site now | headline before | headline now |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cells = [r.host, r.site_before, r.site_after, r.title_before, r.title_after]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def _cell(value: str | None) -> str:
    return "" if value is None else value.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data dir")
    parser.add_argument("--changed", action="store_true", help="only pages whose values change")
    args = parser.parse_args(argv)
    pages = article_pages(args.shared)
    if not pages:
        return 1
    truth = json.loads((args.shared / "articles" / "ground-truth.json").read_text("utf-8"))
    rows = [row(page, truth[page.name.split(".")[0]]["url"]) for page in pages]
    shown = [r for r in rows if r.changed] if args.changed else rows
    print(table(shown))
    sites = sum(r.site_before != r.site_after for r in rows)
    titles = sum(r.title_before != r.title_after for r in rows)
    print(f"\n{len(rows)} pages: site name changed on {sites}, headline on {titles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
