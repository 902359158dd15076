"""Pure predicates and parsers over Slack payloads: which messages carry article links, what a
slash command asks for. No I/O here, so every rule is tested on plain dicts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from analyzers.ingest.links import link_or_none
from analyzers.ingest.slack_markup import plain_text, unescape, without_mentions
from bot.sources import LinkSource, Source, TextSource

# Slack sends links as <https://example.com/a|label> or <https://example.com/a>.
SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
BARE_LINK = re.compile(r"https?://[^\s<>|]+[^\s<>|.,;:!?)\]'\"”’]")
NOT_ARTICLE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".svg",
    ".bmp",
    ".ico",
    ".mp3",
    ".mp4",
    ".mov",
    ".avi",
    ".webm",
    ".pdf",
    ".zip",
    ".gz",
    ".csv",
    ".xlsx",
    ".docx",
    ".pptx",
    ".json",
)
# Message subtypes that are a person posting something new (others: edits, joins, bots...).
# Fewer words than this around a link: a comment on the link, not an article pasted with it.
PASTED_ARTICLE_WORDS = 40
NEW_MESSAGE_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
COMMAND_HEAD = re.compile(r"\s*(\S*)(.*)", re.DOTALL)
PRIVATE_FLAG = re.compile(r"\s*(?:--private|-p)(?:\s+|$)(.*)", re.DOTALL)


def links_in(text: str) -> list[str]:
    """The links of a Slack message, in order, each once. Messages carry them as markup;
    slash commands (not escaped) as bare URLs."""
    found = [m.group(1) for m in SLACK_LINK.finditer(text)] or BARE_LINK.findall(text)
    return list(dict.fromkeys(unescape(link) for link in found))


def is_article_link(url: str, ignored_hosts: Iterable[str]) -> bool:
    """Not an image or file, not Slack itself, not a host the newsroom marked as non-news."""
    link = link_or_none(url)
    if link is None:
        return True  # malformed: answered with the reason it cannot be read
    if link.path.lower().endswith(NOT_ARTICLE_SUFFIXES):
        return False
    host = link.host
    blocked = {"slack.com", *ignored_hosts}
    return not any(host == h or host.endswith("." + h) for h in blocked)


def article_links(text: str, ignored_hosts: Iterable[str], limit: int) -> list[str]:
    ignored = frozenset(ignored_hosts)
    return [u for u in links_in(text) if is_article_link(u, ignored)][:limit]


def is_new_human_message(event: Mapping[str, Any]) -> bool:
    """A person's new message: not an edit, deletion, join, bot post or our own reply."""
    return (
        event.get("subtype") in NEW_MESSAGE_SUBTYPES
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(event.get("text"))
    )


def thread_of(event: Mapping[str, Any]) -> str:
    """Where a reply to this message belongs: its thread, or a new thread under it."""
    return str(event.get("thread_ts") or event["ts"])


def sources_in(text: str, ignored_hosts: Iterable[str], limit: int) -> list[Source]:
    """What to analyse in a message given to the bot on purpose (mention, shortcut, command):
    its article links when the words around them are few, else the text as a pasted article,
    as the person sees it (`analyzers.ingest.slack_markup`, which the command line's pastes go
    through too)."""
    links = article_links(text, ignored_hosts, limit)
    around = SLACK_LINK.sub(" ", without_mentions(text))
    around = BARE_LINK.sub(" ", around)
    if links and len(around.split()) < PASTED_ARTICLE_WORDS:
        return [LinkSource(link) for link in links]
    body = plain_text(text)
    return [TextSource(body, "slack")] if body else []


@dataclass(frozen=True)
class CommandRequest:
    """`/newsbot <subcommand> <argument>`; ``private`` answers only the person who asked."""

    subcommand: str
    argument: str
    private: bool


def parse_command(text: str) -> CommandRequest:
    """The first word is the subcommand; ``--private`` may follow it; the rest is kept as typed
    (pasted articles keep their line breaks)."""
    head = COMMAND_HEAD.match(text)
    subcommand, rest = (head.group(1), head.group(2)) if head else ("", "")
    flagged = PRIVATE_FLAG.match(rest)
    argument = flagged.group(1) if flagged else rest
    return CommandRequest(subcommand.lower() or "help", argument.strip(), flagged is not None)
