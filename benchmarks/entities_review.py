"""The top entities newsbot reports for real pages, printed for a reviewer to read.

Run ``python -m benchmarks.entities_review [--shared PATH] [--top N]`` from the repository root.
For every English page of ``<shared>/articles/html/*.html.gz`` and for
``<shared>/examples/pasted-editorial.txt`` it prints the page's site, byline and headline, then
the top N entities (name, type, mentions, salience, aliases) as the Analysis record would hold
them. There is no gold standard for "the actors of a page", so the figure is a reader's count:
in the top N, how many are not actors at all (the publication, a dateline, byline, photo credit,
link text), how many carry the wrong type, and how many duplicate another entry.
Stance is not run: it does not change which entities are reported or in what order.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from analyzers.article import Article
from analyzers.errors import InputError
from analyzers.ingest.extract import extract_html
from analyzers.ingest.pasted import extract_pasted
from analyzers.nlp.analysis import article_doc
from analyzers.nlp.entities import EntityCluster
from analyzers.nlp.pipeline import build_nlp
from benchmarks.shared_data import DEFAULT_SHARED, article_pages
from config.settings import Settings

SKIPPED = frozenset({"newsbot_stance"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    pages = article_pages(args.shared)
    if not pages:
        return 2
    nlp = build_nlp(Settings().spacy_model)
    reviewed = 0
    for name, article in _articles(pages, args.shared):
        doc = _entities_doc(nlp, article)
        _print_page(name, article, doc._.newsbot_entities or [], args.top)
        reviewed += 1
    print(f"\n{reviewed} pages reviewed (top {args.top} entities each)")
    return 0


def _articles(pages: list[Path], shared: Path) -> list[tuple[str, Article]]:
    """The English pages (others are refused by the bot, so not reviewed), then the paste."""
    found = []
    for page in pages:
        try:
            found.append((page.name, extract_html(gzip.decompress(page.read_bytes()))))
        except InputError:
            continue
    pasted = shared / "examples" / "pasted-editorial.txt"
    if pasted.is_file():
        found.append((pasted.name, extract_pasted(pasted.read_text(encoding="utf-8"))))
    return found


def _entities_doc(nlp: Language, article: Article) -> Doc:
    doc = article_doc(nlp, article, article.text)
    for name, component in nlp.pipeline:
        if name not in SKIPPED:
            doc = component(doc)
    return doc


def _print_page(name: str, article: Article, clusters: list[EntityCluster], top: int) -> None:
    print(f"\n== {name}  site={article.site!r}  author={article.author!r}")
    print(f"   {article.title}")
    for rank, cluster in enumerate(clusters[:top], start=1):
        aliases = f"  aka {', '.join(cluster.aliases[:4])}" if cluster.aliases else ""
        print(
            f"{rank:>4}. {cluster.name} [{cluster.type}] {len(cluster.mentions)}x"
            f" {cluster.salience:.2f}{aliases}"
        )


if __name__ == "__main__":
    sys.exit(main())
