"""Digest -> a Slack message and terminal text (pure functions: no I/O, no Slack client).

The Slack message stays within Block Kit limits however busy the channel was: at most 50
blocks, every section at most 3,000 characters, and ``MESSAGE_CHARS`` of block text in all:
chat.postMessage also refuses a message whose blocks are too long together
(``msg_blocks_too_long``), at an undocumented total that has been seen from ~11,000
characters (slackapi/bolt-js#2509, #2867). Articles are packed several to a section and,
past the block or size budget, summed up as "…and N more"; `digest_text` lists them all.

A digest is a list of links, so its own links must not unfurl into a wall of previews: the
poster passes ``NO_UNFURL`` (``unfurl_links=False, unfurl_media=False``) to
chat.postMessage along with the message.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Final

from analyzers.record import StanceLabel
from bot.digest.model import (
    Change,
    Changes,
    Counts,
    Digest,
    DigestArticle,
    DigestEntity,
    StanceSplit,
)
from bot.labels import MARKS, PORTRAYAL, TYPE_NAMES, WIDTH
from bot.slack.render_blocks import (
    MAX_BLOCKS,
    MAX_SECTION_CHARS,
    Block,
    SlackMessage,
    escape,
    fit,
    plain,
    section,
    trim,
)

NO_UNFURL: Final[dict[str, Any]] = {"unfurl_links": False, "unfurl_media": False}
SHOWN_ENTITIES = 8
SHOWN_SITES = 8  # in the header's count line
MESSAGE_CHARS = 10_000  # all block text together; Slack's own cumulative cap is undocumented
MORE_RESERVE = 40  # room kept in a section for the "…and N more articles" line
ENTITY_CHARS = 5_000  # the entity sections together, within MESSAGE_CHARS
MIN_ARTICLE_CHARS = 1_500  # the article list gets at least this much
TITLE_CHARS = 200
EVIDENCE_TITLE_CHARS = 100
QUOTE_CHARS = 200  # shorter than a single analysis' quote: eight of them share a message
NAME_CHARS = 60
LINK_CHARS = 500  # a longer article URL is left unlinked rather than cut (a cut link is broken)
FALLBACK_CHARS = 2000
_ORDER: tuple[StanceLabel, ...] = ("positive", "negative", "neutral")


def digest_message(digest: Digest) -> SlackMessage:
    """The digest as Block Kit, with a plain-text fallback. Post it with
    ``chat_postMessage(channel=..., **message.as_kwargs(), **NO_UNFURL)``: a digest is all
    links, and unfurl_links / unfurl_media left on would bury it under previews."""
    header: Block = {"type": "header", "text": plain(f"newsbot digest: {digest.period.label}")}
    if digest.is_empty:
        empty = "_No articles were shared in this channel during this period._"
        return SlackMessage(_fallback(digest), [header, section(empty)])
    blocks: list[Block] = [header, section(_counts_line(digest)), {"type": "divider"}]
    if digest.entities:
        blocks += [section("*Most prominent*"), *_entity_sections(digest.entities)]
    blocks += [section(_changes_text(digest.changes)), {"type": "divider"}]
    room = MAX_BLOCKS - len(blocks)
    budget = max(MIN_ARTICLE_CHARS, MESSAGE_CHARS - block_chars(blocks))
    blocks += [section(text) for text in pack_lines(_article_lines(digest), room, budget)]
    return SlackMessage(_fallback(digest), fit(blocks))


def digest_text(digest: Digest) -> str:
    """The same content for a terminal (`newsbot digest CHANNEL --dry-run`): nothing cut."""
    lines = [f"newsbot digest: {digest.period.label}", _counts_plain(digest)]
    if digest.is_empty:
        return "\n".join([*lines, "", "No articles were shared during this period."])
    lines += ["", "Most prominent:"]
    shown = digest.entities[:SHOWN_ENTITIES]
    for rank, entity in enumerate(shown, start=1):
        lines += _entity_plain(rank, entity)
    if not shown:
        lines.append("  (no people, organisations or places found)")
    lines += ["", *_changes_plain(digest.changes), "", "Articles by site:"]
    for group in digest.sites:
        lines.append(f"{group.name} ({len(group.articles)})")
        for article in group.articles:
            lines += _article_plain(digest, article)
    return "\n".join(lines)


# Slack -------------------------------------------------------------------------------------


def _counts_line(digest: Digest) -> str:
    counts = digest.counts
    sites = " · ".join(f"{_name(s.name)} {s.articles}" for s in counts.sites[:SHOWN_SITES])
    more = f" · {len(counts.sites) - SHOWN_SITES} more" if len(counts.sites) > SHOWN_SITES else ""
    shared = f", shared {counts.shares} times" if counts.shares > counts.articles else ""
    return (
        f"*{_plural(counts.articles, 'article')}*{shared}: "
        + " · ".join(f"{mark} {n} {kind}" for mark, n, kind in _kind_counts(counts))
        + "\n"
        f"*{_plural(len(counts.sites), 'site')}*: {sites}{more}"
    )


def _entity_sections(entities: Sequence[DigestEntity]) -> list[Block]:
    """Sections for the most prominent entities, as many as ``ENTITY_CHARS`` allows."""
    blocks: list[Block] = []
    for rank, entity in enumerate(entities[:SHOWN_ENTITIES], start=1):
        block = section(_entity_text(rank, entity))
        if blocks and block_chars([*blocks, block]) > ENTITY_CHARS:
            break
        blocks.append(block)
    return blocks


def _entity_text(rank: int, entity: DigestEntity) -> str:
    kind = TYPE_NAMES.get(entity.type, entity.type.lower())
    head = (
        f"*{rank}. {_name(entity.name)}* · {kind} · {_plural(entity.mentions, 'mention')} "
        f"in {_plural(entity.articles, 'article')}\n{_split_marks(entity.split)}"
    )
    evidence = entity.evidence
    if evidence is None:
        return head
    where = _link(evidence.url, escape(trim(evidence.title, EVIDENCE_TITLE_CHARS)))
    thread = f" · {_link(evidence.permalink, 'thread')}" if evidence.permalink else ""
    quote = escape(trim(evidence.sentence, QUOTE_CHARS))
    return f"{head}\n> {MARKS[evidence.label]} “{quote}”\n— {where}{thread}"


def _split_marks(split: StanceSplit) -> str:
    return " · ".join(f"{MARKS[label]} {PORTRAYAL[label]} {split.count(label)}" for label in _ORDER)


def _changes_text(changes: Changes) -> str:
    lines = ["*What changed since the previous digest*"]
    if not changes.previous_articles:
        return "\n".join([*lines, "_Nothing was shared in the previous period to compare._"])
    lines += [f":arrow_up: *{_name(c.name)}* {_move(c)}" for c in changes.rises]
    lines += [f":arrow_down: *{_name(c.name)}* {_move(c)}" for c in changes.falls]
    if changes.new:
        lines.append(":new: " + ", ".join(f"*{_name(c.name)}*" for c in changes.new))
    if len(lines) == 1:
        lines.append("_The same names, as prominent as before._")
    return "\n".join(lines)


def _article_lines(digest: Digest) -> list[tuple[str, bool]]:
    """(line, is an article) for every site heading and article, in digest order."""
    lines: list[tuple[str, bool]] = [("*Articles by site*", False)]
    for group in digest.sites:
        lines.append((f"*{_name(group.name)}* ({len(group.articles)})", False))
        lines += [(_article_line(digest, a), True) for a in group.articles]
    return lines


def _article_line(digest: Digest, article: DigestArticle) -> str:
    title = escape(trim(article.title, TITLE_CHARS))
    parts = [_link(article.url, title), article.kind, _when(digest, article)]
    if article.times_shared > 1:
        parts.append(f"shared {article.times_shared}×")
    if article.permalink:
        parts.append(_link(article.permalink, "thread"))
    return "• " + " · ".join(parts)


def block_chars(blocks: Sequence[Block]) -> int:
    """The text characters of blocks, as Slack's cumulative limit counts them (roughly)."""
    return sum(
        len(part["text"])
        for block in blocks
        for part in [block.get("text", {}), *block.get("elements", [])]
        if "text" in part
    )


