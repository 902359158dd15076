"""The people and organisations who dominated a period's coverage, and how it portrayed them.

Two decisions shape it:

- An entity counts only in the articles where it is *central* (``is_central``): a passing
  mention, a dateline or a name in a caption says nothing about who the day's news was about,
  and its stance there is the weakest evidence there is.
- Entities are merged across articles by ``analyzers.nlp.identity``, the rule that merged
  their names within each article, so "Xi" in one piece and "President Xi Jinping" in another
  are one person here as in each article's own analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analyzers.nlp.identity import entity_key, entity_keys
from analyzers.record import Entity
from bot.digest.clusters import Clusters
from bot.digest.model import DigestArticle, DigestEntity, Evidence, StanceSplit

ACTOR_TYPES = frozenset({"PERSON", "ORG"})
CENTRAL_SALIENCE = 0.35  # the article's main actors; passing mentions score under 0.3
SINGLE_MENTION_SALIENCE = 0.6  # named once, central only if the headline is about it
LEAD_SALIENCE = 0.25  # an article's most salient actor is central to it from here on


@dataclass(frozen=True)
class Occurrence:
    """One entity as one article (by index) reported it."""

    article: int
    entity: Entity


def is_central(entity: Entity) -> bool:
    """Whether the article is about this entity, not merely mentioning it."""
    if entity.salience < CENTRAL_SALIENCE:
        return False
    return entity.mentions >= 2 or entity.salience >= SINGLE_MENTION_SALIENCE


def leading_actor(entities: Sequence[Entity]) -> Entity | None:
    """The article's most salient person or organisation, if salient enough to be what the
    article is about: a short piece names its protagonist once or twice, under the bar
    ``is_central`` sets for longer ones."""
    actors = [e for e in entities if e.type in ACTOR_TYPES and e.salience >= LEAD_SALIENCE]
    return max(actors, key=lambda e: (e.salience, e.mentions), default=None)


def merge_occurrences(occurrences: Sequence[Occurrence]) -> list[list[Occurrence]]:
    """Clusters of occurrences that are the same entity (``identity``: one's name is the
    other's name or alias), joined transitively, in order of first occurrence."""
    clusters = Clusters(len(occurrences))
    answering: dict[str, list[int]] = {}
    for i, occurrence in enumerate(occurrences):
        for key in entity_keys(occurrence.entity):
            answering.setdefault(key, []).append(i)
    for i, occurrence in enumerate(occurrences):
        for j in answering.get(entity_key(occurrence.entity), ()):
            clusters.join(i, j)
    return [[occurrences[i] for i in group] for group in clusters.groups()]


def central_in(cluster: Sequence[Occurrence], leads: dict[int, Entity]) -> dict[int, Entity]:
    """Per article where the entity is central (``is_central``, or the article's leading
    actor, in ``leads`` by article), the part that speaks for it there (when the article's
    analysis left it split in two, the part with more mentions)."""
    chosen: dict[int, Entity] = {}
    for occurrence in cluster:
        entity, held = occurrence.entity, chosen.get(occurrence.article)
        if held is None or (entity.mentions, entity.salience) > (held.mentions, held.salience):
            chosen[occurrence.article] = entity
    leading = {i for o in cluster if leads.get(i := o.article) is o.entity}
    return {i: e for i, e in chosen.items() if is_central(e) or i in leading}


def summarise(
    cluster: Sequence[Occurrence], central: dict[int, Entity], articles: Sequence[DigestArticle]
) -> DigestEntity:
    """The entity over the period, counted over the articles where it is central."""
    name = display_name(cluster)
    names = {o.entity.name for o in cluster} | {a for o in cluster for a in o.entity.aliases}
    labels = Counter(e.stance.label for e in central.values())
    split = StanceSplit(labels["positive"], labels["negative"], labels["neutral"])
    return DigestEntity(
        name=name,
        type=Counter(o.entity.type for o in cluster).most_common(1)[0][0],
        aliases=tuple(sorted({n for n in names if _fold(n) != _fold(name)}, key=str.casefold)),
        articles=len(central),
        prominence=round(sum(e.salience for e in central.values()), 6),
        mentions=sum(e.mentions for e in central.values()),
        split=split,
        evidence=_evidence(central, split, articles),
        key=entity_key(next(o.entity for o in cluster if o.entity.name == name)),
        keys=frozenset().union(*(entity_keys(o.entity) for o in cluster)),
    )


def rank(entity: DigestEntity) -> tuple[int, float, int, str]:
    """Central to more articles first; then more central; then more mentions; then by name."""
    return (-entity.articles, -entity.prominence, -entity.mentions, entity.name.casefold())


def display_name(cluster: Sequence[Occurrence]) -> str:
    """The canonical name most articles used; ties to more mentions, then the fuller name."""
    articles: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    for occurrence in cluster:
        articles.setdefault(occurrence.entity.name, set()).add(occurrence.article)
        mentions[occurrence.entity.name] += occurrence.entity.mentions
    return max(articles, key=lambda n: (len(articles[n]), mentions[n], len(n), n))


def _evidence(
    central: dict[int, Entity], split: StanceSplit, articles: Sequence[DigestArticle]
) -> Evidence | None:
    """The strongest sentence (|score|) among the articles that judge the entity the way most
    do, so the quote shown carries the label shown beside it; earlier articles win ties."""
    leading = split.leading
    if leading == "neutral":  # a neutral sentence shows nothing an editor needs quoted
        return None
    candidates = [
        (i, e)
        for i, e in sorted(central.items())
        if e.stance.label == leading and e.stance.evidence
    ]
    if not candidates:
        return None
    index, entity = max(candidates, key=lambda c: (abs(c[1].stance.score), -c[0]))
    article = articles[index]
    return Evidence(
        sentence=entity.stance.evidence[0],
        label=entity.stance.label,
        score=entity.stance.score,
        title=article.title,
        url=article.url,
        permalink=article.permalink,
    )


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()
