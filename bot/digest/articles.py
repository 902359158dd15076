"""A period's shares -> its articles: each article counted once however often it was shared
(``bot.share.group_articles`` says which shares are one article), with how often and by how
many people; and the links that could not be analysed, so that the digest lists them too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analyzers.ingest.links import link_or_none, normalise_url
from bot.digest.model import PASTED_SITE, UNTITLED, Counts, DigestArticle, UnanalysedLink
from bot.share import Share, SkippedLink


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


def unanalysed_links(
    skipped: Sequence[SkippedLink], shares: Sequence[Share]
) -> tuple[UnanalysedLink, ...]:
    """The links that could not be analysed, one each however often shared, leaving out any
    that was analysed after all (a page that was down at first, then answered)."""
    analysed = {
        normalise_url(u)
        for s in shares
        for u in (s.url, s.analysis.source.url, s.analysis.source.canonical_url)
        if u
    }
    found: dict[str, list[SkippedLink]] = {}
    for link in sorted(skipped, key=lambda k: k.shared_at):
        if (key := normalise_url(link.url)) not in analysed:
            found.setdefault(key, []).append(link)
    return tuple(
        UnanalysedLink(
            url=group[0].url,
            reason=group[-1].reason,
            permalink=next((k.permalink for k in group if k.permalink), None),
            shared_at=group[0].shared_at,
            times_shared=len(group),
        )
        for group in found.values()
    )


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
