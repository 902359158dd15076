"""The digest in Slack (a one-screen top message, every article in its thread) and in a
terminal; within Block Kit limits however busy the day."""

from __future__ import annotations

import re
from typing import Any

from bot.digest.build import build_digest
from bot.digest.model import Digest
from bot.digest.render_text import digest_text
from bot.digest.render_thread import MESSAGE_CHARS, thread_messages
from bot.digest.render_top import NO_UNFURL, SHOWN_ENTITIES, SHOWN_STORIES, digest_message
from bot.slack.render_blocks import MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS, SlackMessage
from tests.test_digest import PERIOD, all_articles, digest, entity, share, skipped

TOP_LINES = 25


def small_digest() -> Digest:
    previous = [
        share(
            "Yesterday",
            url="https://x.example/old",
            minutes=-600,
            entities=[entity("Acme", salience=0.1), entity("Gone", salience=0.4)],
        )
    ]
    shares = [
        share(
            "Acme <b>triumphs</b> & more",
            url="https://bbc.example/1",
            site="BBC News",
            kind="opinion",
            entities=[
                entity("Acme", "positive", 0.7, mentions=3, evidence="Acme <won> big.", kind="ORG"),
                entity("Bob Jones", "negative", -0.4, evidence="Jones erred."),
            ],
        ),
        share(
            "Acme again",
            url="https://bbc.example/2",
            site="BBC News",
            minutes=30,
            entities=[entity("Acme", "neutral", 0.0, mentions=2, kind="ORG")],
        ),
        share("Acme again", url="https://bbc.example/2", minutes=40, user="U2"),
        share("A paste", minutes=60, entities=[entity("Bob Jones", "negative", -0.1)]),
    ]
    return digest(shares, previous)


def many_digest(articles: int = 300, entities: int = 60, long: bool = False) -> Digest:
    """A very busy day: hundreds of articles from many sites, dozens of entities."""
    pad = " with a very long headline that goes on" * 6 if long else ""
    shares = [
        share(
            f"{headline_word(i)} story{pad}",
            url=f"https://site{i % 17}.example/news/{i}/{'x' * (80 if long else 5)}",
            site=f"Site {i % 17}",
            kind="opinion" if i % 3 == 0 else "news",
            minutes=i,
            entities=[
                entity(
                    f"Entity {(3 * i + k) % entities}",
                    ("positive", "negative", "neutral")[k % 3],
                    (0.5, -0.6, 0.0)[k % 3],
                    evidence=f"Entity {(3 * i + k) % entities} did thing {i}." + " More." * 40,
                    salience=0.3 + 0.6 * ((3 * i + k) % entities) / entities,
                )
                for k in range(3)
            ],
        )
        for i in range(articles)
    ]
    return digest(shares)


def headline_word(n: int) -> str:
    """A made-up word per number, so that no two headlines share words by accident."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not n:
            return "Qx" + letters


def texts(message: SlackMessage) -> list[str]:
    """Every text in the message's blocks."""
    found: list[str] = []
    for block in message.blocks:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e["text"] for e in block.get("elements", [])]
    return found


def all_text(message: SlackMessage) -> str:
    return "\n".join(texts(message))


def lines_of(message: SlackMessage) -> int:
    """Lines of text the message shows (before any wrapping on a narrow screen)."""
    return sum(text.count("\n") + 1 for text in texts(message))


def assert_within_limits(message: SlackMessage) -> None:
    assert 0 < len(message.blocks) <= MAX_BLOCKS
    assert len("".join(texts(message))) <= MESSAGE_CHARS  # msg_blocks_too_long otherwise
    assert message.text.strip()
    for block in message.blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER_CHARS


