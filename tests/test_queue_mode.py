"""Queue mode end to end: web processes (the real Bolt app behind waitress) that only ack,
answer what needs no analysis and enqueue the rest on RQ; `newsbot worker` processes that
fetch, analyse and reply. Real Redis, the fake Slack Web API, article pages on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from pydantic import SecretStr
from rq import Queue
from rq.job import Job as RqJob
from rq.registry import FailedJobRegistry
from spacy.language import Language

from bot.compose import build_app
from bot.services import Services, build_services
from bot.sources import LinkSource
from bot.work.job import AUTOMATIC, Job
from config.settings import Settings, SlackSettings, WorkSettings
from handlers import messages
from tests.fakes.articles import news_page
from tests.fakes.bot_server import RunningBot
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer
from tests.fakes.workers import WorkerProcess, worker_environment

pytestmark = pytest.mark.model

SECRET = "queue-signing-secret"
CLOSED_PORT = "127.0.0.1:9"  # nothing listens there: "could not connect", at once
QUIET_SECONDS = 1.0
WORKER_WAIT = 90.0  # a worker's start (model load) and its job, on a busy 2-core machine


@pytest.fixture(autouse=True)
def rq_keys_removed(redis_prefix: str, redis_client: redis.Redis) -> Iterator[None]:
    """RQ names its keys rq:...:<queue name>; the queues are named under the test's prefix."""
    yield
    keys = list(redis_client.scan_iter(match=f"rq:*{redis_prefix}*"))
    if keys:
        redis_client.delete(*keys)


@pytest.fixture
def queue_settings(
    settings: Settings, slack_api: FakeSlackApi, page_server: PageServer
) -> Settings:
    return settings.model_copy(
        update={
            "allow_hosts": frozenset({page_server.host_port, CLOSED_PORT}),
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr(SECRET),
                api_url=slack_api.base_url,
            ),
            "work": WorkSettings(work_mode="queue", job_timeout=8.0, job_retry_seconds=0.25),
        }
    )


class Web:
    """One web process: its own services (no models loaded) and app on its own port."""

    def __init__(self, settings: Settings) -> None:
        self.services = build_services(settings)
        self.bot = RunningBot(build_app(self.services), self.services).start()
        self.slack = SlackSender(self.bot.base_url, SECRET)

    def close(self) -> None:
        self.slack.close()
        self.bot.stop()
        self.services.close()


@pytest.fixture
def web(queue_settings: Settings) -> Iterator[Web]:
    first = Web(queue_settings)
    yield first
    first.close()


@pytest.fixture
def workers(queue_settings: Settings, tmp_path: Path) -> Iterator[list[WorkerProcess]]:
    """Worker processes the test starts; each is killed at the end."""
    started: list[WorkerProcess] = []
    yield started
    for worker in started:
        worker.kill()


def start_worker(
    workers: list[WorkerProcess], settings: Settings, folder: Path, name: str
) -> WorkerProcess:
    worker = WorkerProcess(worker_environment(settings), folder, name).start()
    workers.append(worker)
    return worker


def replies(slack_api: FakeSlackApi) -> list[Any]:
    return slack_api.answered("chat.postMessage")


def private_notes(slack_api: FakeSlackApi) -> list[str]:
    return [str(c.args.get("text", "")) for c in slack_api.answered("chat.postEphemeral")]


def queue_lengths(settings: Settings, redis_client: redis.Redis) -> int:
    names = (f"{settings.redis_prefix}{lane}" for lane in ("interactive", "automatic"))
    return sum(Queue(name, connection=redis_client).count for name in names)


def test_two_web_processes_and_two_workers_answer_a_burst_each_link_once(
    queue_settings: Settings,
    web: Web,
    workers: list[WorkerProcess],
    slack_api: FakeSlackApi,
    page_server: PageServer,
    tmp_path: Path,
) -> None:
    second = Web(queue_settings)
    try:
        start_worker(workers, queue_settings, tmp_path, "one")
        start_worker(workers, queue_settings, tmp_path, "two")
        events = []
        for number in range(8):
            url = page_server.add(f"/news/story-{number}", news_page())
            event = message_event(f"<{url}>")
            event_id = f"EvBURST{number:04d}"
            # Slack's redelivery may reach the other web process: each answers 200, once.
            signed_at = int(time.time())
            assert web.slack.event(event, event_id=event_id, timestamp=signed_at).status_code == 200
            redelivered = second.slack.event(
                event, event_id=event_id, retry_num=1, timestamp=signed_at + 1
            )
            assert redelivered.status_code == 200
            events.append(event)
        slack_api.wait_for("chat.postMessage", count=len(events), timeout=WORKER_WAIT)
        time.sleep(QUIET_SECONDS)
    finally:
        second.close()
    answered = [c.args["thread_ts"] for c in replies(slack_api)]
    assert sorted(answered) == sorted(e["ts"] for e in events)


