"""What was shared in each channel, when, and what newsbot found: the memory behind
"already shared here", `/newsbot entity` and the daily digests.

Each share carries its full Analysis record, so later questions about a channel's coverage
never re-fetch or re-parse an article. Shares are kept per channel in a time-ordered set and
dropped after the retention period. Links newsbot could not analyse are kept apart, with the
reason, so a digest can still list everything that was shared.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Container, Iterable, Iterator

from analyzers.ingest.links import normalise_url
from analyzers.record import RecordError
from bot.share import Share, SkippedLink
from bot.storage.store import Store, StoreUnavailable

RETENTION_SECONDS = 35 * 24 * 3600
RECENT_KEY = "recent"
RECENT_LIMIT = 20
# How long the index by link remembers a channel's latest original share of an article: the
# "already shared" window (24 h) plus an hour, so a share near the edge is still found.
INDEX_SECONDS = 25 * 3600


class ShareHistory:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def record(self, share: Share) -> None:
        """Remember a share; an outage loses it (logged by the store), never the reply."""
        keep_after = self._clock() - RETENTION_SECONDS
        try:
            self._store.add_scored(
                _channel_key(share.channel), share.to_json(), share.shared_at, keep_after
            )
            self._store.add_scored(RECENT_KEY, share.to_json(), share.shared_at, keep_after)
            if not share.repeat_of:
                self._index(share)
        except StoreUnavailable:
            return

    def _index(self, share: Share) -> None:
        """Point the channel's entries for the share's links (as shared, and canonical) at it,
        so "was this shared here?" is one read however busy the channel is."""
        links = {normalise_url(u) for u in (share.url, share.analysis.source.canonical_url) if u}
        entries = {_index_key(share.channel, link): share.to_json() for link in links}
        self._store.set_many(entries, INDEX_SECONDS)

    def record_skipped(self, link: SkippedLink) -> None:
        """Remember a link that could not be analysed; an outage loses it, never the reply."""
        keep_after = self._clock() - RETENTION_SECONDS
        try:
            self._store.add_scored(
                _skipped_key(link.channel), link.to_json(), link.shared_at, keep_after
            )
        except StoreUnavailable:
            return

    def between(self, channel: str, start: float, end: float) -> list[Share]:
        """The channel's shares in [start, end], oldest first."""
        return self._read(_channel_key(channel), start, end)

    def skipped_between(self, channel: str, start: float, end: float) -> list[SkippedLink]:
        """The channel's links that could not be analysed in [start, end], oldest first."""
        found = []
        for raw in self._members(_skipped_key(channel), start, end):
            try:
                found.append(SkippedLink.from_json(raw))
            except (ValueError, TypeError):
                continue  # written by an incompatible version: expires with retention
        return found

    def earlier_share(self, channel: str, url: str, within_seconds: float) -> Share | None:
        """The latest share of the same article (by normalised link) in the channel that was
        answered with the analysis (a repeat's thread holds only a pointer), if made within
        ``within_seconds`` (at most INDEX_SECONDS): one read of the index by link, whatever
        the channel's traffic."""
        try:
            raw = self._store.get(_index_key(channel, normalise_url(url)))
        except StoreUnavailable:
            return None
        found = next(_parsed([raw]), None) if raw else None
        if found is None or found.shared_at < self._clock() - within_seconds:
            return None
        return found

    def recent(self, channels: Container[str], limit: int = RECENT_LIMIT) -> list[Share]:
        """The latest shares in ``channels`` (those a person is in), newest first. The filter
        comes before the limit, so shares from other channels never crowd the list out.
        Repeats of a link are left out: the list is of analyses."""
        now = self._clock()
        newest_first = reversed(self._members(RECENT_KEY, now - RETENTION_SECONDS, now))
        theirs = (
            share
            for share in _parsed(newest_first)
            if share.channel in channels and not share.repeat_of
        )
        return list(itertools.islice(theirs, limit))

    def _read(self, key: str, start: float, end: float) -> list[Share]:
        return list(_parsed(self._members(key, start, end)))

    def _members(self, key: str, start: float, end: float) -> list[str]:
        try:
            return self._store.scored_between(key, start, end)
        except StoreUnavailable:
            return []


def _parsed(members: Iterable[str]) -> Iterator[Share]:
    for raw in members:
        try:
            yield Share.from_json(raw)
        except (RecordError, ValueError, TypeError, KeyError):
            continue  # written by an incompatible version: skipped, expires with retention


def _channel_key(channel: str) -> str:
    return f"shares:{channel}"


def _skipped_key(channel: str) -> str:
    return f"skipped:{channel}"


def _index_key(channel: str, normalised_link: str) -> str:
    """A fixed-length key however long the link (links may run to 8,192 characters)."""
    digest = hashlib.sha256(normalised_link.encode()).hexdigest()[:32]
    return f"share-index:{channel}:{digest}"