def test_small_digest_top_message_shows_every_part() -> None:
    result = small_digest()
    message = digest_message(result)
    assert_within_limits(message)
    header: dict[str, Any] = message.blocks[0]
    assert header["type"] == "header"
    assert PERIOD.label in header["text"]["text"]
    text = all_text(message)
    assert "*3 articles, shared 4 times by 2 people* · :speech_balloon: 1 opinion" in text
    # the story of two articles, its lead the most shared, with the actor at its centre
    assert (
        "1. <https://bbc.example/2|Acme again> · *2 articles* · Acme\n"
        "2. A paste · Pasted text · Bob Jones" in text
    )
    assert "*Acme* · organisation · 2 articles: :large_blue_circle: favourable 1 · " in text
    assert ":white_circle: neutral 1" in text
    assert "critical 0" not in text  # no count of nothing
    # the quote carries the label shown, escaped, linked to the thread of its article
    first = next(a for a in all_articles(result) if a.title.startswith("Acme <b>"))
    assert (
        f">:large_blue_circle: _favourable:_ “Acme &lt;won&gt; big.” — <{first.permalink}|"
        "Acme &lt;b&gt;triumphs&lt;/b&gt; &amp; more>" in text
    )
    assert "*Bob Jones* · person · 2 articles: :large_orange_circle: critical 2" in text
    assert "*Most shared*: <https://bbc.example/2|Acme again> (shared 2 times by 2 people)" in text
    # what changed, in articles and plain words
    assert "*Since the previous digest* (1 article then)" in text
    assert "*Acme* in 2 articles, new" in text
    assert "*Gone* in none, down from 1" in text
    assert "prominence" not in text
    assert "All 3 articles, by story, are in this message's thread." in text


def test_the_top_message_is_one_screen_however_busy_the_day() -> None:
    for result in (small_digest(), many_digest(), many_digest(long=True)):
        message = digest_message(result)
        assert_within_limits(message)
        assert lines_of(message) <= TOP_LINES
    busy = all_text(digest_message(many_digest()))
    assert busy.count("\n1. ") == 1
    assert f"\n{SHOWN_STORIES}. " in busy
    assert busy.count("* · person · ") == SHOWN_ENTITIES
    assert "more article" not in busy


def test_fallback_text_names_the_period_counts_and_main_entities() -> None:
    fallback = digest_message(small_digest()).text
    assert PERIOD.label in fallback
    assert "3 articles, shared 4 times by 2 people." in fallback
    assert "Most covered: Acme, Bob Jones." in fallback


def test_links_must_not_unfurl() -> None:
    assert NO_UNFURL == {"unfurl_links": False, "unfurl_media": False}


def test_no_previous_period_says_so() -> None:
    message = digest_message(digest([share("A", url="https://x.example/a")]))
    assert "nothing was shared in the previous period" in all_text(message)


def test_empty_digest_message_has_no_thread() -> None:
    message = digest_message(digest([]))
    assert_within_limits(message)
    assert len(message.blocks) == 2
    assert "No articles were shared" in all_text(message)
    assert "0 articles" in message.text
    assert thread_messages(digest([])) == []


def listed_threads(messages: list[SlackMessage]) -> list[str]:
    return re.findall(r"<([^|>]+)\|thread>", "\n".join(all_text(m) for m in messages))


def test_the_thread_lists_every_article_once_by_story() -> None:
    result = small_digest()
    (message,) = thread_messages(result)
    assert_within_limits(message)
    text = all_text(message)
    assert text.startswith("*Acme* · 2 articles\n• <https://bbc.example/2|Acme again> · BBC News")
    assert "shared 2 times by 2 people" in text
    assert "• A paste · Pasted text · news · Thu 10:00 · <" in text
    assert sorted(listed_threads([message])) == sorted(
        str(a.permalink) for a in all_articles(result)
    )


def test_a_busy_day_is_split_over_as_many_thread_messages_as_needed() -> None:
    for result in (many_digest(), many_digest(long=True)):
        messages = thread_messages(result)
        assert len(messages) > 1
        for n, message in enumerate(messages, start=1):
            assert_within_limits(message)
            assert f"(part {n} of {len(messages)})" in message.text
        assert sorted(listed_threads(messages)) == sorted(
            str(a.permalink) for a in all_articles(result)
        )


