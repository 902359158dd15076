"""Digest -> terminal text (`newsbot digest CHANNEL --dry-run`): the top message, then the
thread's full list of articles by story, nothing cut."""

from __future__ import annotations

import textwrap

from bot.digest.model import Changes, Digest, DigestArticle, DigestEntity, Story
from bot.digest.render_parts import (
    article_details,
    change_words,
    counts_words,
    kind_counts,
    shared_words,
    split_words,
    unanalysed_details,
    unanalysed_words,
)
from bot.digest.render_top import SHOWN_ENTITIES, SHOWN_MOST_SHARED, SHOWN_STORIES
from bot.labels import PORTRAYAL, TYPE_NAMES, WIDTH
from bot.slack.render_blocks import plural


def digest_text(digest: Digest) -> str:
    kinds = ", ".join(f"{n} {kind}" for _, n, kind in kind_counts(digest.counts))
    unanalysed = unanalysed_words(digest.counts)
    lines = [
        f"newsbot digest: {digest.period.label}",
        f"{counts_words(digest.counts)} ({kinds})" + (f"; {unanalysed}" if unanalysed else ""),
    ]
    if digest.is_empty:
        return "\n".join([*lines, "", "No articles were shared during this period."])
    if digest.stories:
        lines += ["", "Top stories:"]
    for rank, story in enumerate(digest.stories[:SHOWN_STORIES], start=1):
        lines.append(f"{rank:>2}. {_story_line(story)}")
    lines += ["", "People and organisations (in the articles where they are central):"]
    for entity in digest.entities[:SHOWN_ENTITIES]:
        lines += _entity_lines(entity)
    if not digest.entities:
        lines.append("  (none central to any article)")
    if digest.most_shared:
        lines += ["", "Most shared:"]
        lines += [
            f"  {a.title} ({shared_words(a)})" for a in digest.most_shared[:SHOWN_MOST_SHARED]
        ]
    lines += ["", *_changes_lines(digest.changes), "", "Thread: all articles, by story"]
    for story in digest.stories:
        lines += _thread_lines(digest, story)
    if digest.unanalysed:
        lines.append(f"Shared, not analysed ({len(digest.unanalysed)}):")
        for item in digest.unanalysed:
            lines.append(f"  - {item.url} [{', '.join(unanalysed_details(digest, item))}]")
            lines += [f"    thread: {item.permalink}"] if item.permalink else []
    return "\n".join(lines)


def _story_line(story: Story) -> str:
    size = f" [{plural(len(story.articles), 'article')}]" if len(story.articles) > 1 else ""
    actors = f" - {', '.join(story.actors)}" if story.actors else ""
    return f"{story.lead.title}{size}{actors}"


def _entity_lines(entity: DigestEntity) -> list[str]:
    kind = TYPE_NAMES.get(entity.type, entity.type.lower())
    lines = [
        f"  {entity.name} ({kind}) - {plural(entity.articles, 'article')}: "
        f"{split_words(entity.split, marks=False)}"
    ]
    if entity.evidence:
        evidence = entity.evidence
        quote = f"{PORTRAYAL[evidence.label]}: “{evidence.sentence}” ({evidence.title})"
        lines += textwrap.wrap(quote, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 7)
    return lines


def _changes_lines(changes: Changes) -> list[str]:
    lines = ["Since the previous digest:"]
    if not changes.previous_articles:
        return [*lines, "  nothing was shared in the previous period to compare"]
    lines += [f"  more  {c.name} {change_words(c)}" for c in changes.rises]
    lines += [f"  less  {c.name} {change_words(c)}" for c in changes.falls]
    if len(lines) == 1:
        lines.append("  the same people and organisations, in as many articles")
    return lines


def _thread_lines(digest: Digest, story: Story) -> list[str]:
    lines = []
    if len(story.articles) > 1:
        about = ", ".join(story.actors) or story.lead.title
        lines.append(f"{about} ({plural(len(story.articles), 'article')})")
    for article in story.articles:
        lines += _article_lines(digest, article)
    return lines


def _article_lines(digest: Digest, article: DigestArticle) -> list[str]:
    lines = [f"  - {article.title} [{', '.join(article_details(digest, article))}]"]
    lines += [f"    {article.url}"] if article.url else []
    lines += [f"    thread: {article.permalink}"] if article.permalink else []
    return lines
