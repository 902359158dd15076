"""A channel's shares over a period -> the daily digest's content, as plain data.

Pure: no I/O, no Slack, no Redis. The scheduler reads the shares from ``ShareHistory``, calls
``build_digest`` and hands the result to the renderers (``bot.digest.render``,
``bot.digest.chart``), so what the digest says is decided (and tested) here, once, whatever
it is rendered as.

Three decisions shape it:

- An *article* is counted once however often it was shared: shares are the same article when
  their links agree after ``normalise_url`` (the shared link, the page's own URL or its
  canonical URL), or, for pasted text (no link at all), when their titles agree.
- An *entity* is merged across articles by canonical name, case-insensitively; a name that
  appears among another entity's aliases is the same entity too ("Xi" named alone in one
  article, an alias of "Xi Jinping" in another). Two entities merely sharing an alias are not
  merged: "Smith" may be an alias of two different people.
- *Prominence* is the sum over articles of the entity's salience in each (0..1: how central
  it was to that article). An entity central to three articles outranks one mentioned in
  passing in ten, which a mention count would not say. Ties go to more mentions, then to
  more articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from analyzers.ingest.links import link_or_none, normalise_url
from analyzers.record import Entity, Kind, StanceLabel
from bot.share import Share

PASTED_SITE = "Pasted text"
UNTITLED = "Untitled article"
CHANGES_SHOWN = 5  # rises, falls and new entities kept each
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Period:
    """[start, end) of a digest: timezone-aware instants and the channel's IANA zone, in
    which the label is written (a newsroom reads "09:00" in its own time, not UTC)."""

    start: datetime
    end: datetime
    zone: str

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a digest period needs timezone-aware datetimes")
        if self.end < self.start:  # empty is fine: "/newsbot digest" right at the run time
            raise ValueError("a digest period cannot end before it starts")
        try:  # an unknown zone fails here, not when the label is first read
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.zone!r}") from exc

    @classmethod
    def ending(cls, end: datetime, zone: str, length: timedelta = timedelta(days=1)) -> Period:
        """The period of ``length`` that ends at ``end`` (the scheduler's "last 24 hours")."""
        return cls(end - length, end, zone)

    @property
    def previous(self) -> Period:
        """The period of the same length just before: what "what changed" compares with."""
        return Period(self.start - (self.end - self.start), self.start, self.zone)

    @property
    def start_ts(self) -> float:
        """Epoch seconds, as ``ShareHistory.between`` takes them."""
        return self.start.timestamp()

    @property
    def end_ts(self) -> float:
        return self.end.timestamp()

    @property
    def label(self) -> str:
        """E.g. "Thu 27 Nov 09:00 – Fri 28 Nov 09:00 (Europe/London)", in the zone's time;
        English names whatever the process locale, so tests and messages do not vary."""
        zone = ZoneInfo(self.zone)
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        return f"{_moment(start)} – {_moment(end)} ({self.zone})"

    def clock(self, timestamp: float) -> str:
        """Epoch seconds as "Thu 09:14" in the period's zone: when an article was shared."""
        moment = datetime.fromtimestamp(timestamp, ZoneInfo(self.zone))
        return f"{_DAYS[moment.weekday()]} {moment:%H:%M}"


@dataclass(frozen=True)
class DigestArticle:
    """One article, however many times it was shared; its link and thread are those of the
    first share (where the conversation started)."""

    title: str
    url: str | None
    permalink: str | None
    site: str
    kind: Kind
    shared_at: float
    times_shared: int = 1


@dataclass(frozen=True)
class SiteCount:
    name: str
    articles: int


@dataclass(frozen=True)
class Counts:
    articles: int
    shares: int
    opinion: int
    analysis: int
    news: int
    sites: tuple[SiteCount, ...]  # most articles first


@dataclass(frozen=True)
class StanceSplit:
    """How many articles portrayed the entity favourably, critically or neutrally."""

    favourable: int = 0
    critical: int = 0
    neutral: int = 0

    @property
    def total(self) -> int:
        return self.favourable + self.critical + self.neutral

    def count(self, label: StanceLabel) -> int:
        return {"positive": self.favourable, "negative": self.critical}.get(label, self.neutral)


@dataclass(frozen=True)
class Evidence:
    """The sentence that shows the entity's portrayal most strongly, and where it is from."""

    sentence: str
    label: StanceLabel
    score: float
    title: str
    url: str | None
    permalink: str | None


@dataclass(frozen=True)
class DigestEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    prominence: float
    mentions: int
    articles: int
    split: StanceSplit
    evidence: Evidence | None


@dataclass(frozen=True)
class Change:
    """An entity's prominence (and article count) in the previous period and this one."""

    name: str
    before: float
    after: float
    articles_before: int
    articles_after: int

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Changes:
    rises: tuple[Change, ...] = ()
    falls: tuple[Change, ...] = ()  # including entities absent this period (after == 0)
    new: tuple[Change, ...] = ()  # absent from the previous period (before == 0)
    previous_articles: int = 0


@dataclass(frozen=True)
class SiteGroup:
    name: str
    articles: tuple[DigestArticle, ...]  # oldest share first


@dataclass(frozen=True)
class Digest:
    period: Period
    counts: Counts
    entities: tuple[DigestEntity, ...]  # every entity found, most prominent first
    changes: Changes
    sites: tuple[SiteGroup, ...]  # most articles first

    @property
    def is_empty(self) -> bool:
        return self.counts.articles == 0


@dataclass(frozen=True)
class _Occurrence:
    """One entity as one article reported it."""

    article: int
    entity: Entity


def build_digest(shares: Sequence[Share], period: Period, previous: Sequence[Share]) -> Digest:
    """The digest of ``shares`` (the period's) compared with ``previous`` (the period before)."""
    grouped = group_articles(shares)
    articles = [_article(group) for group in grouped]
    entities = _entities(grouped, articles)
    previous_grouped = group_articles(previous)
    before = _entities(previous_grouped, [_article(group) for group in previous_grouped])
    return Digest(
        period=period,
        counts=_counts(articles, len(shares)),
        entities=entities,
        changes=_changes(entities, before, len(previous_grouped)),
        sites=_site_groups(articles),
    )


# Articles ----------------------------------------------------------------------------------


def group_articles(shares: Sequence[Share]) -> list[list[Share]]:
    """Shares grouped by article, oldest share first in each group and groups in order of
    their first share. Keys join transitively: a share of link A whose page says canonical B
    joins a later share of link B."""
    ordered = sorted(shares, key=lambda s: s.shared_at)
    groups: list[list[Share]] = []
    keys: list[set[str]] = []
    for share in ordered:
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


def _article(group: Sequence[Share]) -> DigestArticle:
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
    )


