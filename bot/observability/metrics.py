"""Counters newsbot's processes write to the store for `newsbot metrics`: replies posted,
failures by code, and a latency histogram per kind of job, in one hash per minute.

Why this shape: every process adds to the same per-minute hash (HINCRBY), so the numbers are
the fleet's, however many web, worker and clock processes run, with nothing kept in a
process's memory. Each hash expires after RETENTION_SECONDS and holds a bounded set of fields
(fixed latency buckets, a few kinds of job, error codes cut to a short slug), so the store's
share stays small and fixed. Percentiles come from the buckets when read
(`bot.observability.metrics_report`).

Recording is cheap: inside `batch()` (the Bolt listeners' and the digest jobs' pool opens one
per task) everything a task counts goes out in one pipelined call when it ends; outside, each
count is one call. A store that does not answer loses the counts, never the reply.
"""

from __future__ import annotations

import bisect
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from bot.storage.store import Store, StoreUnavailable

log = logging.getLogger(__name__)

RETENTION_SECONDS = 24 * 3600
# Upper bounds (seconds) of the latency buckets; a slower job counts in "inf".
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
REPLIES = "replies"
DIGEST_MESSAGES = "digest_messages"
FAILURE_PREFIX = "failures:"
LATENCY_PREFIX = "latency:"
MAX_SLUG_CHARS = 40

_pending: ContextVar[Counter[str] | None] = ContextVar("newsbot_metrics_batch", default=None)


def minute_key(at: float) -> str:
    return f"metrics:{int(at // 60)}"


def slug(text: str) -> str:
    """A code or kind as a short field name part: a bound on how many fields there can be."""
    cleaned = re.sub(r"[^a-z0-9_.-]+", "_", text.lower()).strip("_")
    return cleaned[:MAX_SLUG_CHARS] or "unknown"


def failure_field(code: str) -> str:
    return FAILURE_PREFIX + ":".join(slug(part) for part in code.split(":", 1))


def latency_field(kind: str, seconds: float) -> str:
    index = bisect.bisect_left(LATENCY_BUCKETS, seconds)
    bound = f"{LATENCY_BUCKETS[index]:g}" if index < len(LATENCY_BUCKETS) else "inf"
    return f"{LATENCY_PREFIX}{slug(kind)}:{bound}"


class Metrics:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock

    def reply_posted(self, *, digest: bool = False) -> None:
        self.add({DIGEST_MESSAGES if digest else REPLIES: 1})

    def failed(self, code: str) -> None:
        """One failure, by a code such as ``slack:ratelimited`` or ``job:digest``."""
        self.add({failure_field(code): 1})

    def job_finished(self, kind: str, seconds: float, *, ok: bool) -> None:
        counts = {latency_field(kind, seconds): 1}
        if not ok:
            counts[failure_field(f"job:{kind}")] = 1
        self.add(counts)

    def add(self, counts: Mapping[str, int]) -> None:
        pending = _pending.get()
        if pending is not None:
            pending.update(counts)
        else:
            self._write(counts)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold what is counted within the block and write it in one call at its end (an
        enclosing batch writes it instead)."""
        if _pending.get() is not None:
            yield
            return
        token = _pending.set(Counter())
        try:
            yield
        finally:
            counts = _pending.get() or Counter()
            _pending.reset(token)
            self._write(counts)

    def _write(self, counts: Mapping[str, int]) -> None:
        if not counts:
            return
        try:
            self.store.hash_increment(minute_key(self._clock()), counts, RETENTION_SECONDS)
        except StoreUnavailable as exc:
            log.debug("metrics not recorded (%s)", exc)
