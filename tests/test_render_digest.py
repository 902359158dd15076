"""digest_message() and digest_text(): the digest in Slack, within Block Kit limits, and in a
terminal."""

from __future__ import annotations

import re
from typing import Any

from bot.digest.model import Digest
from bot.digest.render import (
    MESSAGE_CHARS,
    NO_UNFURL,
    SHOWN_ENTITIES,
    block_chars,
    digest_message,
    digest_text,
    pack_lines,
)
from bot.slack.render_blocks import MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS, SlackMessage
from tests.test_digest import PERIOD, digest, entity, share


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
        share("A paste", minutes=60, entities=[entity("Bob Jones", "negative", -0.1)]),
    ]
    return digest(shares, previous)


def many_digest(articles: int = 300, entities: int = 60, long: bool = False) -> Digest:
    """A very busy day: hundreds of articles from many sites, dozens of entities."""
    pad = " with a very long headline that goes on" * 6 if long else ""
    shares = [
        share(
            f"Story number {i}{pad}",
            url=f"https://site{i % 17}.example/news/{i}/{'x' * (80 if long else 5)}",
            site=f"Site {i % 17}",
            kind="opinion" if i % 3 == 0 else "news",
            minutes=i,
            entities=[
                entity(
                    f"Entity {(i + k) % entities}",
                    ("positive", "negative", "neutral")[k % 3],
                    (0.5, -0.6, 0.0)[k % 3],
                    evidence=f"Entity {(i + k) % entities} did thing {i}." + " More." * 40,
                    salience=0.1 + (i + k) % entities / 100,
                )
                for k in range(3)
            ],
        )
        for i in range(articles)
    ]
    return digest(shares)


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


def assert_within_limits(message: SlackMessage) -> None:
    assert 0 < len(message.blocks) <= MAX_BLOCKS
    assert block_chars(message.blocks) == len("".join(texts(message)))
    assert block_chars(message.blocks) <= MESSAGE_CHARS  # msg_blocks_too_long otherwise
    assert message.text.strip()
    for block in message.blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER_CHARS


def test_small_digest_message_shows_every_part() -> None:
    result = small_digest()
    message = digest_message(result)
    assert_within_limits(message)
    header: dict[str, Any] = message.blocks[0]
    assert header["type"] == "header"
    assert PERIOD.label in header["text"]["text"]
    text = all_text(message)
    assert "*3 articles*" in text
    assert ":speech_balloon: 1 opinion · :newspaper: 2 news" in text
    assert "*2 sites*: BBC News 2 · Pasted text 1" in text
    assert "*1. Acme* · organisation · 5 mentions in 2 articles" in text
    assert (
        ":large_green_circle: favourable 1 · :red_circle: critical 0 · :white_circle: neutral 1"
        in text
    )
    # the strongest evidence, escaped, linked to its article and thread
    first = result.sites[0].articles[0]
    assert "“Acme &lt;won&gt; big.”" in text
    assert "<https://bbc.example/1|Acme &lt;b&gt;triumphs&lt;/b&gt; &amp; more>" in text
    assert f"<{first.permalink}|thread>" in text
    # what changed
    assert ":arrow_up: *Acme* +0.90 prominence (1 → 2 articles)" in text
    assert ":arrow_down: *Gone* -0.40 prominence (1 → 0 articles)" in text
    assert ":new: *Bob Jones*" in text
    # every article, grouped by site, linking to the thread it was shared in
    assert "*BBC News* (2)" in text
    assert "*Pasted text* (1)" in text
    for group in result.sites:
        for article in group.articles:
            assert f"<{article.permalink}|thread>" in text
    assert "• A paste · news · Thu 10:00 · <" in text
    assert "more article" not in text


def test_fallback_text_names_the_period_counts_and_main_entities() -> None:
    fallback = digest_message(small_digest()).text
    assert PERIOD.label in fallback
    assert "3 articles (1 opinion, 2 news) from 2 sites" in fallback
    assert "Acme (favourable 1, critical 0, neutral 1)" in fallback


