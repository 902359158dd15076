"""The daily digest's content, as plain data: what the renderers (Block Kit, terminal, chart)
show, decided once in ``bot.digest.build`` and tested there, whatever it is rendered as.

An editor reads it at 9 a.m.: first the day's stories and the people and organisations at
their centre (``Story``, ``DigestEntity``), then, in the thread, every article (``stories``
holds them all: nothing is left out, whatever the message size).
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.record import Kind, StanceLabel
from bot.digest.period import Period

PASTED_SITE = "Pasted text"
UNTITLED = "Untitled article"


@dataclass(frozen=True)
class DigestArticle:
    """One article, however many times it was shared; its link and thread are those of the
    first share (where the conversation started). ``actors``: the people and organisations
    at its centre, by their digest-wide names."""

    title: str
    url: str | None
    permalink: str | None
    site: str
    kind: Kind
    shared_at: float
    times_shared: int = 1
    sharers: int = 1
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    """Articles about the same thing: shared central actors and similar headlines. The lead
    article (most shared, then first shared) stands for the story in the top message."""

    articles: tuple[DigestArticle, ...]
    actors: tuple[str, ...]  # central to most of its articles, most central first

    @property
    def lead(self) -> DigestArticle:
        return self.articles[0]

    @property
    def shares(self) -> int:
        return sum(a.times_shared for a in self.articles)


@dataclass(frozen=True)
class UnanalysedLink:
    """A link shared in the period that newsbot could not analyse, and why (as the person who
    shared it was told); listed so that nothing shared is missing from the digest."""

    url: str
    reason: str
    permalink: str | None
    shared_at: float
    times_shared: int = 1


@dataclass(frozen=True)
class Counts:
    articles: int
    shares: int
    sharers: int
    opinion: int
    analysis: int
    news: int
    sites: int
    unanalysed: int = 0


@dataclass(frozen=True)
class StanceSplit:
    """In how many articles (where the entity is central) it was portrayed each way."""

    favourable: int = 0
    critical: int = 0
    neutral: int = 0

    @property
    def total(self) -> int:
        return self.favourable + self.critical + self.neutral

    def count(self, label: StanceLabel) -> int:
        return {"positive": self.favourable, "negative": self.critical}.get(label, self.neutral)

    @property
    def leading(self) -> StanceLabel:
        """The portrayal of most articles; a tie goes to a judgement over neutral (an editor
        wants to know a name was criticised twice and spared twice), then to critical."""
        order: tuple[StanceLabel, ...] = ("negative", "positive", "neutral")
        return max(order, key=lambda label: (self.count(label), -order.index(label)))


@dataclass(frozen=True)
class Evidence:
    """A sentence that shows the entity's leading portrayal, and where it is from."""

    sentence: str
    label: StanceLabel
    score: float
    title: str
    url: str | None
    permalink: str | None


@dataclass(frozen=True)
class DigestEntity:
    """A person or organisation central to at least one article, merged across articles by
    ``analyzers.nlp.identity``; ``keys`` are the names it answers to, for matching it with
    the previous period's."""

    name: str
    type: str
    aliases: tuple[str, ...]
    articles: int  # where it is central
    prominence: float  # summed salience over those articles
    mentions: int
    split: StanceSplit
    evidence: Evidence | None
    key: str = ""
    keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Change:
    """An entity's article count (where central) in the previous period and in this one."""

    name: str
    before: int
    after: int


@dataclass(frozen=True)
class Changes:
    rises: tuple[Change, ...] = ()  # including new names (before == 0)
    falls: tuple[Change, ...] = ()  # including names absent this period (after == 0)
    previous_articles: int = 0


@dataclass(frozen=True)
class Digest:
    period: Period
    counts: Counts
    stories: tuple[Story, ...]  # every article, in story order: most articles, then shares
    entities: tuple[DigestEntity, ...]  # people and organisations, most central first
    changes: Changes
    unanalysed: tuple[UnanalysedLink, ...] = ()  # first shared first

    @property
    def is_empty(self) -> bool:
        return self.counts.articles == 0 and not self.unanalysed

    @property
    def most_shared(self) -> tuple[DigestArticle, ...]:
        """Articles shared more than once, most shares (then sharers) first."""
        repeated = [a for s in self.stories for a in s.articles if a.times_shared > 1]
        return tuple(sorted(repeated, key=lambda a: (-a.times_shared, -a.sharers, a.shared_at)))
