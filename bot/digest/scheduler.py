"""The digest clock: APScheduler 3 with its Redis job store, one cron job per channel at the
channel's local time and zone, plus a job that keeps that list in step with the channels the
bot is in. Jobs are thin: they call `bot.digest_jobs`, which holds the process's runner.

Runs inside `newsbot serve` by default, or alone as `newsbot clock` (the Procfile's clock
process) when web processes are scaled out with NEWSBOT_RUN_SCHEDULER=false. Of several
clocks on one Redis, the one holding the clock lease runs the jobs and the others stand by
paused (`bot.digest.standby`); should two ever fire the same job, the runner's claim makes one
of them post.

The job store is the store's own (`Store.scheduler_jobs`; on Redis it shares the store's
connections); job changes made while handling a request (a /newsbot digest setting, the bot
joining a channel) run inside the store's breaker, so a hung Redis costs them at most one
command timeout, and a failed change waits for the next sync.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import BasePoolExecutor
from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_PAUSED, STATE_STOPPED, BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot import digest_jobs
from bot.digest.runner import DigestRunner
from bot.digest_schedule import DigestSchedule
from bot.observability.context_pool import ContextPool
from bot.observability.log_context import log_context
from bot.observability.metrics import Metrics
from bot.services import Services
from bot.slack.slack_calls import member_channels
from bot.slack.workspaces import OneWorkspace, Workspaces
from bot.storage.store import StoreUnavailable

log = logging.getLogger(__name__)

DIGEST_JOB = "bot.digest_jobs:run_scheduled_digest"
SYNC_JOB = "bot.digest_jobs:sync_channels"
SYNC_JOB_ID = "sync-channels"
SYNC_MINUTES = 5
JOB_THREADS = 4


class ClockScheduler(BackgroundScheduler):  # type: ignore[misc]  # APScheduler is untyped
    """APScheduler's background scheduler, minus one step: once shut down, its loop looks at
    the jobs once more and, finding one due, fails to submit it (the executor is gone) yet
    moves its next run time on in the shared job store, so the digest would be lost for the
    clock that is still running. A stopped clock leaves the jobs alone."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        wait: float | None = super()._process_jobs()
        return wait


def build_scheduler(services: Services) -> BaseScheduler:
    """In a thread of its own: the process's main thread serves Slack or keeps the lease."""
    return ClockScheduler(
        jobstores={"default": services.store.scheduler_jobs()},
        executors={"default": ObservedJobs(JOB_THREADS, Metrics(services.store))},
        job_defaults={
            "coalesce": True,  # runs missed while down are posted once, not once each
            "max_instances": 1,
            "misfire_grace_time": services.settings.digest.grace_seconds,
        },
        timezone=UTC,
    )


class ObservedJobs(BasePoolExecutor):  # type: ignore[misc]  # APScheduler is untyped
    """APScheduler's thread pool, with each run in its log context (the kind of job, its id,
    the channel), timed into the log and the metrics' job latency."""

    def __init__(self, workers: int, metrics: Metrics) -> None:
        super().__init__(ContextPool(workers, "digest", metrics, name="newsbot-clock"))

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        digest = job.func_ref == DIGEST_JOB and bool(job.args)
        channel = str(job.args[0]) if digest else None
        team = str(job.args[1]) if digest and len(job.args) > 1 and job.args[1] else None
        with log_context(
            job="digest" if digest else "sync", job_id=str(job.id), channel=channel, team=team
        ):
            super()._do_submit_job(job, run_times)


