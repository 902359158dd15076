"""Handing a job over after the ack: inline (run here and now, in the listener's thread, as one
process always did) or onto the RQ queue, with backpressure.

The queue is bounded: past NEWSBOT_QUEUE_BUSY_DEPTH jobs waiting, a job is still taken but the
outcome says how many wait and about how long that takes (the listener tells the person); past
NEWSBOT_QUEUE_MAX_DEPTH it is refused (the depth is read, then the job enqueued: listeners
running at once may overshoot the cap by as many as run, a handful per web process). Nothing
waits in the web process's memory. A job whose
key was already taken (Slack's redelivery, a second web process) is not enqueued again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from slack_sdk import WebClient

from bot.services import Services
from bot.storage.store import Store, StoreUnavailable
from bot.work.job import Job
from bot.work.queues import JobQueues
from bot.work.runtime import Runtime

log = logging.getLogger(__name__)

QUEUED_SECONDS = 24 * 3600  # a job key stays taken as long as Slack may redeliver its event


class Admission(Enum):
    ACCEPTED = "accepted"  # done (inline) or queued with few ahead
    BUSY = "busy"  # queued behind many: the person is told when to expect the answer
    REFUSED = "refused"  # the queue is full: not queued, the person is told
    UNAVAILABLE = "unavailable"  # the queue cannot be reached: not queued, the person is told
    DUPLICATE = "duplicate"  # already queued once: nothing to do


@dataclass(frozen=True)
class Outcome:
    admission: Admission
    waiting: int = 0  # jobs ahead of this one
    wait_seconds: float = 0.0  # about how long until it is answered


class Dispatcher(Protocol):
    def submit(self, job: Job, client: WebClient) -> Outcome:
        """``client``: the listener's, authorised for the job's team (used inline only)."""
        ...


class InlineDispatcher:
    """Runs the job in the calling thread (a listener's, after its ack): one process."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    def submit(self, job: Job, client: WebClient) -> Outcome:
        self._runtime.run(job, queued=False, client=client)
        return Outcome(Admission.ACCEPTED)


class QueueDispatcher:
    """Enqueues the job on RQ for a worker process."""

    def __init__(self, services: Services, queues: JobQueues) -> None:
        self._services = services
        self._queues = queues
        self._work = services.settings.work

    def submit(self, job: Job, client: WebClient) -> Outcome:
        store = self._services.for_team(job.team_id).store
        try:
            if not store.claim(_queued_key(job), QUEUED_SECONDS):
                return Outcome(Admission.DUPLICATE)
        except StoreUnavailable:
            return Outcome(Admission.UNAVAILABLE)
        try:
            outcome = self._enqueue(job)
        except Exception:  # redis' own errors (only bot.storage.redis_store may name them)
            log.exception("could not enqueue job %s", job.key)
            outcome = Outcome(Admission.UNAVAILABLE)
        if outcome.admission in {Admission.REFUSED, Admission.UNAVAILABLE}:
            _release(store, job)
        return outcome

    def _enqueue(self, job: Job) -> Outcome:
        waiting = self._queues.ahead_of(job.lane)
        if waiting >= self._work.queue_max_depth:
            return Outcome(Admission.REFUSED, waiting)
        self._queues.enqueue(job)
        if waiting < self._work.queue_busy_depth:
            return Outcome(Admission.ACCEPTED, waiting)
        workers = max(1, self._queues.workers())
        seconds = (waiting + 1) * self._work.job_seconds_estimate / workers
        return Outcome(Admission.BUSY, waiting, seconds)


def _release(store: Store, job: Job) -> None:
    """A job not queued may be asked for again."""
    try:
        store.delete(_queued_key(job))
    except StoreUnavailable:
        return


def _queued_key(job: Job) -> str:
    return f"job-queued:{job.job_id}"
