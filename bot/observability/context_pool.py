"""A thread pool that runs each task in the context it was submitted from, and times it.

Why: log context fields live in contextvars (`bot.observability.log_context`), and Python's
thread pools start every task in an empty context, so a Bolt listener (run after the ack, in
Bolt's pool) would log without the event id and channel its middleware set. This pool copies
the submitter's context into the task; the Bolt app and the digest clock's executor use it.

Each task's end is logged (INFO) with its duration_ms, and reported to ``on_done`` (the
metrics' job latency) with the kind of work: the context's ``job`` field, else the pool's own
``kind``. The task runs inside ``on_done.batch()``, so what it counts is written once.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import ParamSpec, Protocol, TypeVar

from bot.observability.log_context import current_fields, elapsed_ms, log_context

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class JobObserver(Protocol):
    """What the pool reports to (`bot.observability.metrics.Metrics`)."""

    def batch(self) -> AbstractContextManager[None]: ...

    def job_finished(self, kind: str, seconds: float, *, ok: bool) -> None: ...


class ContextPool(ThreadPoolExecutor):
    def __init__(
        self, max_workers: int, kind: str, on_done: JobObserver | None = None, name: str = ""
    ) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=name or f"newsbot-{kind}")
        self.kind = kind
        self.on_done = on_done

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()

        def timed() -> T:
            started = time.perf_counter()
            ok = False
            with self.on_done.batch() if self.on_done else nullcontext():
                try:
                    result = fn(*args, **kwargs)
                    ok = True
                    return result
                finally:
                    self._finished(started, ok=ok)

        return super().submit(context.run, timed)

    def _finished(self, started: float, *, ok: bool) -> None:
        took = elapsed_ms(started)
        kind = str(current_fields().get("job", self.kind))
        with log_context(duration_ms=took):
            log.info("%s %s", kind, "done" if ok else "failed")
        if self.on_done is not None:
            self.on_done.job_finished(kind, took / 1000, ok=ok)
