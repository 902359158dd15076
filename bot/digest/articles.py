"""A period's shares -> its articles: each article counted once however often it was shared,
with how often and by how many people.

Shares are the same article when their links agree after ``normalise_url`` (the shared link,
the page's own URL or its canonical URL), or, for pasted text (no link at all), when their
titles agree. Keys join transitively: a share of link A whose page says canonical B joins a
later share of link B.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analyzers.ingest.links import link_or_none, normalise_url
from bot.digest.model import PASTED_SITE, UNTITLED, Counts, DigestArticle
from bot.share import Share


def group_articles(shares: Sequence[Share]) -> list[list[Share]]:
    """Shares grouped by article, oldest share first in each group and groups in order of
    their first share."""
    groups: list[list[Share]] = []
    keys: list[set[str]] = []
    for share in sorted(shares, key=lambda s: s.shared_at):
        own = _article_keys(share)
        hits = [i for i, known in enumerate(keys) if own & known]
        if not hits:
            groups.append([share])
            keys.append(own)
            continue
        first = hits[0]
        for i in reversed(hits[1:]):  # this share bridges articles: they were one all along
            groups[first] += groups.pop(i)
            keys[first] |= keys.pop(i)
        groups[first].append(share)
        keys[first] |= own
    for group in groups:
        group.sort(key=lambda s: s.shared_at)
    return groups


def _article_keys(share: Share) -> set[str]:
    source = share.analysis.source
    links = {f"url:{normalise_url(u)}" for u in (share.url, source.url, source.canonical_url) if u}
    if links:
        return links
    if source.title and source.title.strip():
        return {"title:" + " ".join(source.title.split()).casefold()}
    return {f"share:{share.channel}:{share.message_ts}"}  # untitled paste: only itself


def digest_article(group: Sequence[Share]) -> DigestArticle:
    """The article a group of shares is: the first share's link and analysis, the first
    thread anyone can open, and how often and by how many people it was shared."""
    first = group[0]
    source = first.analysis.source
    return DigestArticle(
        title=(source.title or "").strip() or UNTITLED,
        url=first.url or source.canonical_url or source.url,
        permalink=next((s.permalink for s in group if s.permalink), None),
        site=site_name(first),
        kind=first.analysis.kind,
        shared_at=first.shared_at,
        times_shared=len(group),
        sharers=len({s.user or s.message_ts for s in group}),
    )


def site_name(share: Share) -> str:
    """The publisher's name the analysis found, else the link's host (without "www."), else
    "Pasted text"."""
    source = share.analysis.source
    if source.site and source.site.strip():
        return source.site.strip()
    for url in (share.url, source.canonical_url, source.url):
        link = link_or_none(url) if url else None
        if link is not None:
            return link.host.removeprefix("www.")
    return PASTED_SITE


def count_articles(articles: Sequence[DigestArticle], shares: Sequence[Share]) -> Counts:
    kinds = Counter(a.kind for a in articles)
    return Counts(
        articles=len(articles),
        shares=len(shares),
        sharers=len({s.user for s in shares if s.user}),
        opinion=kinds["opinion"],
        analysis=kinds["analysis"],
        news=kinds["news"],
        sites=len({a.site.casefold() for a in articles if a.site != PASTED_SITE}),
    )
