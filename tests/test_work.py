"""The job machinery without Slack or workers: jobs survive JSON, a finished job is not redone,
the failure callback speaks only once no retry is left, the backoff grows."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import pytest
from rq.job import Job as RqJob
from slack_sdk import WebClient

from bot.cli import main
from bot.services import Services, build_services
from bot.storage.memory_store import MemoryStore
from bot.work import jobs
from bot.work.dispatch import Admission, InlineDispatcher
from bot.work.job import INTERACTIVE, Job, TryAgain
from bot.work.runtime import Runtime, install
from config.settings import Settings, WorkSettings

JOB = Job(
    kind="source",
    key="trigger:1.2.3:0",
    team_id="T1",
    channel="C1",
    user="U1",
    lane=INTERACTIVE,
    text="An article pasted…\nwith lines",
    private=True,
    response_url="https://hooks.slack.test/1",
    extra={"unfurl_id": "X"},
)


def test_a_job_comes_back_from_json_unchanged_with_the_same_id() -> None:
    again = Job.from_dict(json.loads(json.dumps(JOB.to_dict())))
    assert again == JOB
    assert again.job_id == JOB.job_id
    assert Job.from_dict({**JOB.to_dict(), "key": "trigger:other"}).job_id != JOB.job_id


class Recorder:
    def __init__(self) -> None:
        self.ran: list[tuple[str, bool]] = []
        self.told: list[tuple[str, str | None]] = []

    def run(self, services: Services, client: WebClient, job: Job, queued: bool) -> None:
        self.ran.append((job.key, queued))

    def tell(self, services: Services, client: WebClient, job: Job, reason: str | None) -> None:
        self.told.append((job.key, reason))


def runtime(recorder: Recorder) -> Runtime:
    services = build_services(Settings(), store=MemoryStore())
    return Runtime(services, lambda team: WebClient(), {"source": recorder.run}, recorder.tell)


def test_a_job_that_finished_is_not_run_again() -> None:
    recorder = Recorder()
    work = runtime(recorder)
    work.run(JOB, queued=True)
    work.run(JOB, queued=True)
    assert recorder.ran == [(JOB.key, True)]


def failed_try(retries_left: int) -> RqJob:
    return cast(
        RqJob,
        SimpleNamespace(retries_left=retries_left, description=JOB.key, args=[JOB.to_dict()]),
    )


def test_the_asker_is_told_only_once_no_retry_is_left() -> None:
    recorder = Recorder()
    install(runtime(recorder))
    error = TryAgain("Could not connect to example.com.")
    jobs.on_failure(failed_try(2), None, TryAgain, error, None)
    assert recorder.told == []
    jobs.on_failure(failed_try(0), None, TryAgain, error, None)
    assert recorder.told == [(JOB.key, "Could not connect to example.com.")]
    jobs.on_failure(failed_try(0), None, KeyError, KeyError("x"), None)
    assert recorder.told[-1] == (JOB.key, None)  # an error of ours: said in general words


def test_retries_back_off() -> None:
    assert WorkSettings(job_retry_seconds=5).retry_intervals == [5, 20, 80]
    assert WorkSettings(job_retry_seconds=0.1).retry_intervals == [1, 1, 2]


@pytest.mark.usefixtures("cli_env")
def test_a_worker_without_a_bot_token_stops_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert main(["worker", "--burst"]) == 2
    assert capsys.readouterr().err.startswith("newsbot: setting SLACK_BOT_TOKEN: missing")


def test_inline_jobs_run_on_their_own_pool_bounded_like_the_queue() -> None:
    release = threading.Event()
    started: list[str] = []

    def blocked(services: Services, client: WebClient, job: Job, queued: bool) -> None:
        started.append(job.key)
        release.wait(10)

    services = build_services(Settings(), store=MemoryStore())
    held = Runtime(services, lambda team: WebClient(), {"source": blocked}, Recorder().tell)
    work = WorkSettings(queue_busy_depth=2, queue_max_depth=3, job_seconds_estimate=1.0)
    dispatcher = InlineDispatcher(held, work, threads=1)
    outcomes = [
        dispatcher.submit(replace(JOB, key=f"k{n}"), WebClient()).admission for n in range(6)
    ]
    assert outcomes == [
        Admission.ACCEPTED,  # running
        Admission.ACCEPTED,  # 0 waiting ahead
        Admission.ACCEPTED,  # 1 waiting ahead
        Admission.BUSY,  # 2 waiting: the person is told
        Admission.REFUSED,  # 3 waiting: the cap
        Admission.REFUSED,
    ]
    release.set()
    deadline = time.monotonic() + 5
    while len(started) < 4:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert started == ["k0", "k1", "k2", "k3"]
