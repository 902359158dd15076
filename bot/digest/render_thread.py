"""Digest -> the messages of its thread: every article, by story, each linking to the thread
where newsbot analysed it. As many messages as the list needs, so no article is ever left out;
a story's heading stays with its articles (a story too long for one section continues in the
next, under its heading again).

Each message stays within Block Kit's limits and the cumulative size chat.postMessage accepts
(``msg_blocks_too_long`` has been seen from ~11,000 characters; slackapi/bolt-js#2509).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bot.digest.model import Digest, DigestArticle, Story
from bot.digest.render_parts import (
    article_details,
    link,
    name,
    short_link,
    unanalysed_details,
)
from bot.slack.render_blocks import MAX_SECTION_CHARS, SlackMessage, escape, plural, section, trim

MESSAGE_CHARS = 9_000  # all block text of one thread message
MESSAGE_SECTIONS = 20
SECTION_CHARS = MAX_SECTION_CHARS - 100
TITLE_CHARS = 200


def thread_messages(digest: Digest) -> list[SlackMessage]:
    """The thread's messages, in order; none for an empty digest."""
    if digest.is_empty:
        return []
    units = [_story_lines(digest, story) for story in digest.stories]
    if digest.unanalysed:
        units.append(_unanalysed_lines(digest))
    sections = list(_pack_sections(units))
    messages = list(_pack_messages(sections))
    total = plural(digest.counts.articles, "article")
    return [
        SlackMessage(
            f"All {total} of the digest, by story (part {n} of {len(messages)})",
            [section(text) for text in texts],
        )
        for n, texts in enumerate(messages, start=1)
    ]


def _story_lines(digest: Digest, story: Story) -> list[str]:
    """A story of several articles under a heading (its actors and size); a lone article as
    one line, its central names after it."""
    if len(story.articles) == 1:
        (article,) = story.articles
        actors = f" · {', '.join(name(a) for a in story.actors)}" if story.actors else ""
        return [_article_line(digest, article) + actors]
    about = ", ".join(name(a) for a in story.actors) or escape(trim(story.lead.title, 80))
    heading = f"*{about}* · {plural(len(story.articles), 'article')}"
    return [heading, *(_article_line(digest, a) for a in story.articles)]


def _unanalysed_lines(digest: Digest) -> list[str]:
    """The links newsbot could not analyse, under their own heading, each with the reason."""
    heading = f"*Shared, not analysed* · {plural(len(digest.unanalysed), 'link')}"
    lines = [heading]
    for item in digest.unanalysed:
        parts = [link(item.url, escape(trim(short_link(item.url), 100)))]
        parts += [escape(part) for part in unanalysed_details(digest, item)]
        if item.permalink:
            parts.append(link(item.permalink, "thread"))
        lines.append("• " + " · ".join(parts))
    return lines


def _article_line(digest: Digest, article: DigestArticle) -> str:
    parts = [link(article.url, escape(trim(article.title, TITLE_CHARS)))]
    parts += [escape(part) for part in article_details(digest, article)]
    if article.permalink:
        parts.append(link(article.permalink, "thread"))
    return "• " + " · ".join(parts)


def _pack_sections(units: Sequence[list[str]]) -> Iterator[str]:
    """Whole stories into sections of at most ``SECTION_CHARS``; a story longer than that
    is cut between articles, its heading repeated."""
    lines: list[str] = []
    for unit in units:
        if lines and _size([*lines, *unit]) > SECTION_CHARS:
            yield "\n".join(lines)
            lines = []
        for line in unit:
            if lines and _size([*lines, line]) > SECTION_CHARS:
                yield "\n".join(lines)
                lines = [f"{unit[0]} _(continued)_"] if line is not unit[0] else []
            lines.append(line)
    if lines:
        yield "\n".join(lines)


def _pack_messages(sections: Sequence[str]) -> Iterator[list[str]]:
    texts: list[str] = []
    for text in sections:
        if texts and (len(texts) >= MESSAGE_SECTIONS or _size([*texts, text]) > MESSAGE_CHARS):
            yield texts
            texts = []
        texts.append(text)
    if texts:
        yield texts


def _size(lines: Sequence[str]) -> int:
    return sum(len(line) + 1 for line in lines)
