"""The share history on a real Redis: what App Home lists for a person."""

from __future__ import annotations

import redis

from bot.share import Share
from bot.storage.history import RECENT_LIMIT, ShareHistory
from bot.storage.redis_store import RedisStore
from tests.test_record import make_analysis


def share(channel: str, at: float) -> Share:
    return Share(channel, f"{at:.6f}", at, make_analysis(), url=f"https://example.com/{at}")


def history_with(redis_client: redis.Redis, redis_prefix: str, *shares: Share) -> ShareHistory:
    now = max(s.shared_at for s in shares) + 1
    history = ShareHistory(RedisStore(redis_client, redis_prefix), clock=lambda: now)
    for item in shares:
        history.record(item)
    return history


def test_recent_lists_only_the_given_channels_even_when_others_are_busier(
    redis_client: redis.Redis, redis_prefix: str
) -> None:
    start = 1_800_000_000.0
    theirs = [share("C0MINE", start), share("D0MINE", start + 1)]
    others = [share("G0PRIVATE", start + 10 + n) for n in range(RECENT_LIMIT + 5)]
    history = history_with(redis_client, redis_prefix, *theirs, *others)
    found = history.recent({"C0MINE", "D0MINE"})
    assert [s.channel for s in found] == ["D0MINE", "C0MINE"]  # newest first
    assert history.recent(set()) == []


def test_recent_stops_at_the_limit_newest_first(
    redis_client: redis.Redis, redis_prefix: str
) -> None:
    start = 1_800_000_000.0
    history = history_with(
        redis_client, redis_prefix, *[share("C0MINE", start + n) for n in range(RECENT_LIMIT + 3)]
    )
    found = history.recent({"C0MINE"})
    assert len(found) == RECENT_LIMIT
    assert found[0].shared_at == start + RECENT_LIMIT + 2
