"""The share history's reading of what was kept: what App Home lists for a person. The store
is the in-memory one (tests/test_store_contract.py holds it to Redis's answers); the share
history on a real Redis is exercised by the Slack app and digest tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from bot.share import Share
from bot.storage.history import INDEX_SECONDS, RECENT_LIMIT, RETENTION_SECONDS, ShareHistory
from bot.storage.memory_store import MemoryStore
from tests.fakes.clock import ManualClock
from tests.test_record import make_analysis

START = 1_800_000_000.0


def share(channel: str, at: float, url: str | None = None) -> Share:
    link = url or f"https://example.com/{at}"
    return Share(channel, f"{at:.6f}", at, make_analysis(), url=link)


def history_with(*shares: Share) -> ShareHistory:
    clock = ManualClock(max(s.shared_at for s in shares) + 1)
    history = ShareHistory(MemoryStore(clock), clock=clock)
    for item in shares:
        history.record(item)
    return history


def test_recent_lists_only_the_given_channels_even_when_others_are_busier() -> None:
    theirs = [share("C0MINE", START), share("D0MINE", START + 1)]
    others = [share("G0PRIVATE", START + 10 + n) for n in range(RECENT_LIMIT + 5)]
    history = history_with(*theirs, *others)
    found = history.recent({"C0MINE", "D0MINE"})
    assert [s.channel for s in found] == ["D0MINE", "C0MINE"]  # newest first
    assert history.recent(set()) == []


def test_recent_stops_at_the_limit_newest_first() -> None:
    history = history_with(*[share("C0MINE", START + n) for n in range(RECENT_LIMIT + 3)])
    found = history.recent({"C0MINE"})
    assert len(found) == RECENT_LIMIT
    assert found[0].shared_at == START + RECENT_LIMIT + 2


def test_between_is_one_channels_shares_oldest_first_bounds_included() -> None:
    history = history_with(
        share("C0MINE", START + 2), share("C0MINE", START), share("C0OTHER", START + 1)
    )
    assert [s.shared_at for s in history.between("C0MINE", START, START + 2)] == [
        START,
        START + 2,
    ]
    assert history.between("C0MINE", START + 0.5, START + 1.5) == []


def test_shares_older_than_the_retention_are_dropped_when_the_next_one_is_kept() -> None:
    old = share("C0MINE", START)
    history = history_with(old, share("C0MINE", START + RETENTION_SECONDS + 1))
    assert [s.shared_at for s in history.between("C0MINE", 0, START + 2 * RETENTION_SECONDS)] == [
        START + RETENTION_SECONDS + 1
    ]


def test_an_earlier_share_is_found_by_its_normalised_link_within_the_window() -> None:
    first = share("C0MINE", START, url="https://Example.com/story?utm_source=x")
    history = history_with(first, share("C0MINE", START + 5, url="https://example.com/other"))
    found = history.earlier_share("C0MINE", "https://example.com/story#top", 60)
    assert found == first
    assert history.earlier_share("C0OTHER", "https://example.com/story", 60) is None
    assert history.earlier_share("C0MINE", "https://example.com/story", 1) is None


def test_a_repeat_leaves_the_index_on_the_share_that_holds_the_analysis() -> None:
    first = share("C0MINE", START, url="https://example.com/story")
    repeat = Share("C0MINE", "2.0", START + 5, make_analysis(), url="https://example.com/story")
    history = history_with(first, replace(repeat, repeat_of=first.message_ts))
    assert history.earlier_share("C0MINE", "https://example.com/story", 60) == first


class CountingStore(MemoryStore):
    """Counts the values read from the store (each one is sent over and parsed)."""

    reads = 0

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        found = super().get_many(keys)
        self.reads += len(found)
        return found

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        found = super().scored_between(key, low, high)
        self.reads += len(found)
        return found


@pytest.mark.parametrize("traffic", [1, 500])
def test_an_earlier_share_costs_one_value_read_whatever_the_traffic(traffic: int) -> None:
    clock = ManualClock(START + traffic + 1)
    store = CountingStore(clock)
    history = ShareHistory(store, clock=clock)
    for n in range(traffic):
        history.record(share("C0BUSY", START + n))
    store.reads = 0
    assert history.earlier_share("C0BUSY", f"https://example.com/{START}", 86400) is not None
    assert history.earlier_share("C0BUSY", "https://example.com/never", 86400) is None
    assert store.reads == 2


def test_the_index_forgets_a_share_after_its_window() -> None:
    first = share("C0MINE", START, url="https://example.com/story")
    clock = ManualClock(START)
    history = ShareHistory(MemoryStore(clock), clock=clock)
    history.record(first)
    clock.advance(INDEX_SECONDS + 1)
    assert history.earlier_share("C0MINE", "https://example.com/story", 10 * INDEX_SECONDS) is None
