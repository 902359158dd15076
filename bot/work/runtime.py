"""What runs a job, built once per process: the services (models loaded once), each team's Web
API client and the job runners the composition root hands over (the Slack listeners' replies).

A web process in inline mode runs its jobs through its own runtime; a worker process installs
one at start-up, and the RQ entry points (`bot.work.jobs`) find it there, so nothing is rebuilt
per job. A finished job is marked done under its key, so a retry of a job that finished (a
worker that died after replying, before RQ heard of it) is not answered twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.services import Services
from bot.storage.store import StoreUnavailable
from bot.work.job import Job

log = logging.getLogger(__name__)

DONE_SECONDS = 24 * 3600  # as long as Slack may redeliver an event (the event ledger's memory)

# Runs one job; ``queued``: on a worker, where a fault that may pass is raised as TryAgain for
# the queue to retry (and to tell the person once out of tries), not told at once.
Runner = Callable[[Services, WebClient, Job, bool], None]
# The Web API client of a team (its bot token), for a job run away from the request.
TeamClient = Callable[[str], WebClient]
# Tells the person who asked that their job failed for good, and why (None: an error of ours,
# a timeout, or workers that died working on it).
FailureNotice = Callable[[Services, WebClient, Job, str | None], None]


@dataclass
class Runtime:
    services: Services
    clients: TeamClient
    runners: Mapping[str, Runner]
    tell_failure: FailureNotice

    def run(self, job: Job, *, queued: bool, client: WebClient | None = None) -> None:
        """``client``: the listener's (inline); else the job's team's."""
        services = self.services.for_team(job.team_id)
        if _done(services, job):
            log.info("job %s already done", job.key)
            return
        self.runners[job.kind](services, client or self.clients(job.team_id), job, queued)
        _mark_done(services, job)

    def failed(self, job: Job, reason: str | None) -> None:
        """The job will not be tried again: the person who asked hears of it."""
        services = self.services.for_team(job.team_id)
        self.tell_failure(services, self.clients(job.team_id), job, reason)


def _done(services: Services, job: Job) -> bool:
    try:
        return services.store.get(_done_key(job)) is not None
    except StoreUnavailable:
        return False


def _mark_done(services: Services, job: Job) -> None:
    try:
        services.store.set_many({_done_key(job): "1"}, DONE_SECONDS)
    except StoreUnavailable:
        log.warning("could not mark job %s done (Redis down)", job.key)


def _done_key(job: Job) -> str:
    return f"job-done:{job.job_id}"


_installed: Runtime | None = None


def install(runtime: Runtime) -> None:
    """The worker process's runtime, which the RQ entry points run jobs on."""
    global _installed  # noqa: PLW0603 (one per process, set once at start-up)
    _installed = runtime


def installed() -> Runtime:
    if _installed is None:
        raise RuntimeError("no job runtime installed: jobs run in `newsbot worker` processes")
    return _installed
