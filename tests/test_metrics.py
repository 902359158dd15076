"""The metrics: counters and job latency in per-minute hashes (bounded, expiring), written in
one call per task; read back as totals and percentiles by `newsbot metrics`; recorded by the
real app (the Web API client counts replies and failures, the listener pool the latency)."""

from __future__ import annotations

import copy
import io
import json
import math
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pytest
import redis
from pydantic import SecretStr

from bot.cli import main
from bot.cli_metrics import as_json, as_text
from bot.compose import build_app
from bot.digest.standby import CLOCK_LEASE_KEY
from bot.observability.metrics import (
    LATENCY_BUCKETS,
    RETENTION_SECONDS,
    Metrics,
    latency_field,
    minute_key,
)
from bot.observability.metrics_report import MetricsWindow, quantile, read_window
from bot.observability.queue_stats import QueueDepth, queue_depths
from bot.observability.slack_client import ObservedWebClient
from bot.services import Services, build_services
from bot.slack.app import build_web_client
from bot.storage.lease import Holder
from bot.storage.memory_store import MemoryStore
from bot.storage.redis_store import RedisStore
from bot.storage.store import StoreUnavailable
from bot.work.job import Job
from bot.work.queues import JobQueues
from config.settings import Settings, SlackSettings, WorkSettings
from tests.fakes.bot_server import RunningBot
from tests.fakes.clock import ManualClock
from tests.fakes.slack_api import BOT_USER, CHANNEL, TEAM, FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.test_log_context import lines  # noqa: F401 (the JSON log lines fixture)

SECRET = "metrics-signing-secret"
NOON = 1_800_000_000.0


class CountingStore(MemoryStore):
    """A memory store that counts its writes of counters, and may refuse them."""

    def __init__(self, clock: ManualClock) -> None:
        super().__init__(clock)
        self.writes = 0
        self.down = False

    def hash_increment(self, key: str, counts: Mapping[str, int], ttl_seconds: int) -> None:
        if self.down:
            raise StoreUnavailable("down")
        self.writes += 1
        super().hash_increment(key, counts, ttl_seconds)


@pytest.fixture
def store() -> CountingStore:
    return CountingStore(ManualClock(NOON))


def test_counts_land_in_the_minutes_hash_which_expires(store: CountingStore) -> None:
    clock = ManualClock(NOON)
    metrics = Metrics(store, clock)
    metrics.reply_posted()
    metrics.reply_posted(digest=True)
    metrics.failed("slack:Rate Limited!")
    metrics.job_finished("listener", 0.3, ok=True)
    metrics.job_finished("listener", 999, ok=False)
    assert store.hash_get_all(minute_key(NOON)) == {
        "replies": "1",
        "digest_messages": "1",
        "failures:slack:rate_limited": "1",
        "latency:listener:0.5": "1",
        "latency:listener:inf": "1",
        "failures:job:listener": "1",
    }
    clock.advance(60)
    metrics.reply_posted()
    assert store.hash_get_all(minute_key(NOON + 60)) == {"replies": "1"}
    store._clock.advance(RETENTION_SECONDS + 61)  # type: ignore[attr-defined]
    assert store.hash_get_all(minute_key(NOON)) == {}


def test_a_batch_writes_everything_a_task_counted_in_one_call(store: CountingStore) -> None:
    metrics = Metrics(store, ManualClock(NOON))
    with metrics.batch():
        metrics.reply_posted()
        with metrics.batch():  # an inner batch joins the outer one
            metrics.reply_posted()
            metrics.failed("slack:channel_not_found")
        metrics.job_finished("listener", 0.01, ok=True)
        assert store.writes == 0
    assert store.writes == 1
    assert store.hash_get_all(minute_key(NOON))["replies"] == "2"
    with metrics.batch():
        pass
    assert store.writes == 1  # nothing counted, nothing written


def test_a_store_that_does_not_answer_loses_the_counts_not_the_work(store: CountingStore) -> None:
    store.down = True
    Metrics(store, ManualClock(NOON)).reply_posted()
    assert store.hash_get_all(minute_key(NOON)) == {}


