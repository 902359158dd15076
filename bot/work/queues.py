"""The RQ side: one queue per lane under the key prefix (so every newsbot sharing a Redis has
its own), enqueueing with a stable job id, retries with backoff and a failure callback, and the
worker that runs them, interactive lane first.

Workers are RQ's SimpleWorker (a job runs in the worker's own process, on the models it loaded
once; no fork per job). While a job runs, a thread of the worker renews its heartbeat every
HEARTBEAT_SECONDS (the job itself keeps the main thread busy); a worker that dies mid-job stops
renewing, its job's entry in RQ's started registry lapses after HEARTBEAT_TTL_SECONDS, and
another worker's maintenance (every MAINTENANCE_SECONDS) finds it and retries it (or, out of
tries, moves it to the failed registry and the failure callback tells the person). A job that
runs too long is still ended by its own timeout.

Retries wait in RQ's scheduled registry. RQ's own scheduler runs in a process that one worker
forks and holds a lock on for a minute, so a dead worker would hold up every retry for that
minute; instead each worker's maintenance moves the retries that are due, under a lock that
lasts one maintenance interval.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from rq import Callback, Queue, Retry, SimpleWorker
from rq.job import Job as RqJob
from rq.utils import current_timestamp
from rq.worker import WorkerStatus

from bot.storage.redis_store import queue_connection
from bot.work.job import AUTOMATIC, INTERACTIVE, Job, Lane
from config.settings import Settings

log = logging.getLogger(__name__)

LANES: tuple[Lane, ...] = (INTERACTIVE, AUTOMATIC)  # in the order workers take them
HEARTBEAT_SECONDS = 2
HEARTBEAT_TTL_SECONDS = 8  # a dead worker's job is taken up again within this (+ maintenance)
MAINTENANCE_SECONDS = 2
RESULT_SECONDS = 600  # a finished job's record (its result is None)
FAILED_SECONDS = 7 * 24 * 3600  # a failed job stays in RQ's failed registry, with its reason
PERFORM = "bot.work.jobs.perform"
ON_FAILURE = "bot.work.jobs.on_failure"


class NewsbotWorker(SimpleWorker):
    """A SimpleWorker that keeps its running job's heartbeat short and renewed from a thread
    of its own, so that a dead worker's job counts as abandoned within seconds (RQ's own
    margin is the job's timeout plus a minute) and is taken up again."""

    def get_heartbeat_ttl(self, job: RqJob, working_time: float = 0.0) -> int:
        return HEARTBEAT_TTL_SECONDS

    def execute_job(self, job: RqJob, queue: Queue) -> None:
        execution = self.prepare_execution(job)
        done = threading.Event()
        beat = threading.Thread(
            target=self._keep_alive, args=(job, execution, done), name="rq-heartbeat", daemon=True
        )
        beat.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            done.set()
            beat.join(HEARTBEAT_SECONDS + 1)
        self.set_state(WorkerStatus.IDLE)

    def _keep_alive(self, job: RqJob, execution: Any, done: threading.Event) -> None:
        while not done.wait(HEARTBEAT_SECONDS):
            try:
                self.maintain_heartbeats(job, execution)
            except Exception:  # Redis blips: the next beat tries again, the TTL has room for it
                log.warning("heartbeat of job %s failed", job.id, exc_info=True)

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()  # type: ignore[no-untyped-call]
        self.enqueue_due_retries()

    def enqueue_due_retries(self) -> None:
        """Move the retries whose backoff has passed back onto their queues (one worker per
        interval does it: the lock expires with the interval)."""
        lock = f"rq:newsbot-retries:{self.queues[0].name}"
        if not self.connection.set(lock, self.name, nx=True, ex=MAINTENANCE_SECONDS):
            return
        for queue in self.queues:
            registry = queue.scheduled_job_registry
            due = registry.get_jobs_to_schedule(current_timestamp())
            found = RqJob.fetch_many(due, connection=self.connection)
            for job_id, job in zip(due, found, strict=True):
                if job is not None:
                    queue.enqueue_job(job)
                registry.remove(job_id)


class JobQueues:
    def __init__(self, settings: Settings, connection: Any = None) -> None:
        self.connection = connection if connection is not None else queue_connection(settings)
        self._work = settings.work
        self._queues = {
            lane: Queue(f"{settings.redis_prefix}{lane}", connection=self.connection)
            for lane in LANES
        }

    def ordered(self) -> list[Queue]:
        return [self._queues[lane] for lane in LANES]

    def enqueue(self, job: Job) -> None:
        self._queues[job.lane].enqueue_call(
            PERFORM,
            args=(job.to_dict(),),
            job_id=job.job_id,
            description=job.key,
            timeout=int(self._work.job_timeout),
            retry=Retry(max=len(self._work.retry_intervals), interval=self._work.retry_intervals),
            on_failure=Callback(ON_FAILURE),
            result_ttl=RESULT_SECONDS,
            failure_ttl=FAILED_SECONDS,
        )

    def ahead_of(self, lane: Lane) -> int:
        """Jobs a new one in ``lane`` waits behind: its lane's and those taken before it."""
        before = LANES[: LANES.index(lane) + 1]
        return sum(self._queues[name].count for name in before)

    def workers(self) -> int:
        return int(SimpleWorker.count(connection=self.connection, queue=self._queues[AUTOMATIC]))

    def close(self) -> None:
        self.connection.close()


def run_worker(settings: Settings, *, burst: bool = False) -> bool:
    """Take jobs until stopped (or, with ``burst``, until the queues are empty)."""
    queues = JobQueues(settings)
    worker = NewsbotWorker(
        queues.ordered(),
        connection=queues.connection,
        maintenance_interval=MAINTENANCE_SECONDS,
        worker_ttl=MAINTENANCE_SECONDS + 15,  # an idle worker wakes every MAINTENANCE_SECONDS
    )
    return bool(worker.work(burst=burst, logging_level=settings.log_level))