def site_name(share: Share) -> str:
    """The site's own name, else the link's host (without "www."), else "Pasted text"."""
    source = share.analysis.source
    if source.site and source.site.strip():
        return source.site.strip()
    for url in (share.url, source.canonical_url, source.url):
        link = link_or_none(url) if url else None
        if link is not None:
            return link.host.removeprefix("www.")
    return PASTED_SITE


def _counts(articles: Sequence[DigestArticle], shares: int) -> Counts:
    kinds = Counter(a.kind for a in articles)
    return Counts(
        articles=len(articles),
        shares=shares,
        opinion=kinds["opinion"],
        analysis=kinds["analysis"],
        news=kinds["news"],
        sites=tuple(SiteCount(g.name, len(g.articles)) for g in _site_groups(articles)),
    )


def _site_groups(articles: Sequence[DigestArticle]) -> tuple[SiteGroup, ...]:
    """Sites compared case-insensitively ("BBC News" and "bbc news" are one), shown as first
    seen; most articles first, then alphabetically; "Pasted text" last."""
    groups: dict[str, list[DigestArticle]] = {}
    for article in sorted(articles, key=lambda a: a.shared_at):
        groups.setdefault(article.site.casefold(), []).append(article)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g[0].site == PASTED_SITE, -len(g), g[0].site.casefold()),
    )
    return tuple(SiteGroup(g[0].site, tuple(g)) for g in ordered)


# Entities ----------------------------------------------------------------------------------


def _entities(
    groups: Sequence[Sequence[Share]], articles: Sequence[DigestArticle]
) -> tuple[DigestEntity, ...]:
    """Every entity of the articles (each read from its first share), merged and ranked."""
    occurrences = [
        _Occurrence(index, entity)
        for index, group in enumerate(groups)
        for entity in group[0].analysis.entities
    ]
    merged = [_summary(cluster, articles) for cluster in _merge_entities(occurrences)]
    return tuple(sorted(merged, key=_rank))


def _rank(entity: DigestEntity) -> tuple[float, int, int, str]:
    return (-entity.prominence, -entity.mentions, -entity.articles, entity.name.casefold())