def pack_lines(lines: Sequence[tuple[str, bool]], sections: int, budget: int) -> list[str]:
    """Lines packed into at most ``sections`` texts of at most 3,000 characters each and
    ``budget`` in all; articles that do not fit are counted in an "…and N more"."""
    total = sum(is_article for _, is_article in lines)
    if sections < 1:
        return []
    packed: list[list[str]] = [[]]
    size = used = listed = 0
    for text, is_article in lines:
        cost = len(text) + 1
        if used + cost > budget - MORE_RESERVE:
            break
        if size + cost > MAX_SECTION_CHARS - MORE_RESERVE:
            if len(packed) >= sections:
                break
            packed.append([])
            size = 0
        packed[-1].append(text)
        size, used, listed = size + cost, used + cost, listed + is_article
    if listed < total and packed[-1] and not packed[-1][-1].startswith("•"):
        packed[-1].pop()  # a site heading left without its articles
    if listed < total:
        packed[-1].append(f"_…and {_plural(total - listed, 'more article')}_")
    return ["\n".join(chunk) for chunk in packed if chunk]


def _link(url: str | None, text: str) -> str:
    """A mrkdwn link; characters that would end it early are percent-encoded. An overlong
    URL is left out rather than cut: a cut link is a broken one."""
    if not url or len(url) > LINK_CHARS:
        return text
    safe = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"<{safe}|{text}>"


