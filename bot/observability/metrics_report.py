"""Reading the metrics back (`newsbot metrics`): the per-minute counters of a recent window
summed, and each kind of job's latency percentiles computed from its histogram.

A percentile is interpolated within its bucket, as Prometheus's histogram_quantile does: with
the buckets of `bot.observability.metrics`, it is exact to within a bucket's width, which is
what an operator needs (is p95 under a second or near a minute?). One past the last bucket
is reported as infinity ("over 300 s").
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.observability.metrics import (
    DIGEST_MESSAGES,
    FAILURE_PREFIX,
    LATENCY_BUCKETS,
    LATENCY_PREFIX,
    REPLIES,
    minute_key,
)
from bot.storage.store import Store

QUANTILES = (0.5, 0.95, 0.99)


@dataclass(frozen=True)
class JobLatency:
    kind: str
    count: int
    percentiles: dict[float, float]  # quantile -> seconds (inf: beyond the last bucket)


@dataclass(frozen=True)
class MetricsWindow:
    minutes: int
    replies: int = 0
    digest_messages: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # code -> count, most first
    jobs: list[JobLatency] = field(default_factory=list)


def read_window(store: Store, minutes: int, now: float) -> MetricsWindow:
    """The counters of the ``minutes`` minutes up to ``now`` (the current minute included)."""
    totals: Counter[str] = Counter()
    for back in range(minutes):
        for name, value in store.hash_get_all(minute_key(now - back * 60)).items():
            totals[name] += int(value) if value.lstrip("-").isdigit() else 0
    return summarise(totals, minutes)


def summarise(totals: Mapping[str, int], minutes: int) -> MetricsWindow:
    failures = Counter[str]()
    histograms: dict[str, dict[float, int]] = {}
    for name, count in totals.items():
        if name.startswith(FAILURE_PREFIX):
            failures[name.removeprefix(FAILURE_PREFIX)] += count
        elif name.startswith(LATENCY_PREFIX):
            kind, _, bound = name.removeprefix(LATENCY_PREFIX).rpartition(":")
            histogram = histograms.setdefault(kind, {})
            histogram[float(bound)] = histogram.get(float(bound), 0) + count
    jobs = [
        JobLatency(kind, sum(h.values()), {q: quantile(h, q) for q in QUANTILES})
        for kind, h in sorted(histograms.items())
    ]
    return MetricsWindow(
        minutes,
        totals.get(REPLIES, 0),
        totals.get(DIGEST_MESSAGES, 0),
        dict(failures.most_common()),
        jobs,
    )


def quantile(histogram: Mapping[float, int], q: float) -> float:
    """The ``q`` quantile of counts by bucket upper bound (LATENCY_BUCKETS, or inf),
    interpolated within the bucket it falls in; inf when it falls past the last bound."""
    total = sum(histogram.values())
    if total == 0:
        return math.nan
    rank = q * total
    below = 0
    for bound in sorted(histogram):
        count = histogram[bound]
        if count and below + count >= rank:
            if math.isinf(bound):
                return math.inf
            lower = _lower_bound(bound)
            return lower + (bound - lower) * (rank - below) / count
        below += count
    return math.inf


def _lower_bound(bound: float) -> float:
    """Where the bucket ending at ``bound`` starts: the bound before it (0 for the first)."""
    index = bisect.bisect_left(LATENCY_BUCKETS, bound)
    return LATENCY_BUCKETS[index - 1] if index > 0 else 0.0