def test_links_must_not_unfurl() -> None:
    assert NO_UNFURL == {"unfurl_links": False, "unfurl_media": False}
    assert "unfurl" in (digest_message.__doc__ or "")


def test_no_previous_period_says_so() -> None:
    message = digest_message(digest([share("A", url="https://x.example/a")]))
    assert "Nothing was shared in the previous period" in all_text(message)


def test_empty_digest_message() -> None:
    message = digest_message(digest([]))
    assert_within_limits(message)
    assert len(message.blocks) == 2
    assert "No articles were shared" in all_text(message)
    assert "0 articles" in message.text


def check_articles_listed_or_counted(result: Digest, message: SlackMessage) -> int:
    """Every article's thread is linked, or counted in the "…and N more": returns N."""
    text = all_text(message)
    text = text[text.index("*Articles by site*") :]  # entity evidence links threads too
    permalinks = [a.permalink for g in result.sites for a in g.articles]
    missing = [p for p in permalinks if f"<{p}|thread>" not in text]
    more = re.findall(r"…and (\d+) more articles?", text)
    if missing:
        assert more == [str(len(missing))]
    else:
        assert not more
    return len(missing)


def test_300_articles_and_60_entities_stay_within_block_kit_limits() -> None:
    result = many_digest()
    assert (result.counts.articles, len(result.entities)) == (300, 60)
    message = digest_message(result)
    assert_within_limits(message)
    assert all_text(message).count("|thread>") > 40  # the list is not cut short
    check_articles_listed_or_counted(result, message)
    assert all_text(message).count("*1. ") == 1
    assert f"*{SHOWN_ENTITIES}. " in all_text(message)
    assert f"*{SHOWN_ENTITIES + 1}. " not in all_text(message)


def test_long_titles_and_links_are_cut_with_and_n_more() -> None:
    result = many_digest(long=True)
    message = digest_message(result)
    assert_within_limits(message)
    assert check_articles_listed_or_counted(result, message) > 0


def test_pack_lines_keeps_within_sections_and_counts_the_rest() -> None:
    lines = [("*Site*", False)] + [("• " + "x" * 990, True)] * 10
    packed = pack_lines(lines, 2, 100_000)
    assert len(packed) == 2
    assert all(len(p) <= MAX_SECTION_CHARS for p in packed)
    assert packed[-1].endswith("_…and 6 more articles_")
    assert pack_lines(lines, 5, 2500)[-1].endswith("_…and 8 more articles_")  # total budget
    assert pack_lines(lines, 0, 100_000) == []
    assert pack_lines([("*Site*", False), ("• a", True)], 1, 3000) == ["*Site*\n• a"]


def test_digest_text_for_the_terminal() -> None:
    result = small_digest()
    text = digest_text(result)
    assert text.splitlines()[0] == f"newsbot digest: {PERIOD.label}"
    assert "3 articles (1 opinion, 2 news) from 2 sites: BBC News 2, Pasted text 1." in text
    assert " 1. Acme (organisation) - 5 mentions in 2 articles: favourable 1, critical 0" in text
    assert "“Acme <won> big.” (Acme <b>triumphs</b> & more)" in text  # no mrkdwn escaping
    assert "up    Acme +0.90 prominence (1 → 2 articles)" in text
    assert "down  Gone -0.40 prominence (1 → 0 articles)" in text
    assert "new   Bob Jones" in text
    assert "BBC News (2)\n  - Acme <b>triumphs</b> & more [opinion, Thu 09:00]" in text
    for group in result.sites:
        for article in group.articles:
            assert f"thread: {article.permalink}" in text
    assert "    https://bbc.example/2" in text
    assert ":" + "large_green_circle" not in text


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
    assert "2 articles (0 opinion, 1 analysis, 1 news) from 1 site" in digest_text(result)
    assert "[analysis, " in digest_text(result)
