"""group_stories(): articles about the same thing grouped, every article in exactly one story."""

from __future__ import annotations

from collections.abc import Sequence

from bot.digest.model import DigestArticle
from bot.digest.stories import group_stories


def article(
    title: str, actors: Sequence[str] = (), *, shared: int = 1, at: float = 0.0
) -> DigestArticle:
    return DigestArticle(
        title=title,
        url=f"https://news.example/{abs(hash(title))}",
        permalink=None,
        site="News",
        kind="news",
        shared_at=at,
        times_shared=shared,
        actors=tuple(actors),
    )


def titles(stories: Sequence[object]) -> list[list[str]]:
    return [[a.title for a in s.articles] for s in stories]  # type: ignore[attr-defined]


def test_one_shared_actor_and_related_headlines_make_one_story() -> None:
    a = article("Senate passes budget bill after long night", ["Senate", "Chuck Schumer"])
    b = article("Budget bill heads to the House after Senate vote", ["Senate"], at=1)
    c = article("Senate confirms new ambassador to Japan", ["Senate"], at=2)  # same actor only
    stories = group_stories([a, b, c])
    assert titles(stories) == [[a.title, b.title], [c.title]]
    assert stories[0].actors == ("Senate",)  # central to both; Schumer only to one


def test_two_shared_actors_make_one_story_whatever_the_headlines() -> None:
    a = article("Leaders meet in Geneva", ["Joe Biden", "Xi Jinping"])
    b = article("What the summit means for Taiwan", ["Xi Jinping", "Joe Biden"], at=1)
    assert titles(group_stories([a, b])) == [[a.title, b.title]]


def test_the_same_headline_on_two_sites_is_one_story_without_actors() -> None:
    a = article("Man stabbed to death on San Francisco Bay train")
    b = article("The Latest: man stabbed to death on Bay train in San Francisco", at=1)
    c = article("Storm closes schools in Denver", at=2)
    assert titles(group_stories([a, b, c])) == [[a.title, b.title], [c.title]]


def test_stories_join_transitively_and_every_article_is_in_one() -> None:
    a = article("Acme strike enters third week", ["Acme", "Union"])
    b = article("Union and Acme return to talks", ["Union", "Acme", "Mediator"], at=1)
    c = article("Mediator quits talks between Union and company", ["Mediator", "Union"], at=2)
    d = article("Unrelated weather story", at=3)
    stories = group_stories([a, b, c, d])
    assert sorted(len(s.articles) for s in stories) == [1, 3]
    assert sum(len(s.articles) for s in stories) == 4


def test_bigger_stories_first_then_shares_and_the_most_shared_article_leads() -> None:
    lone_popular = article("Lone story shared a lot", ["Zed"], shared=5, at=0)
    lone = article("Quiet piece about gardens", ["Quiet"], at=1)
    pair_first = article("Port strike halts exports", ["Dockers Union", "Port Authority"], at=2)
    pair_shared = article(
        "Exports halted as port strike spreads", ["Port Authority", "Dockers Union"], shared=2
    )
    stories = group_stories([lone_popular, lone, pair_first, pair_shared])
    assert [s.lead.title for s in stories] == [pair_shared.title, lone_popular.title, lone.title]
    assert stories[0].shares == 3


def test_places_and_common_words_do_not_join_stories() -> None:
    a = article("Latest news from Washington: new budget", ["Treasury"])
    b = article("Latest news from Washington: new stadium", ["City Council"], at=1)
    assert len(group_stories([a, b])) == 2