class DigestScheduler:
    """``workspaces``: whose channels get digests (by default the one of ``client``); each
    workspace's jobs, schedules and claims are its own (`Services.for_team`)."""

    def __init__(
        self,
        scheduler: BaseScheduler,
        services: Services,
        client: WebClient,
        workspaces: Workspaces | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.services = services
        self.client = client
        self.workspaces = workspaces or OneWorkspace(client)

    def start(self, *, paused: bool = False) -> None:
        """Install this process's runner, start the clock, and schedule the channels."""
        digest_jobs.install(WorkspaceDigests(self.services, self.workspaces), self)
        if self.scheduler.running:
            return
        self.scheduler.start(paused=paused)
        self.scheduler.add_job(
            SYNC_JOB, IntervalTrigger(minutes=SYNC_MINUTES), id=SYNC_JOB_ID, replace_existing=True
        )
        self.sync_channels()

    def pause(self) -> None:
        """Stop running jobs (a standby); job changes still reach the shared job store."""
        if self.scheduler.running:
            self.scheduler.pause()

    def resume(self) -> None:
        """Run the jobs again, those that fell due while paused first (within the grace)."""
        if self.scheduler.running:
            self.scheduler.resume()

    @property
    def paused(self) -> bool:
        return bool(self.scheduler.state == STATE_PAUSED)

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def sync_channels(self) -> None:
        """A job for every channel the bot is a member of, in every workspace it serves (new
        channels get the default); the jobs of a workspace that left are removed."""
        try:
            teams = self.workspaces.teams()
            for team in teams:
                for channel in member_channels(self.workspaces.client(team)) or []:
                    self._apply_schedule(channel, team)
            self._remove_jobs_of_teams_not_in(teams)
        except StoreUnavailable as exc:
            log.warning("digest jobs not synced (%s); trying again at the next sync", exc)

    def schedule_channel(self, channel: str, team: str | None = None) -> None:
        """Bring the channel's job in line with its schedule; with Redis unavailable, the
        periodic sync does it later (the schedule itself is saved in the channel's prefs)."""
        try:
            self._apply_schedule(channel, team)
        except StoreUnavailable as exc:
            log.warning("digest job for %s not updated (%s); the next sync will", channel, exc)

    def _apply_schedule(self, channel: str, team: str | None) -> None:
        """Add, move or remove the channel's job. An unchanged schedule keeps its job, and with
        it the next run time saved in Redis, so a run missed while down is still due."""
        schedule = self.services.for_team(team).prefs.digest_schedule(channel)
        with self.services.store.guarded():
            self._apply_job(channel, team, schedule)

    def _remove_jobs_of_teams_not_in(self, teams: list[str | None]) -> None:
        with self.services.store.guarded():
            for job in self.scheduler.get_jobs():
                team = job.args[1] if job.func_ref == DIGEST_JOB and len(job.args) > 1 else None
                if team and team not in teams:
                    self.scheduler.remove_job(job.id)

    def _apply_job(self, channel: str, team: str | None, schedule: DigestSchedule) -> None:
        job_id = f"digest:{team}:{channel}" if team else f"digest:{channel}"
        existing = self.scheduler.get_job(job_id)
        if not schedule.enabled:
            if existing is not None:
                self.scheduler.remove_job(job_id)
            return
        trigger = schedule.trigger()
        if existing is not None and _same(existing.trigger, trigger):
            return
        self.scheduler.add_job(
            DIGEST_JOB,
            trigger,
            args=[channel, team] if team else [channel],
            id=job_id,
            name=f"digest for {channel}" + (f" of {team}" if team else ""),
            replace_existing=True,
        )
        log.info("digest for %s scheduled %s", channel, schedule.describe())


class WorkspaceDigests:
    """Runs a scheduled digest in its workspace: that team's services (its shares, schedules
    and claims) and its bot token."""

    def __init__(
        self, services: Services, workspaces: Workspaces, clock: Callable[[], float] = time.time
    ) -> None:
        self.services = services
        self.workspaces = workspaces
        self.clock = clock

    def run_scheduled(self, channel: str, team: str | None = None) -> bool:
        services, client = self.services.for_team(team), self.workspaces.client(team)
        return DigestRunner(services, client, clock=self.clock).run_scheduled(channel)


def _same(current: object, wanted: object) -> bool:
    return (str(current), str(getattr(current, "timezone", None))) == (
        str(wanted),
        str(getattr(wanted, "timezone", None)),
    )