def test_field_names_are_bounded_whatever_the_code() -> None:
    assert latency_field("digest", 0.05) == "latency:digest:0.05"
    assert latency_field("digest", 0.0501) == "latency:digest:0.1"
    kinds = {latency_field("x", s) for s in [0.001 * 1.3**n for n in range(60)]}
    assert len(kinds) <= len(LATENCY_BUCKETS) + 1


def test_percentiles_are_interpolated_within_their_bucket() -> None:
    histogram = {0.1: 50, 0.25: 40, 0.5: 9, math.inf: 1}  # buckets 0.05-0.1, 0.1-0.25, ...
    assert quantile(histogram, 0.5) == pytest.approx(0.1)
    assert quantile(histogram, 0.6) == pytest.approx(0.1 + 0.15 * 10 / 40)
    assert quantile(histogram, 0.95) == pytest.approx(0.25 + 0.25 * 5 / 9)
    assert quantile({0.05: 4}, 0.5) == pytest.approx(0.025)  # the first bucket starts at 0
    assert quantile(histogram, 0.995) == math.inf
    assert math.isnan(quantile({}, 0.5))


def test_a_window_sums_its_minutes_and_leaves_older_ones_out(store: CountingStore) -> None:
    clock = ManualClock(NOON - 20 * 60)
    metrics = Metrics(store, clock)
    metrics.reply_posted()  # 20 minutes ago: outside a 15-minute window
    clock.now = NOON - 10 * 60
    for _ in range(10):  # the last 10 minutes
        clock.advance(60)
        metrics.reply_posted()
        metrics.job_finished("listener", 0.2, ok=True)
    window = read_window(store, 15, NOON)
    assert window.replies == 10
    (listener,) = window.jobs
    assert (listener.kind, listener.count) == ("listener", 10)
    assert listener.percentiles[0.5] == pytest.approx(0.1 + 0.15 * 0.5)
    assert read_window(store, 21, NOON).replies == 11