def _fallback(digest: Digest) -> str:
    """Notification and screen-reader text: the period, the counts, the main names."""
    text = f"newsbot digest, {digest.period.label}: {_counts_plain(digest)}"
    if digest.entities:
        main = "; ".join(
            f"{e.name} ({_split_plain(e.split)})" for e in digest.entities[:SHOWN_ENTITIES]
        )
        text += f" Most prominent: {main}."
    return trim(text, FALLBACK_CHARS)


# Terminal ----------------------------------------------------------------------------------


def _kind_counts(counts: Counts) -> list[tuple[str, int, str]]:
    """Opinion and news always (a zero says something); analysis only when there is some."""
    kinds = [
        (":speech_balloon:", counts.opinion, "opinion"),
        (":mag:", counts.analysis, "analysis"),
        (":newspaper:", counts.news, "news"),
    ]
    return [k for k in kinds if k[1] or k[2] != "analysis"]


def _counts_plain(digest: Digest) -> str:
    counts = digest.counts
    shared = f", shared {counts.shares} times" if counts.shares > counts.articles else ""
    sites = ", ".join(f"{s.name} {s.articles}" for s in counts.sites)
    head = (
        f"{_plural(counts.articles, 'article')}{shared} ("
        + ", ".join(f"{n} {kind}" for _, n, kind in _kind_counts(counts))
        + f") from {_plural(len(counts.sites), 'site')}"
    )
    return f"{head}: {sites}." if sites else f"{head}."


def _entity_plain(rank: int, entity: DigestEntity) -> list[str]:
    kind = TYPE_NAMES.get(entity.type, entity.type.lower())
    lines = [
        f"{rank:>2}. {entity.name} ({kind}) - {_plural(entity.mentions, 'mention')} in "
        f"{_plural(entity.articles, 'article')}: {_split_plain(entity.split)}"
    ]
    if entity.evidence:
        quote = f"“{entity.evidence.sentence}” ({entity.evidence.title})"
        lines += textwrap.wrap(quote, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 7)
    return lines


def _split_plain(split: StanceSplit) -> str:
    return ", ".join(f"{PORTRAYAL[label]} {split.count(label)}" for label in _ORDER)


def _changes_plain(changes: Changes) -> list[str]:
    lines = ["What changed since the previous digest:"]
    if not changes.previous_articles:
        return [*lines, "  nothing was shared in the previous period to compare"]
    lines += [f"  up    {c.name} {_move(c)}" for c in changes.rises]
    lines += [f"  down  {c.name} {_move(c)}" for c in changes.falls]
    if changes.new:
        lines.append("  new   " + ", ".join(c.name for c in changes.new))
    if len(lines) == 1:
        lines.append("  the same names, as prominent as before")
    return lines


def _article_plain(digest: Digest, article: DigestArticle) -> list[str]:
    shared = f", shared {article.times_shared}×" if article.times_shared > 1 else ""
    lines = [f"  - {article.title} [{article.kind}, {_when(digest, article)}{shared}]"]
    lines += [f"    {article.url}"] if article.url else []
    lines += [f"    thread: {article.permalink}"] if article.permalink else []
    return lines


# Shared ------------------------------------------------------------------------------------


def _move(change: Change) -> str:
    """How much an entity moved: prominence (sum of salience) and articles, before -> now."""
    return (
        f"{change.delta:+.2f} prominence "
        f"({change.articles_before} → {_plural(change.articles_after, 'article')})"
    )


def _when(digest: Digest, article: DigestArticle) -> str:
    return digest.period.clock(article.shared_at)


def _name(name: str) -> str:
    """An entity's or site's name for mrkdwn: escaped, and short enough for a list."""
    return escape(trim(name, NAME_CHARS))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
