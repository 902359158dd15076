"""The `Store` protocol in a dictionary: for unit tests whose point is not Redis (the share
history's ordering, the replay ledger, the cache's keys), so they need no server.

It keeps Redis's meaning where callers can tell: a key set with a TTL is gone once the
clock passes it, a claim wins only on an absent key, a sorted set is read in score order
(equal scores by member), a hash is merged, a key of another kind is an error for
the sorted-set and hash calls and a miss for `get_many`. Thread-safe, as the bot handles
events in several threads; the clock is injectable so tests move time instead of waiting.
The contract test (tests/test_store_contract.py) holds it to the same answers as Redis.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from bot.storage.store import StoreUnavailable

if TYPE_CHECKING:
    from apscheduler.jobstores.base import BaseJobStore


class _Hash(dict[str, str]):
    """A Redis hash: field -> value."""


class _Scores(dict[str, float]):
    """A Redis sorted set: member -> score."""


Collection = TypeVar("Collection", _Hash, _Scores)


@dataclass
class _Entry:
    value: str | _Hash | _Scores  # the kind tells a plain value, a hash and a sorted set apart
    expires_at: float | None = None


class MemoryStore:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    def get(self, key: str) -> str | None:
        return self.get_many([key])[0]

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        with self._lock:
            found = [self._live(key) for key in keys]
        return [e.value if e and isinstance(e.value, str) else None for e in found]

    def set_many(self, values: Mapping[str, str], ttl_seconds: int | None = None) -> None:
        with self._lock:
            expires = self._expiry(ttl_seconds)
            for key, value in values.items():
                self._entries[key] = _Entry(value, expires)

    def claim(self, key: str, ttl_seconds: int, value: str = "1") -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._entries[key] = _Entry(value, self._expiry(ttl_seconds))
            return True

    def delete(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def take(self, key: str) -> str | None:
        with self._lock:
            entry = self._live(key)
            if entry is None or not isinstance(entry.value, str):
                return None
            del self._entries[key]
            return entry.value

    def delete_prefixed(self, prefix: str) -> int:
        with self._lock:
            doomed = [key for key in self._entries if key.startswith(prefix)]
            live = [key for key in doomed if self._live(key) is not None]
            for key in doomed:
                self._entries.pop(key, None)
        return len(live)

    def add_scored(self, key: str, member: str, score: float, keep_after: float) -> None:
        with self._lock:
            scores = self._collection(key, _Scores, create=True)
            scores[member] = score
            for old in [m for m, s in scores.items() if s < keep_after]:
                del scores[old]
            if not scores:  # Redis drops an emptied set
                del self._entries[key]

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        with self._lock:
            scores = self._collection(key, _Scores)
            inside = [(s, m) for m, s in scores.items() if low <= s <= high]
        return [m for s, m in sorted(inside, key=lambda sm: (sm[0], sm[1].encode()))]

    def hash_get_all(self, key: str) -> dict[str, str]:
        with self._lock:
            return dict(self._collection(key, _Hash))

    def hash_set(self, key: str, values: Mapping[str, str]) -> None:
        with self._lock:
            self._collection(key, _Hash, create=True).update(values)

    def ping(self) -> bool:
        return True

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Nothing to guard: a dictionary has no outages."""
        yield

    def scheduler_jobs(self) -> BaseJobStore:
        """APScheduler's own in-memory job store: the jobs live as long as this store."""
        from apscheduler.jobstores.memory import MemoryJobStore  # noqa: PLC0415

        return MemoryJobStore()

    def close(self) -> None:
        """Nothing to release; the data stays readable, as a closed client's server's would."""

    def _live(self, key: str) -> _Entry | None:
        """The entry under ``key`` unless its TTL has passed (then it is dropped)."""
        entry = self._entries.get(key)
        if entry is not None and entry.expires_at is not None and entry.expires_at <= self._clock():
            del self._entries[key]
            return None
        return entry

    def _collection(self, key: str, kind: type[Collection], *, create: bool = False) -> Collection:
        """The hash or sorted set under ``key``: a new empty one if absent (stored only with
        ``create``), StoreUnavailable if the key holds another kind, as Redis's WRONGTYPE."""
        entry = self._live(key)
        if entry is None:
            fresh = kind()
            if create:
                self._entries[key] = _Entry(fresh)
            return fresh
        if not isinstance(entry.value, kind):
            raise StoreUnavailable(f"WRONGTYPE: {key} holds another kind of value")
        return entry.value

    def _expiry(self, ttl_seconds: int | None) -> float | None:
        return None if ttl_seconds is None else self._clock() + ttl_seconds
