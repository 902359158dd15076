"""What newsbot asks of its key-value store, whatever keeps the data.

The modules above storage (the analysis cache, the event ledger, the share history, the
digest clock) are written against this protocol, never against a client library: Redis in
production (`bot.storage.redis_store.RedisStore`, the only module that imports redis), a
dictionary in unit tests that need no server (`bot.storage.memory_store.MemoryStore`). One
contract test (tests/test_store_contract.py) runs against both, so they cannot drift.

Keys are given without any prefix; values are strings (JSON above this layer). A store that
cannot answer raises `StoreUnavailable`, and each caller decides what an outage means for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from apscheduler.jobstores.base import BaseJobStore


class StoreUnavailable(Exception):
    """The store could not be reached or answered with an error."""


class Store(Protocol):
    def get(self, key: str) -> str | None: ...

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        """The value under each key, None where there is none (or it is not a plain value)."""
        ...

    def set_many(self, values: Mapping[str, str], ttl_seconds: int | None = None) -> None:
        """Set each key, replacing what was there; without ``ttl_seconds``, for good."""
        ...

    def claim(self, key: str, ttl_seconds: int, value: str = "1") -> bool:
        """Set ``key`` only if nobody has: True for the one caller that got it."""
        ...

    def delete(self, key: str) -> None: ...

    def take(self, key: str) -> str | None:
        """Read and delete ``key`` at once: only one caller gets the value (a one-time OAuth
        state is consumed once, however many requests carry it)."""
        ...

    def delete_prefixed(self, prefix: str) -> int:
        """Delete every key starting with ``prefix`` (a workspace's data when it uninstalls),
        in bounded batches so that a big workspace never blocks the store; how many went."""
        ...

    def add_scored(self, key: str, member: str, score: float, keep_after: float) -> None:
        """Add to a sorted set and drop members scored below ``keep_after`` (old entries)."""
        ...

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        """Members scored within [low, high], oldest first (equal scores by member)."""
        ...

    def hash_get_all(self, key: str) -> dict[str, str]: ...

    def hash_set(self, key: str, values: Mapping[str, str]) -> None:
        """Set these fields of the hash, keeping its others."""
        ...

    def ping(self) -> bool:
        """Whether the store answers now (the readiness check)."""
        ...

    def guarded(self) -> AbstractContextManager[None]:
        """Calls a library makes on the store's own connections (the scheduler's job store)
        run inside this, so that its failures count as outages like the store's own calls
        and come out as `StoreUnavailable`."""
        ...

    def scheduler_jobs(self) -> BaseJobStore:
        """An APScheduler job store keeping the digest clock's jobs beside the other data,
        so every process sharing the store shares the jobs."""
        ...

    def close(self) -> None: ...
