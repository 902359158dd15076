"""A channel's shares over a period -> its ``Digest``.

Pure: no I/O, no Slack, no Redis. The runner reads the shares from ``ShareHistory``, calls
``build_digest`` and hands the result to the renderers (``bot.digest.render_top``,
``bot.digest.render_thread``, ``bot.digest.chart``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.digest.actors import (
    ACTOR_TYPES,
    Occurrence,
    central_in,
    leading_actor,
    merge_occurrences,
    rank,
    summarise,
)
from bot.digest.articles import count_articles, digest_article, unanalysed_links
from bot.digest.changes import compare
from bot.digest.model import Digest, DigestArticle, DigestEntity
from bot.digest.period import Period
from bot.digest.stories import group_stories
from bot.share import Share, SkippedLink, group_articles


def build_digest(
    shares: Sequence[Share],
    period: Period,
    previous: Sequence[Share],
    skipped: Sequence[SkippedLink] = (),
) -> Digest:
    """The digest of ``shares`` (the period's) compared with ``previous`` (the period before),
    listing too the links of the period that could not be analysed (``skipped``)."""
    articles, entities = _articles_and_actors(shares)
    _, before = _articles_and_actors(previous)
    unanalysed = unanalysed_links(skipped, shares)
    return Digest(
        period=period,
        counts=replace(count_articles(articles, shares), unanalysed=len(unanalysed)),
        stories=group_stories(articles),
        entities=entities,
        changes=compare(entities, before, len(group_articles(previous))),
        unanalysed=unanalysed,
    )


def _articles_and_actors(
    shares: Sequence[Share],
) -> tuple[list[DigestArticle], tuple[DigestEntity, ...]]:
    """The period's articles, each with the people and organisations central to it, and
    those people and organisations ranked (each article read from its first share)."""
    groups = group_articles(shares)
    articles = [digest_article(group) for group in groups]
    occurrences = [
        Occurrence(index, entity)
        for index, group in enumerate(groups)
        for entity in group[0].analysis.entities
        if entity.type in ACTOR_TYPES
    ]
    leads = {
        i: lead
        for i, group in enumerate(groups)
        if (lead := leading_actor(group[0].analysis.entities)) is not None
    }
    actors: list[tuple[DigestEntity, dict[int, float]]] = []
    for cluster in merge_occurrences(occurrences):
        central = central_in(cluster, leads)
        if central:
            salience = {i: e.salience for i, e in central.items()}
            actors.append((summarise(cluster, central, articles), salience))
    actors.sort(key=lambda pair: rank(pair[0]))
    for index, article in enumerate(articles):
        theirs = sorted(
            (pair for pair in actors if index in pair[1]), key=lambda pair: -pair[1][index]
        )
        articles[index] = replace(article, actors=tuple(e.name for e, _ in theirs))
    return articles, tuple(entity for entity, _ in actors)
