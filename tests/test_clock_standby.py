"""One digest clock at a time: clocks on one Redis share a lease; the holder runs the jobs, the
others stand by paused and take over once it stops renewing. In threads (the scheduler and the
digest under controlled time) and as `newsbot clock` processes, one of them SIGKILLed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
import time_machine
from apscheduler.events import EVENT_JOB_SUBMITTED, JobEvent
from slack_sdk import WebClient

from bot.digest.scheduler import DigestScheduler, build_scheduler
from bot.digest.standby import CLOCK_LEASE_KEY, StandbyClock, standby_clock
from bot.observability.metrics_report import read_window
from bot.services import Services
from bot.storage.lease import Holder, Lease, lease_holder
from config.settings import DigestSettings, Settings, SettingsError
from tests.fakes.slack_api import FakeSlackApi
from tests.test_scheduler import (  # noqa: F401 (the same fixtures)
    CHANNEL,
    LONDON_NINE,
    QUIET_SECONDS,
    client,
    digests_posted,
    services,
    share,
    tick,
    utc,
    wait_for_digests,
)

LEASE_SECONDS = 2.0  # long beside the renewal: a loaded CI machine must not miss one
RENEW_SECONDS = 0.2
TAKEOVER_SECONDS = LEASE_SECONDS + RENEW_SECONDS


def fast_clock(services: Services, client: WebClient) -> StandbyClock:
    lease = Lease(services.store, CLOCK_LEASE_KEY, LEASE_SECONDS)
    clock = DigestScheduler(build_scheduler(services), services, client)
    return StandbyClock(clock, lease, RENEW_SECONDS)


@pytest.fixture
def standbys() -> Iterator[list[StandbyClock]]:
    started: list[StandbyClock] = []
    yield started
    for clock in started:
        clock.stop()


def submitted_digest_jobs(clock: StandbyClock) -> list[str]:
    """The digest jobs this clock's scheduler hands to its executor, as they happen."""
    seen: list[str] = []

    def on_submit(event: JobEvent) -> None:
        if event.job_id.startswith("digest:"):
            seen.append(event.job_id)

    clock.clock.scheduler.add_listener(on_submit, EVENT_JOB_SUBMITTED)
    return seen


def wait_until_active(clock: StandbyClock, timeout: float) -> float:
    started = time.monotonic()
    while not clock.active:
        assert time.monotonic() - started < timeout, f"not active within {timeout}s"
        time.sleep(0.02)
    return time.monotonic() - started


def test_one_clock_runs_the_jobs_and_the_standby_takes_over_when_it_dies(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
    standbys: list[StandbyClock],
) -> None:
    share(services, "Monday story", utc(2027, 6, 1, 12, 0))
    share(services, "Tuesday story", utc(2027, 6, 2, 12, 0))
    with time_machine.travel(utc(2027, 6, 1, 13, 0), tick=False) as traveller:
        clocks = [fast_clock(services, client) for _ in range(2)]
        standbys.extend(clocks)
        jobs = {id(c): submitted_digest_jobs(c) for c in clocks}
        for clock in clocks:
            clock.start()
        time.sleep(3 * RENEW_SECONDS)
        (active,) = [c for c in clocks if c.active]
        (standby,) = [c for c in clocks if not c.active]
        assert standby.clock.paused and not active.clock.paused
        holder = lease_holder(services.store, CLOCK_LEASE_KEY)
        assert holder is not None and holder.owner == active.lease.owner

        traveller.move_to(utc(2027, 6, 2, 8, 0, 1))  # 09:00 BST: both clocks look
        tick(active.clock)
        tick(standby.clock)
        wait_for_digests(slack_api)
        time.sleep(QUIET_SECONDS)
        assert jobs[id(active)] == [f"digest:{CHANNEL}"] and jobs[id(standby)] == []
        timed = read_window(services.store, 1, time.time()).jobs
        assert ("digest", 1) in [(j.kind, j.count) for j in timed]  # the run's latency

        active.stop(release=False)  # dies: its lease is left to lapse
        wait_until_active(standby, timeout=TAKEOVER_SECONDS + 1)

        traveller.move_to(utc(2027, 6, 3, 8, 0, 1))  # the next day's 09:00: the new holder
        tick(standby.clock)
        wait_for_digests(slack_api, count=2)
    assert jobs[id(standby)] == [f"digest:{CHANNEL}"]
    assert len(digests_posted(slack_api)) == 2


def test_a_clock_that_stops_cleanly_hands_over_at_the_standbys_next_try(
    services: Services, client: WebClient, standbys: list[StandbyClock]
) -> None:
    first, second = fast_clock(services, client), fast_clock(services, client)
    standbys.extend([first, second])
    first.start()
    assert first.active
    second.start()
    assert not second.active
    first.stop()
    assert wait_until_active(second, timeout=2 * RENEW_SECONDS + 0.5) < LEASE_SECONDS


def test_a_clock_that_cannot_renew_pauses_at_once(
    services: Services, client: WebClient, standbys: list[StandbyClock]
) -> None:
    clock = fast_clock(services, client)
    standbys.append(clock)
    clock.clock.start(paused=True)
    assert clock.step() and not clock.clock.paused
    services.store.set_many({CLOCK_LEASE_KEY: Holder("someone-else", 0).token()})
    assert clock.step() is False
    assert clock.clock.paused


