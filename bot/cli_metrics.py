"""`newsbot metrics`: what the operator of a scaled-out newsbot asks first, read from Redis,
which every process shares: which process is the digest clock and for how long, and, over
the last minutes, replies posted, failures by code and each kind of job's latency
percentiles, and in queue mode each work queue's waiting and failed jobs. ``--json``
prints the same as one object, for a monitoring script."""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Sequence
from typing import Any

from bot.digest.standby import CLOCK_LEASE_KEY
from bot.observability.metrics_report import MetricsWindow, read_window
from bot.observability.queue_stats import CountedQueue, QueueDepth, queue_depths
from bot.storage.lease import Holder, lease_holder
from bot.storage.redis_store import RedisStore
from bot.terminal.console import out
from config.settings import Settings

EXIT_OK = 0


def run_metrics(args: argparse.Namespace, settings: Settings) -> int:
    store = RedisStore.open(settings)
    try:
        now = time.time()
        holder = lease_holder(store, CLOCK_LEASE_KEY)
        window = read_window(store, args.minutes, now)
    finally:
        store.close()
    queues = work_queue_depths(settings)
    if args.json:
        out(json.dumps(as_json(holder, window, now, queues), ensure_ascii=False))
    else:
        out(as_text(holder, window, now, queues))
    return EXIT_OK


def work_queue_depths(settings: Settings) -> list[QueueDepth]:
    """The queue mode's queues (bot/work/), a person waiting first; none in inline mode.
    Imported here: RQ is needed only when there are queues to read."""
    if not settings.work.queued:
        return []
    from bot.work.queues import LANES, JobQueues  # noqa: PLC0415

    queues = JobQueues(settings)
    try:
        by_lane: dict[str, CountedQueue] = dict(zip(LANES, queues.ordered(), strict=True))
        return queue_depths(LANES, by_lane.get)
    finally:
        queues.close()


def as_json(
    holder: Holder | None, window: MetricsWindow, now: float, queues: Sequence[QueueDepth] = ()
) -> dict[str, Any]:
    clock = None if holder is None else {"holder": holder.owner, "age_seconds": now - holder.since}
    return {
        "queues": {q.name: {"waiting": q.waiting, "failed": q.failed} for q in queues},
        "digest_clock": clock,
        "minutes": window.minutes,
        "replies": window.replies,
        "digest_messages": window.digest_messages,
        "failures": window.failures,
        "jobs": {
            job.kind: {
                "count": job.count,
                **{f"p{round(q * 100)}": _json_number(s) for q, s in job.percentiles.items()},
            }
            for job in window.jobs
        },
    }


def as_text(
    holder: Holder | None, window: MetricsWindow, now: float, queues: Sequence[QueueDepth] = ()
) -> str:
    clock = (
        "no clock holds the lease"
        if holder is None
        else f"{holder.owner}, active for {_duration(now - holder.since)}"
    )
    failures = ", ".join(f"{code} {count}" for code, count in window.failures.items())
    lines = [
        f"digest clock     {clock}",
        f"last {window.minutes} min (all processes)",
        f"replies posted   {window.replies}",
        f"digest messages  {window.digest_messages}",
        f"failures         {failures or 'none'}",
    ]
    if window.jobs:
        lines.append(f"{'job latency':<14}{'count':>7}{'p50':>10}{'p95':>10}{'p99':>10}")
        for job in window.jobs:
            shown = "".join(f"{_seconds(s):>10}" for s in job.percentiles.values())
            lines.append(f"  {job.kind:<12}{job.count:>7}{shown}")
    if queues:
        lines.append(f"{'queues':<14}{'waiting':>7}{'failed':>10}")
        lines += [f"  {q.name:<12}{q.waiting:>7}{q.failed:>10}" for q in queues]
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def _seconds(value: float) -> str:
    if math.isinf(value):
        return "> 300 s"
    return "-" if math.isnan(value) else f"{value:.2f} s"


def _json_number(value: float) -> float | str | None:
    if math.isnan(value):
        return None
    return "inf" if math.isinf(value) else round(value, 3)