def _merge_entities(occurrences: Sequence[_Occurrence]) -> list[list[_Occurrence]]:
    """Clusters of occurrences that name the same entity: same canonical name, or one's name
    among the other's aliases (case-insensitive), joined transitively."""
    parent = list(range(len(occurrences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_name: dict[str, list[int]] = {}
    by_alias: dict[str, list[int]] = {}
    for i, occurrence in enumerate(occurrences):
        by_name.setdefault(_fold(occurrence.entity.name), []).append(i)
        for alias in occurrence.entity.aliases:
            by_alias.setdefault(_fold(alias), []).append(i)
    for i, occurrence in enumerate(occurrences):
        name = _fold(occurrence.entity.name)
        for j in (*by_name.get(name, ()), *by_alias.get(name, ())):
            parent[root(j)] = root(i)
    clusters: dict[int, list[_Occurrence]] = {}
    for i, occurrence in enumerate(occurrences):
        clusters.setdefault(root(i), []).append(occurrence)
    return list(clusters.values())


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _summary(cluster: Sequence[_Occurrence], articles: Sequence[DigestArticle]) -> DigestEntity:
    per_article = _per_article(cluster)
    name = _display_name(cluster)
    names = {o.entity.name for o in cluster} | {a for o in cluster for a in o.entity.aliases}
    labels = Counter(e.stance.label for e in per_article.values())
    return DigestEntity(
        name=name,
        type=Counter(o.entity.type for o in cluster).most_common(1)[0][0],
        aliases=tuple(sorted({n for n in names if _fold(n) != _fold(name)}, key=str.casefold)),
        prominence=_prominence(cluster),
        mentions=sum(o.entity.mentions for o in cluster),
        articles=len(per_article),
        split=StanceSplit(labels["positive"], labels["negative"], labels["neutral"]),
        evidence=_strongest_evidence(per_article, articles),
    )


def _prominence(cluster: Sequence[_Occurrence]) -> float:
    """Sum over articles of the entity's salience there (an entity split in two within one
    article adds its parts, at most 1 per article, the most any entity can have)."""
    per_article: dict[int, float] = {}
    for occurrence in cluster:
        held = per_article.get(occurrence.article, 0.0)
        per_article[occurrence.article] = held + occurrence.entity.salience
    return round(sum(min(1.0, s) for s in per_article.values()), 6)


def _per_article(cluster: Sequence[_Occurrence]) -> dict[int, Entity]:
    """One entity per article whose portrayal counts: when an article's analysis left the
    entity split in two ("Xi", "Xi Jinping"), the part with more mentions speaks for it."""
    chosen: dict[int, Entity] = {}
    for occurrence in cluster:
        entity, held = occurrence.entity, chosen.get(occurrence.article)
        if held is None or (entity.mentions, entity.salience) > (held.mentions, held.salience):
            chosen[occurrence.article] = entity
    return chosen


def _display_name(cluster: Sequence[_Occurrence]) -> str:
    """The canonical name most articles used; ties to more mentions, then the fuller name."""
    articles: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    for occurrence in cluster:
        articles.setdefault(occurrence.entity.name, set()).add(occurrence.article)
        mentions[occurrence.entity.name] += occurrence.entity.mentions
    return max(articles, key=lambda n: (len(articles[n]), mentions[n], len(n), n))


def _strongest_evidence(
    per_article: dict[int, Entity], articles: Sequence[DigestArticle]
) -> Evidence | None:
    """The evidence sentence of the article whose stance on the entity is strongest (|score|),
    among those that have one; earlier articles win ties."""
    candidates = [(i, e) for i, e in sorted(per_article.items()) if e.stance.evidence]
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


# What changed ------------------------------------------------------------------------------


def _changes(
    now: Sequence[DigestEntity], before: Sequence[DigestEntity], previous_articles: int
) -> Changes:
    """Rises and falls of entities in both periods (or gone this one), and new entities;
    an entity is matched to the previous period's by the same name/alias rule as merging."""
    both: list[Change] = []
    new: list[Change] = []
    seen: set[int] = set()
    for entity in now:
        j = _match(entity, before)
        old = before[j] if j is not None else None
        if j is not None:
            seen.add(j)
        (both if old else new).append(
            Change(
                entity.name,
                old.prominence if old else 0.0,
                entity.prominence,
                old.articles if old else 0,
                entity.articles,
            )
        )
    gone = [
        Change(e.name, e.prominence, 0.0, e.articles, 0)
        for j, e in enumerate(before)
        if j not in seen
    ]
    return Changes(
        rises=_top(c for c in both if c.delta > 0),
        falls=_top((c for c in [*both, *gone] if c.delta < 0), reverse=True),
        new=tuple(new[:CHANGES_SHOWN]),
        previous_articles=previous_articles,
    )


def _top(changes: Iterable[Change], reverse: bool = False) -> tuple[Change, ...]:
    """The biggest moves first (falls: the most negative), names breaking ties."""
    sign = 1 if reverse else -1
    ordered = sorted(changes, key=lambda c: (sign * c.delta, c.name.casefold()))
    return tuple(ordered[:CHANGES_SHOWN])


def _match(entity: DigestEntity, before: Sequence[DigestEntity]) -> int | None:
    """The previous period's entity that is this one, by name or alias, if any."""
    name, aliases = _fold(entity.name), {_fold(a) for a in entity.aliases}
    for j, old in enumerate(before):
        old_name, old_aliases = _fold(old.name), {_fold(a) for a in old.aliases}
        if name == old_name or name in old_aliases or old_name in aliases:
            return j
    return None


def _moment(moment: datetime) -> str:
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment:%H:%M}"