def test_a_worker_killed_mid_job_leaves_the_job_to_the_other_within_seconds(
    queue_settings: Settings,
    workers: list[WorkerProcess],
    slack_api: FakeSlackApi,
    page_server: PageServer,
    tmp_path: Path,
) -> None:
    """The dead worker's heartbeat lapses in HEARTBEAT_TTL_SECONDS, long before the job's own
    timeout (60 s here, which the job would otherwise wait out), and the survivor takes it up."""
    work = queue_settings.work.model_copy(update={"job_timeout": 60.0})
    patient = queue_settings.model_copy(update={"work": work})
    web = Web(patient)
    try:
        url = page_server.add("/news/slow", news_page(), delay=3.0)
        doomed = start_worker(workers, patient, tmp_path, "doomed")
        event = message_event(f"<{url}>")
        web.slack.event(event)
        deadline = time.monotonic() + WORKER_WAIT
        while not page_server.requests_for("/news/slow") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert page_server.requests_for("/news/slow"), "the worker never started the job"
        doomed.kill()  # mid-fetch: the page takes 3 s to answer
        killed_at = time.monotonic()
        start_worker(workers, patient, tmp_path, "survivor")
        (reply,) = slack_api.wait_for("chat.postMessage", timeout=WORKER_WAIT)
        assert reply.args["thread_ts"] == event["ts"]
        assert time.monotonic() - killed_at < 30  # within seconds, not the job's 60 s timeout
        time.sleep(QUIET_SECONDS)
        assert len(replies(slack_api)) == 1
        assert len(page_server.requests_for("/news/slow")) == 2  # tried again by the survivor
    finally:
        web.close()


def test_cached_and_already_shared_answers_come_without_any_worker(
    queue_settings: Settings,
    web: Web,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    redis_client: redis.Redis,
    nlp: Language,
) -> None:
    url = page_server.add("/news/cached", news_page())
    inline = build_services(queue_settings)
    inline.pipeline.nlp = nlp
    inline.pipeline.analyze(LinkSource(url))  # in the cache, as an earlier analysis left it
    inline.close()

    first = message_event(f"<{url}>")
    web.slack.event(first)
    (reply,) = slack_api.wait_for("chat.postMessage", timeout=5)
    assert reply.args["thread_ts"] == first["ts"]
    again = message_event(f"<{url}>")
    web.slack.event(again)
    pointer = slack_api.wait_for("chat.postMessage", count=2, timeout=5)[1]
    assert pointer.args["thread_ts"] == again["ts"]
    assert pointer.args["text"].startswith("Already shared")
    assert queue_lengths(queue_settings, redis_client) == 0


def wait_until_handled(
    count: int, settings: Settings, redis_client: redis.Redis, slack_api: FakeSlackApi
) -> None:
    """Until ``count`` shares are queued or refused (the listeners run after the ack, in
    parallel: one at a time makes the depth each one sees certain)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        refused = [n for n in private_notes(slack_api) if n.startswith("I'm too busy")]
        if queue_lengths(settings, redis_client) + len(refused) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"share {count} was neither queued nor refused")


def test_past_the_busy_depth_the_person_is_told_and_past_the_cap_refused(
    queue_settings: Settings,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    redis_client: redis.Redis,
) -> None:
    work = WorkSettings(work_mode="queue", queue_busy_depth=2, queue_max_depth=4)
    busy = Web(queue_settings.model_copy(update={"work": work}))
    try:
        for number in range(6):
            url = page_server.add(f"/news/queued-{number}", news_page())
            busy.slack.event(message_event(f"<{url}>"))
            wait_until_handled(number + 1, queue_settings, redis_client, slack_api)
        notes = slack_api.wait_for("chat.postEphemeral", count=4, timeout=10)
    finally:
        busy.close()
    texts = [str(n.args["text"]) for n in notes]
    assert texts[:2] == [
        messages.BUSY.format(waiting=2, minutes=1),
        messages.BUSY.format(waiting=3, minutes=1),
    ]
    assert all(t.startswith("I'm too busy") for t in texts[2:])
    assert queue_lengths(queue_settings, redis_client) == 4  # no worker: all still waiting


def test_a_job_enqueued_twice_is_queued_once(
    queue_settings: Settings, redis_client: redis.Redis
) -> None:
    from bot.compose import build_dispatcher  # noqa: PLC0415

    services: Services = build_services(queue_settings)
    try:
        client = build_app(services).client
        dispatcher = build_dispatcher(services, client)
        job = Job(
            kind="link",
            key="link:T1:C1:1.0:https://x.test/a",
            team_id="T1",
            channel="C1",
            user="U1",
            lane=AUTOMATIC,
            link="https://x.test/a",
        )
        outcomes = [dispatcher.submit(job, client).admission.value for _ in range(2)]
    finally:
        services.close()
    assert outcomes == ["accepted", "duplicate"]
    assert queue_lengths(queue_settings, redis_client) == 1


def test_a_job_that_keeps_failing_is_kept_as_failed_and_the_person_is_told(
    queue_settings: Settings,
    web: Web,
    workers: list[WorkerProcess],
    slack_api: FakeSlackApi,
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    start_worker(workers, queue_settings, tmp_path, "one")
    web.slack.event(message_event(f"<http://{CLOSED_PORT}/news/gone>"))
    (note,) = slack_api.wait_for("chat.postEphemeral", timeout=WORKER_WAIT)
    assert str(note.args["text"]).startswith("I couldn't analyse http://127.0.0.1:9/news/gone")
    assert "tried several times" in str(note.args["text"])
    failed = FailedJobRegistry(f"{queue_settings.redis_prefix}automatic", connection=redis_client)
    deadline = time.monotonic() + 10  # RQ runs the failure callback (the note), then records it
    while not failed.get_job_ids():
        assert time.monotonic() < deadline, "the job is not in the failed registry"
        time.sleep(0.02)
    (job_id,) = failed.get_job_ids()
    result = RqJob.fetch(job_id, connection=redis_client).latest_result()
    assert result is not None
    assert "Could not connect" in str(result.exc_string)
