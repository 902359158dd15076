"""Handing a job over after the ack: inline (run in this process, on a small pool of its own)
or onto the RQ queue, with backpressure either way.

The queue is bounded: past NEWSBOT_QUEUE_BUSY_DEPTH jobs waiting, a job is still taken but the
outcome says how many wait and about how long that takes (the listener tells the person); past
NEWSBOT_QUEUE_MAX_DEPTH it is refused (the depth is read, then the job enqueued: listeners
running at once may overshoot the cap by as many as run, a handful per web process). Nothing
waits in the web process's memory. A job whose
key was already taken (Slack's redelivery, a second web process) is not enqueued again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from slack_sdk import WebClient

from bot.services import Services
from bot.storage.store import Store, StoreUnavailable
from bot.work.job import Job
from bot.work.queues import JobQueues
from bot.work.runtime import Runtime
from config.settings import WorkSettings

log = logging.getLogger(__name__)

INLINE_THREADS = 2  # analyses at once in one process: the model's own threads use the cores
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
    """Runs jobs in this process, on ``threads`` threads of its own rather than in Bolt's
    listener threads: the listeners return at once, so acks and the answers that need no
    analysis (the fast lane) never wait behind analyses. The jobs waiting are counted and
    bounded by the same depths as the queue's, so a burst costs bounded memory."""

    def __init__(self, runtime: Runtime, work: WorkSettings, threads: int = INLINE_THREADS) -> None:
        self._runtime = runtime
        self._work = work
        self._threads = threads
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="newsbot-job")
        self._lock = threading.Lock()
        self._pending = 0

    def submit(self, job: Job, client: WebClient) -> Outcome:
        with self._lock:
            waiting = max(0, self._pending - self._threads)
            if waiting >= self._work.queue_max_depth:
                return Outcome(Admission.REFUSED, waiting)
            self._pending += 1
        self._pool.submit(self._run, job, client)
        if waiting < self._work.queue_busy_depth:
            return Outcome(Admission.ACCEPTED, waiting)
        seconds = (waiting + 1) * self._work.job_seconds_estimate / self._threads
        return Outcome(Admission.BUSY, waiting, seconds)

    def _run(self, job: Job, client: WebClient) -> None:
        try:
            self._runtime.run(job, queued=False, client=client)
        except Exception:  # the runners tell the person; this only keeps the pool alive
            log.exception("job %s failed", job.key)
        finally:
            with self._lock:
                self._pending -= 1


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