def test_newsbot_metrics_prints_the_clock_holder_and_the_counts(
    settings: Settings,
    cli_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = RedisStore.open(settings)
    now = time.time()
    store.set_many({CLOCK_LEASE_KEY: Holder("clockhost:4242:ab12cd34", now - 125).token()})
    metrics = Metrics(store)
    metrics.reply_posted()
    metrics.failed("slack:ratelimited")
    metrics.job_finished("digest", 3.0, ok=True)
    store.close()

    assert main(["metrics", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["digest_clock"]["holder"] == "clockhost:4242:ab12cd34"
    assert 120 <= report["digest_clock"]["age_seconds"] < 140
    assert (report["replies"], report["failures"]) == (1, {"slack:ratelimited": 1})
    assert report["jobs"]["digest"]["count"] == 1
    assert 2.5 <= report["jobs"]["digest"]["p50"] <= 5.0

    assert main(["metrics", "--minutes", "5"]) == 0
    text = capsys.readouterr().out
    assert "clockhost:4242:ab12cd34, active for 2 min" in text
    assert "slack:ratelimited 1" in text
    assert "digest" in text and "last 5 min" in text
    with pytest.raises(SystemExit):
        main(["metrics", "--minutes", "100000"])


@pytest.fixture
def app_services(settings: Settings, slack_api: FakeSlackApi) -> Iterator[Services]:
    configured = settings.model_copy(
        update={
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr(SECRET),
                api_url=slack_api.base_url,
            )
        }
    )
    built = build_services(configured)
    yield built
    built.close()


def test_the_app_logs_each_events_ids_and_counts_its_reply_and_latency(
    app_services: Services, slack_api: FakeSlackApi, lines: io.StringIO
) -> None:
    secret_words = "the draft splash nobody may read"
    bot = RunningBot(build_app(app_services)).start()
    sender = SlackSender(bot.base_url, SECRET)
    try:
        mention = message_event(f"<@{BOT_USER}> {secret_words}")
        assert (
            sender.event({**mention, "type": "app_mention"}, event_id="EvLOGS1").status_code == 200
        )
        slack_api.wait_for("chat.postEphemeral")  # not an article: told to the asker
        deadline = time.monotonic() + 10
        while len(read_window(app_services.store, 1, time.time()).jobs) < 2:
            assert time.monotonic() < deadline, "the runs' latency was not recorded"
            time.sleep(0.05)
    finally:
        sender.close()
        bot.stop()
    logged = [json.loads(line) for line in lines.getvalue().splitlines()]
    (listener,) = [r for r in logged if r["message"] == "listener done"]
    assert (listener["event_id"], listener["team"], listener["channel"]) == (
        "EvLOGS1",
        TEAM,
        CHANNEL,
    )
    (job,) = [r for r in logged if r["message"] == "interactive done"]  # the mention's job
    assert (job["team"], job["channel"], len(str(job["job_id"]))) == (TEAM, CHANNEL, 40)
    assert isinstance(listener["duration_ms"], int) and isinstance(job["duration_ms"], int)
    assert any(
        r["message"] == "request answered 200" and r["event_id"] == "EvLOGS1" for r in logged
    )
    assert secret_words not in lines.getvalue()
    window = read_window(app_services.store, 1, time.time())
    assert window.replies == 1
    assert [(j.kind, j.count) for j in window.jobs] == [("interactive", 1), ("listener", 1)]


def test_the_web_client_counts_failures_by_slack_error_code(
    app_services: Services, slack_api: FakeSlackApi
) -> None:
    client = build_web_client(app_services.settings.slack, Metrics(app_services.store))
    slack_api.fail("chat.postMessage", "channel_not_found")
    with pytest.raises(Exception, match="channel_not_found"):
        client.chat_postMessage(channel=CHANNEL, text="hello")
    client.chat_postMessage(channel=CHANNEL, text="hello")
    window = read_window(app_services.store, 1, time.time())
    assert (window.replies, window.failures) == (1, {"slack:channel_not_found": 1})


def test_a_counting_client_survives_bolts_deep_copy_for_lazy_listeners(
    app_services: Services,
) -> None:
    metrics = Metrics(app_services.store)
    client = build_web_client(app_services.settings.slack, metrics)
    copied = copy.deepcopy(client)
    assert isinstance(copied, ObservedWebClient) and copied is not client
    assert copied.metrics is metrics
    assert (copied.token, copied.base_url) == (client.token, client.base_url)


@dataclass
class FakeRegistry:
    count: int


@dataclass
class FakeQueue:
    """What an RQ queue answers about itself."""

    count: int
    failed_job_registry: FakeRegistry


def test_queue_depths_are_read_per_named_queue_and_printed() -> None:
    queues = {
        "interactive": FakeQueue(2, FakeRegistry(0)),
        "automatic": FakeQueue(40, FakeRegistry(3)),
    }
    depths = queue_depths(("interactive", "automatic", "digest"), queues.get)  # no digest queue
    assert depths == [QueueDepth("interactive", 2, 0), QueueDepth("automatic", 40, 3)]
    window = MetricsWindow(15)
    assert as_json(None, window, NOON, depths)["queues"] == {
        "interactive": {"waiting": 2, "failed": 0},
        "automatic": {"waiting": 40, "failed": 3},
    }
    text = as_text(None, window, NOON, depths).splitlines()
    assert text[-3].split() == ["queues", "waiting", "failed"]
    assert text[-1].split() == ["automatic", "40", "3"]


def test_in_queue_mode_newsbot_metrics_shows_the_work_queues(
    settings: Settings,
    cli_env: None,
    monkeypatch: pytest.MonkeyPatch,
    redis_client: redis.Redis,
    capsys: pytest.CaptureFixture[str],
) -> None:
    queues = JobQueues(settings.model_copy(update={"work": WorkSettings(work_mode="queue")}))
    try:
        job = Job("link", "link:T1:C1:1.0:https://x.test/a", "T1", "C1", "U1", link="x")
        queues.enqueue(job)
        monkeypatch.setenv("NEWSBOT_WORK_MODE", "queue")
        assert main(["metrics", "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["queues"] == {
            "interactive": {"waiting": 0, "failed": 0},
            "automatic": {"waiting": 1, "failed": 0},
        }
    finally:
        queues.close()
        keys = list(redis_client.scan_iter(match=f"rq:*{settings.redis_prefix}*"))
        keys += [f"rq:job:{job.job_id}".encode()]
        redis_client.delete(*keys)
    monkeypatch.setenv("NEWSBOT_WORK_MODE", "inline")
    assert main(["metrics", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["queues"] == {}
