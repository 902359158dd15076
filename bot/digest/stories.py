"""Articles -> stories: the pieces a channel shared about the same thing, grouped so that an
editor reads "the Senate vote, 4 articles" once rather than four lines far apart.

Two articles are one story when they share a central actor and their headlines share words,
or share two central actors (a summit's two leaders), or their headlines are mostly the same
words (the same wire story on two sites). Grouping is transitive. Places never join stories:
two pieces datelined Washington are not about the same thing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.digest.clusters import Clusters
from bot.digest.model import DigestArticle, Story

SIMILAR_HEADLINES = 0.5  # Jaccard of headline words: alone, enough to be one story
RELATED_HEADLINES = 0.15  # with one shared central actor
STORY_ACTORS = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
_COMMON = frozenset(
    """
    the and for with from that this into over after about says said new news will have has
    are was were its his her their they them than then what who why how when where which
    more most just not but all out off now can could would should may might been being also
    live latest update updates opinion editorial analysis report video watch
    """.split()
)


def group_stories(articles: Sequence[DigestArticle]) -> tuple[Story, ...]:
    """Every article in exactly one story; stories with more articles first, then more
    shares, then the earliest share; within a story, the most shared article leads."""
    words = [_headline_words(a.title) for a in articles]
    clusters = Clusters(len(articles))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if _same_story(articles[i], articles[j], words[i], words[j]):
                clusters.join(i, j)
    groups = [[articles[i] for i in group] for group in clusters.groups()]
    stories = [_story(group) for group in groups]
    return tuple(sorted(stories, key=lambda s: (-len(s.articles), -s.shares, s.lead.shared_at)))


def _same_story(
    one: DigestArticle, other: DigestArticle, one_words: set[str], other_words: set[str]
) -> bool:
    shared_actors = len(set(one.actors) & set(other.actors))
    overlap = _jaccard(one_words, other_words)
    if overlap >= SIMILAR_HEADLINES or shared_actors >= 2:
        return True
    return shared_actors == 1 and overlap >= RELATED_HEADLINES


def _story(articles: Sequence[DigestArticle]) -> Story:
    ordered = sorted(articles, key=lambda a: (-a.times_shared, -a.sharers, a.shared_at))
    counts = Counter(actor for a in ordered for actor in a.actors)
    first_seen = {actor: n for n, actor in enumerate(a for x in ordered for a in x.actors)}
    actors = sorted(counts, key=lambda actor: (-counts[actor], first_seen[actor]))
    common = [actor for actor in actors if counts[actor] >= 2]  # central to two of its pieces
    return Story(tuple(ordered), tuple((common or actors)[:STORY_ACTORS]))


def _headline_words(title: str) -> set[str]:
    return {w for w in (m.casefold() for m in _WORD.findall(title)) if w not in _COMMON}


def _jaccard(one: set[str], other: set[str]) -> float:
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)
