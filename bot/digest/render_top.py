"""Digest -> the top message an editor reads at 9 a.m.: one screen (about 20 lines), the day's
stories and the people and organisations at their centre first; every article is in the
thread (``bot.digest.render_thread``), so nothing here is ever "…and N more" with nothing
behind it.

A digest is a list of links, so its own links must not unfurl into a wall of previews: the
poster passes ``NO_UNFURL`` to chat.postMessage along with the message.
"""

from __future__ import annotations

from typing import Any, Final

from bot.digest.model import Changes, Counts, Digest, DigestArticle, DigestEntity, Story
from bot.digest.render_parts import (
    article_details,
    change_words,
    counts_words,
    kind_counts,
    link,
    name,
    shared_words,
    split_words,
    unanalysed_words,
)
from bot.labels import MARKS, PORTRAYAL, TYPE_NAMES
from bot.slack.render_blocks import (
    Block,
    SlackMessage,
    context,
    escape,
    plain,
    plural,
    section,
    trim,
)

NO_UNFURL: Final[dict[str, Any]] = {"unfurl_links": False, "unfurl_media": False}
SHOWN_STORIES = 5
SHOWN_ENTITIES = 5
SHOWN_MOST_SHARED = 3
TITLE_CHARS = 110  # a story's line stays one line on a laptop screen
QUOTE_CHARS = 160
FALLBACK_CHARS = 600


def digest_message(digest: Digest) -> SlackMessage:
    """The top message as Block Kit, with a short plain-text fallback (the notification)."""
    header: Block = {"type": "header", "text": plain(f"newsbot digest: {digest.period.label}")}
    if digest.is_empty:
        empty = "_No articles were shared in this channel during this period._"
        return SlackMessage(fallback(digest), [header, section(empty)])
    blocks: list[Block] = [header, section(_counts_line(digest))]
    if digest.stories:
        blocks.append(section("\n".join(["*Top stories*", *_story_lines(digest)])))
    if digest.entities:
        blocks.append(section("\n".join(_entity_lines(digest.entities[:SHOWN_ENTITIES]))))
    if digest.most_shared:
        blocks.append(section(_most_shared_line(digest.most_shared)))
    blocks.append(section(_changes_text(digest.changes)))
    blocks.append(context(f":thread: {_thread_contents(digest.counts)} in this message's thread."))
    return SlackMessage(fallback(digest), blocks)


def fallback(digest: Digest) -> str:
    """Notification and screen-reader text: the period, the counts, the main names."""
    text = f"newsbot digest, {digest.period.label}: {counts_words(digest.counts)}."
    if digest.entities:
        main = ", ".join(e.name for e in digest.entities[:SHOWN_ENTITIES])
        text += f" Most covered: {main}."
    return trim(text, FALLBACK_CHARS)


def _counts_line(digest: Digest) -> str:
    parts = [f"{mark} {n} {kind}" for mark, n, kind in kind_counts(digest.counts)]
    if unanalysed := unanalysed_words(digest.counts):
        parts.append(f":grey_question: {unanalysed}")
    return f"*{counts_words(digest.counts)}* · " + " · ".join(parts)


def _thread_contents(counts: Counts) -> str:
    """E.g. "All 51 articles, by story, and the 8 links not analysed, are"."""
    articles = f"All {plural(counts.articles, 'article')}, by story,"
    if not counts.unanalysed:
        return f"{articles} are"
    return f"{articles} and the {unanalysed_words(counts)}, are"


def _story_lines(digest: Digest) -> list[str]:
    return [
        f"{rank}. {_story_line(digest, story)}"
        for rank, story in enumerate(digest.stories[:SHOWN_STORIES], start=1)
    ]


def _story_line(digest: Digest, story: Story) -> str:
    lead = story.lead
    parts = [link(lead.url, escape(trim(lead.title, TITLE_CHARS)))]
    if len(story.articles) > 1:
        parts.append(f"*{plural(len(story.articles), 'article')}*")
    else:
        parts.append(escape(article_details(digest, lead)[0]))
    if story.actors:
        parts.append(", ".join(name(a) for a in story.actors))
    return " · ".join(parts)


def _entity_lines(entities: tuple[DigestEntity, ...]) -> list[str]:
    lines = ["*People and organisations* _(in the articles where they are central)_"]
    for entity in entities:
        kind = TYPE_NAMES.get(entity.type, entity.type.lower())
        lines.append(
            f"*{name(entity.name)}* · {kind} · {plural(entity.articles, 'article')}: "
            f"{split_words(entity.split, marks=True)}"
        )
        if entity.evidence is not None:
            quote = escape(trim(entity.evidence.sentence, QUOTE_CHARS))
            evidence = entity.evidence
            source = link(evidence.permalink or evidence.url, escape(trim(evidence.title, 50)))
            label = evidence.label
            lines.append(f">{MARKS[label]} _{PORTRAYAL[label]}:_ “{quote}” — {source}")
    return lines


def _most_shared_line(articles: tuple[DigestArticle, ...]) -> str:
    shown = [
        f"{link(a.url, escape(trim(a.title, 60)))} ({shared_words(a)})"
        for a in articles[:SHOWN_MOST_SHARED]
    ]
    return "*Most shared*: " + " · ".join(shown)


def _changes_text(changes: Changes) -> str:
    head = "*Since the previous digest*"
    if not changes.previous_articles:
        return f"{head}: _nothing was shared in the previous period to compare._"
    if not changes.rises and not changes.falls:
        return f"{head}: _the same people and organisations, in as many articles._"
    lines = []
    if changes.rises:
        lines.append(
            "More: " + " · ".join(f"*{name(c.name)}* {change_words(c)}" for c in changes.rises)
        )
    if changes.falls:
        lines.append(
            "Less: " + " · ".join(f"*{name(c.name)}* {change_words(c)}" for c in changes.falls)
        )
    return f"{head} ({plural(changes.previous_articles, 'article')} then)\n" + "\n".join(lines)
