"""The functions RQ calls by name in a worker process: run a job on the process's runtime
(built once at start-up, `bot.work.runtime.install`), and tell the person who asked when a job
fails for good. Failures that RQ will retry are not told."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

from rq.job import Job as RqJob

from bot.work.job import Job, TryAgain
from bot.work.runtime import installed

log = logging.getLogger(__name__)


def perform(payload: dict[str, Any]) -> None:
    """One try of a job. A fault that may pass is raised (TryAgain), for RQ to try again
    after its backoff or, out of tries, to keep the job as failed and call `on_failure`."""
    installed().run(Job.from_dict(payload), queued=True)


def on_failure(
    job: RqJob,
    connection: Any,
    kind: type[BaseException] | None,
    error: BaseException | None,
    traceback: TracebackType | None,
) -> None:
    """RQ's failure callback, after every failed try (a raised error, or a worker that died
    mid-job): only once no retry is left is the person told."""
    if job.retries_left:
        return
    log.warning("job %s failed for good: %r", job.description, error)
    reason = str(error) if isinstance(error, TryAgain) else None  # else: an error of ours
    installed().failed(Job.from_dict(job.args[0]), reason)
