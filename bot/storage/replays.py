"""Remembering which signed Slack requests were already received, so a replay is refused.

Slack signs each HTTP request over its timestamp and body, and a signature passes Bolt's check
while the timestamp is within 5 minutes of the receiver's clock, either way. Anyone who captured
a request could send it again in that window and have it run again, so each signature is
remembered for as long as it could still pass: in Redis, which every web process shares, and in
a small in-process memory that also covers a Redis outage.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from bot.storage.store import Store, StoreUnavailable

SIGNATURE_WINDOW_SECONDS = 5 * 60
# A timestamp up to 5 minutes ahead passes too, so a signature can still be used 10 minutes after
# it first arrives; one more minute covers clock skew between the web processes.
MEMORY_SECONDS = 2 * SIGNATURE_WINDOW_SECONDS + 60
LOCAL_CAPACITY = 20_000  # far above what one process receives in MEMORY_SECONDS


class RecentKeys:
    """Keys remembered for ``ttl_seconds``, at most ``capacity`` of them (the oldest go first).
    Thread-safe: the web server handles requests in several threads."""

    def __init__(
        self, ttl_seconds: float, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._capacity = capacity
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()  # oldest first: one TTL for all
        self._lock = threading.Lock()

    def add(self, key: str) -> bool:
        """Remember ``key``: True if it was not remembered already."""
        with self._lock:
            now = self._clock()
            while self._expiry and next(iter(self._expiry.values())) <= now:
                self._expiry.popitem(last=False)
            if key in self._expiry:
                return False
            self._expiry[key] = now + self._ttl
            if len(self._expiry) > self._capacity:
                self._expiry.popitem(last=False)
            return True


class SignatureLedger:
    """Request signatures seen lately: Redis first-claims, backed by this process's memory."""

    def __init__(self, store: Store, local: RecentKeys | None = None) -> None:
        self._store = store
        self._local = local or RecentKeys(MEMORY_SECONDS, LOCAL_CAPACITY)

    def first_use(self, signature: str) -> bool:
        """True the first time a signature arrives at any process sharing the Redis; while
        Redis is down, the first time it arrives at this process."""
        if not self._local.add(signature):
            return False
        try:
            return self._store.claim(f"signature:{signature}", MEMORY_SECONDS)
        except StoreUnavailable:
            return True
