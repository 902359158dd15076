"""A thread pool that runs each task in the context it was submitted from, and times it.

Why: log context fields live in contextvars (`bot.observability.log_context`), and Python's
thread pools start every task in an empty context, so a Bolt listener (run after the ack, in
Bolt's pool) would log without the event id and channel its middleware set. This pool copies
the submitter's context into the task; the Bolt app and the digest clock's executor use it.

Each task's end is logged (INFO) with its duration_ms, and reported to ``on_done`` (the
metrics' job latency) with the kind of work: the context's ``job`` field, else the pool's own
``kind``. The task runs inside ``on_done.batch()``, so what it counts is written once
(`bot.observability.job_runs`).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from bot.observability.job_runs import JobObserver, observed_run
from bot.observability.log_context import current_fields

P = ParamSpec("P")
T = TypeVar("T")


class ContextPool(ThreadPoolExecutor):
    def __init__(
        self, max_workers: int, kind: str, on_done: JobObserver | None = None, name: str = ""
    ) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=name or f"newsbot-{kind}")
        self.kind = kind
        self.on_done = on_done

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()

        def observed() -> T:
            kind = str(current_fields().get("job", self.kind))
            with observed_run(kind, self.on_done):
                return fn(*args, **kwargs)

        return super().submit(context.run, observed)