def test_the_renewal_must_leave_time_for_a_second_try() -> None:
    with pytest.raises(SettingsError, match="NEWSBOT_CLOCK_RENEW_SECONDS"):
        DigestSettings(lease_seconds=30, renew_seconds=20).require_lease_timing()
    DigestSettings(lease_seconds=30, renew_seconds=15).require_lease_timing()


def test_serve_and_clock_build_their_clock_from_the_settings(
    services: Services, client: WebClient
) -> None:
    digest = LONDON_NINE.model_copy(update={"lease_seconds": 12.0, "renew_seconds": 3.0})
    services.settings = services.settings.model_copy(update={"digest": digest})
    clock = standby_clock(services, client)
    assert (clock.lease.ttl_seconds, clock.renew_seconds) == (12.0, 3.0)


def clock_process(settings: Settings, slack_api: FakeSlackApi, home: Path) -> subprocess.Popen[str]:
    assert settings.redis_url is not None
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "REDIS_URL": settings.redis_url.get_secret_value(),
        "NEWSBOT_REDIS_PREFIX": settings.redis_prefix,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack_api.base_url,
        "NEWSBOT_CLOCK_LEASE_SECONDS": "2",
        "NEWSBOT_CLOCK_RENEW_SECONDS": "0.5",
        "NEWSBOT_DIGEST_POST_EMPTY": "true",  # so a digest is posted with nothing shared
        "NEWSBOT_DIGEST_CHARTS": "false",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "clock"],
        cwd=home,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def holder_pid(client: redis.Redis, prefix: str) -> int | None:
    raw = client.get(prefix + CLOCK_LEASE_KEY)
    holder = Holder.from_token(raw.decode()) if isinstance(raw, bytes) else None
    return None if holder is None else int(holder.owner.split(":")[1])


def wait_for_holder(
    client: redis.Redis, prefix: str, among: set[int], timeout: float
) -> tuple[int, float]:
    started = time.monotonic()
    while (pid := holder_pid(client, prefix)) not in among:
        assert time.monotonic() - started < timeout, f"no holder among {among} in {timeout}s"
        time.sleep(0.05)
    assert pid is not None
    return pid, time.monotonic() - started


def test_a_clock_that_shuts_down_leaves_a_due_job_to_the_running_clock(
    services: Services, client: WebClient, slack_api: FakeSlackApi
) -> None:
    first = DigestScheduler(build_scheduler(services), services, client)
    first.start(paused=True)
    job = first.scheduler.get_job(f"digest:{CHANNEL}")
    assert job is not None
    make_digest_due_now(services)
    first.shutdown()
    time.sleep(QUIET_SECONDS)  # its loop's last look comes after the shutdown
    stored = DigestScheduler(build_scheduler(services), services, client)
    stored.start(paused=True)
    try:
        due = stored.scheduler.get_job(f"digest:{CHANNEL}")
        assert due is not None and due.next_run_time <= datetime.now(UTC)  # still due
    finally:
        stored.shutdown()
    assert digests_posted(slack_api) == []


def make_digest_due_now(services: Services) -> None:
    """Move the channel's stored job to now, from outside the clock processes: they sleep until
    the run time they last saw, so only a clock that becomes active (and so looks at the job
    store afresh) runs it. This scheduler, paused then shut down, runs nothing."""
    jobs = build_scheduler(services)
    jobs.start(paused=True)
    try:
        jobs.modify_job(f"digest:{CHANNEL}", next_run_time=datetime.now(UTC))
    finally:
        jobs.shutdown(wait=False)


def test_a_sigkilled_clock_process_is_replaced_by_the_standby_which_posts_the_digest(
    services: Services,
    settings: Settings,
    slack_api: FakeSlackApi,
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    processes = [clock_process(settings, slack_api, tmp_path) for _ in range(2)]
    try:
        pids = {p.pid for p in processes}
        active, _ = wait_for_holder(redis_client, settings.redis_prefix, pids, timeout=60)
        slack_api.wait_for("users.conversations", count=2, timeout=60)  # both synced the jobs
        time.sleep(1.5)  # several renewals: the holder stays put while it lives
        assert holder_pid(redis_client, settings.redis_prefix) == active
        make_digest_due_now(services)
        time.sleep(QUIET_SECONDS)
        assert digests_posted(slack_api) == []  # the active clock sleeps until the old time

        os.kill(active, signal.SIGKILL)
        (other,) = pids - {active}
        _, took = wait_for_holder(redis_client, settings.redis_prefix, {other}, timeout=10)
        assert took <= 2 + 0.5 + 1  # the lease, one try, and a margin for a busy machine
        wait_for_digests(slack_api)  # the new holder runs the job that fell due
        time.sleep(QUIET_SECONDS)
        assert len(digests_posted(slack_api)) == 1

        survivor = next(p for p in processes if p.pid == other)
        survivor.send_signal(signal.SIGTERM)  # a clean stop releases the lease
        assert survivor.wait(timeout=15) == 0, survivor.stderr.read() if survivor.stderr else ""
        assert holder_pid(redis_client, settings.redis_prefix) is None
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
