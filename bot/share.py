"""One share: who posted which article where and when, with newsbot's analysis of it; and
which shares are the same article.

Every share is kept, repeats of a link included (``repeat_of`` names the share whose thread
holds the analysis), so the digest and `/newsbot entity` can say how often and by how many
people an article was shared.

Shares are the same article when their links agree after ``normalise_url`` (the shared link,
the page's own URL or its canonical URL), or, for pasted text (no link at all), when their
titles agree. Keys join transitively: a share of link A whose page says canonical B joins a
later share of link B.

Plain data, the unit the share history stores and the digest and renderers read, kept apart
from the history so that pure code (the digest, Block Kit) imports no storage.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from analyzers.ingest.links import normalise_url
from analyzers.record import Analysis


@dataclass(frozen=True)
class Posted:
    """Where and when something was shared: the channel, the Slack message, the time."""

    channel: str
    message_ts: str
    shared_at: float


@dataclass(frozen=True)
class Share(Posted):
    analysis: Analysis
    url: str | None = None
    user: str | None = None
    permalink: str | None = None
    repeat_of: str | None = None  # message_ts of the first share, for a repeat of its link

    def to_json(self) -> str:
        data = asdict(self)
        data["analysis"] = self.analysis.to_dict()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Share:
        data: dict[str, Any] = json.loads(raw)
        data["analysis"] = Analysis.from_dict(data["analysis"])
        return cls(**data)


@dataclass(frozen=True)
class SkippedLink(Posted):
    """A link shared in a channel that newsbot could not analyse (not English, not an article,
    unreachable...), and the reason it gave the person who shared it: the digest lists these
    too, so that nothing shared goes missing from it."""

    url: str
    reason: str
    user: str | None = None
    permalink: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> SkippedLink:
        data: dict[str, Any] = json.loads(raw)
        return cls(**data)


def group_articles(shares: Sequence[Share]) -> list[list[Share]]:
    """Shares grouped by article, oldest share first in each group and groups in order of
    their first share."""
    groups: list[list[Share]] = []
    keys: list[set[str]] = []
    for share in sorted(shares, key=lambda s: s.shared_at):
        own = _article_keys(share)
        hits = [i for i, known in enumerate(keys) if own & known]
        if not hits:
            groups.append([share])
            keys.append(own)
            continue
        first = hits[0]
        for i in reversed(hits[1:]):  # this share bridges articles: they were one all along
            groups[first] += groups.pop(i)
            keys[first] |= keys.pop(i)
        groups[first].append(share)
        keys[first] |= own
    for group in groups:
        group.sort(key=lambda s: s.shared_at)
    return groups


def _article_keys(share: Share) -> set[str]:
    source = share.analysis.source
    links = {f"url:{normalise_url(u)}" for u in (share.url, source.url, source.canonical_url) if u}
    if links:
        return links
    if source.title and source.title.strip():
        return {"title:" + " ".join(source.title.split()).casefold()}
    return {f"share:{share.channel}:{share.message_ts}"}  # untitled paste: only itself
