"""One run of a job, observed: its log context set, its end logged with duration_ms, and its
latency (and failure) counted in the metrics, with everything it counted written in one call.

Used where work starts: the Bolt listener pool and the digest clock's executor
(`bot.observability.context_pool`), and a queue worker's job runners (`bot.compose`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Protocol

from bot.observability.log_context import Value, elapsed_ms, log_context

log = logging.getLogger(__name__)


class JobObserver(Protocol):
    """What a run reports to (`bot.observability.metrics.Metrics`)."""

    def batch(self) -> AbstractContextManager[None]: ...

    def job_finished(self, kind: str, seconds: float, *, ok: bool) -> None: ...


@contextmanager
def observed_run(
    kind: str, observer: JobObserver | None = None, **fields: Value | None
) -> Iterator[None]:
    """Run the block as one job of ``kind`` with ``fields`` in its log context; an exception
    counts it as failed and goes on up."""
    started = time.perf_counter()
    ok = False
    with log_context(job=kind, **fields), observer.batch() if observer else nullcontext():
        try:
            yield
            ok = True
        finally:
            took = elapsed_ms(started)
            with log_context(duration_ms=took):
                log.info("%s %s", kind, "done" if ok else "failed")
            if observer is not None:
                observer.job_finished(kind, took / 1000, ok=ok)
