"""`/newsbot entity NAME` -> how a channel's shared articles portrayed one person or
organisation over the last days (pure: no I/O).

The name is matched by ``analyzers.nlp.identity``, the rule that merged the names within each
article and across a digest, so "president xi" finds "Xi Jinping" here as there. An article
shared several times counts once, with how often and by how many people it was shared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analyzers.nlp.identity import answers_to
from analyzers.record import Entity
from bot.labels import MARKS, PORTRAYAL
from bot.share import Share, group_articles
from bot.slack.render_blocks import (
    EVIDENCE_CHARS,
    SlackMessage,
    escape,
    fit,
    notice,
    plural,
    section,
    trim,
)

TITLE_CHARS = 150


def entity_report(name: str, shares: Sequence[Share], days: int) -> SlackMessage:
    """The articles (one line each, newest share first) that name the entity, and the count
    of each portrayal among them."""
    found = [
        (group, entity)
        for group in group_articles(shares)
        if (entity := _named(group[0], name)) is not None
    ]
    if not found:
        return notice(f"No article shared here in the last {days} days mentions *{escape(name)}*.")
    display = max(found, key=lambda pair: pair[1].mentions)[1].name
    labels = Counter(entity.stance.label for _, entity in found)
    summary = " · ".join(f"{MARKS[label]} {PORTRAYAL[label]} {labels[label]}" for label in MARKS)
    times = sum(len(group) for group, _ in found)
    people = len({s.user or s.message_ts for group, _ in found for s in group})
    head = (
        f"*{escape(display)}* in {plural(len(found), 'article')} shared here in the last "
        f"{days} days ({plural(times, 'share')} by {plural(people, 'person')})\n{summary}"
    )
    newest_first = sorted(found, key=lambda pair: -pair[0][-1].shared_at)
    blocks = [section(head), *(section(_article_line(g, e)) for g, e in newest_first)]
    text = f"{display}: {plural(len(found), 'article')}; " + ", ".join(
        f"{PORTRAYAL[label]} {labels[label]}" for label in MARKS
    )
    return SlackMessage(text, fit(blocks))


def _named(share: Share, name: str) -> Entity | None:
    """The article's entity of that name (the most mentioned, if its analysis kept two)."""
    matches = [e for e in share.analysis.entities if answers_to(e, name)]
    return max(matches, key=lambda e: e.mentions, default=None)


def _article_line(group: Sequence[Share], entity: Entity) -> str:
    first = group[0]
    title = escape(trim(first.analysis.source.title or first.url or "untitled", TITLE_CHARS))
    target = next((s.permalink for s in group if s.permalink), None) or first.url
    line = f"{MARKS[entity.stance.label]} " + (f"<{target}|{title}>" if target else title)
    if len(group) > 1:
        line += f" · shared {len(group)} times"
    if entity.stance.evidence:
        line += f"\n> {escape(trim(entity.stance.evidence[0], EVIDENCE_CHARS))}"
    return line