def test_a_story_longer_than_a_section_continues_under_its_heading() -> None:
    pad = " and a very long headline about the port strike" * 4
    shares = [
        share(
            f"Port strike day {i}{pad}",
            url=f"https://p.example/{i}",
            minutes=i,
            entities=[entity("Dockers Union", kind="ORG"), entity("Port Authority", kind="ORG")],
        )
        for i in range(40)
    ]
    result = digest(shares)
    assert len(result.stories) == 1
    sections = [t for m in thread_messages(result) for t in texts(m)]
    assert len(sections) > 1
    assert all(len(t) <= MAX_SECTION_CHARS for t in sections)
    assert sections[0].startswith("*Dockers Union, Port Authority* · 40 articles\n")
    assert all(
        t.startswith("*Dockers Union, Port Authority* · 40 articles _(continued)_")
        for t in sections[1:]
    )


def test_links_not_analysed_are_counted_on_top_and_listed_in_the_thread() -> None:
    result = build_digest(
        [share("A", url="https://x.example/a")],
        PERIOD,
        [],
        [
            skipped("https://www.x.example/ko/1", 5),
            skipped("https://www.x.example/ko/1?utm_source=x", 9),
        ],
    )
    top = all_text(digest_message(result))
    assert ":grey_question: 1 link not analysed" in top
    assert (
        "All 1 article, by story, and the 1 link not analysed, are in this message's thread." in top
    )
    thread = all_text(thread_messages(result)[-1])
    assert thread.endswith(
        "*Shared, not analysed* · 1 link\n"
        "• <https://www.x.example/ko/1|x.example/ko/1> · The article is not in English (ko)"
        " · Thu 09:05 · shared 2 times · <https://www.x.example/ko/1#thread|thread>"
    )
    text = digest_text(result)
    assert "; 1 link not analysed" in text
    assert "  - https://www.x.example/ko/1 [The article is not in English (ko), Thu 09:05" in text


def test_digest_text_for_the_terminal_has_the_top_and_the_thread() -> None:
    result = small_digest()
    text = digest_text(result)
    assert text.splitlines()[0] == f"newsbot digest: {PERIOD.label}"
    assert "3 articles, shared 4 times by 2 people (1 opinion, 2 news)" in text
    assert " 1. Acme again [2 articles] - Acme" in text
    assert "  Acme (organisation) - 2 articles: favourable 1, neutral 1" in text
    assert "favourable: “Acme <won> big.” (Acme <b>triumphs</b> & more)" in text  # unescaped
    assert "  more  Acme in 2 articles, new" in text
    assert "  less  Gone in none, down from 1" in text
    assert "Acme (2 articles)\n  - Acme again [BBC News, news, Thu 09:30, shared 2 times" in text
    for article in all_articles(result):
        assert f"thread: {article.permalink}" in text
    assert "    https://bbc.example/2" in text
    assert ":" + "large_blue_circle" not in text


def test_digest_text_lists_every_article_however_many() -> None:
    result = many_digest()
    text = digest_text(result)
    assert text.count("thread: ") == 300
    assert "Entity" in text


def test_empty_digest_text() -> None:
    text = digest_text(digest([]))
    assert "0 articles" in text
    assert "No articles were shared" in text


def test_analysis_is_counted_when_there_is_some() -> None:
    shares = [
        share("Why the vote matters", url="https://a.example/1", site="A", kind="analysis"),
        share("The vote", url="https://a.example/2", site="A", kind="news", minutes=1),
    ]
    result = digest(shares)
    slack = all_text(digest_message(result))
    assert ":speech_balloon: 0 opinion · :mag: 1 analysis · :newspaper: 1 news" in slack
    assert "2 articles (0 opinion, 1 analysis, 1 news)" in digest_text(result)
    assert "A, analysis, " in digest_text(result)
