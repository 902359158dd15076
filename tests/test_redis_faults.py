"""The Slack bot while its Redis fails: signed events into the real Bolt app behind waitress,
the fake Slack Web API, and a Redis of the test's own that it hangs (SIGSTOP), resumes
(SIGCONT), kills (SIGKILL) and restarts on the same append-only file. A relay in front of Redis
counts what reaches it; the breaker's clock is moved by the test, never waited for.

Each fault: the reply is posted exactly once (or the person who asked is told), nothing
recorded before the fault is lost, and once Redis answers the bot uses it again by itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import SecretStr
from spacy.language import Language

from bot.compose import build_app
from bot.digest.scheduler import DigestScheduler, build_scheduler
from bot.digest_schedule import DigestSchedule
from bot.services import Services, build_services
from bot.slack.app import build_web_client
from bot.storage.breaker import CircuitBreaker, State
from bot.storage.redis_store import RedisStore
from config.settings import Settings, SlackSettings
from tests.fakes.articles import STORY_TITLE, news_page
from tests.fakes.bot_server import RunningBot
from tests.fakes.clock import ManualClock
from tests.fakes.redis_server import DisposableRedis
from tests.fakes.slack_api import CHANNEL, FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.tcp_proxy import CountingProxy
from tests.fakes.web_pages import PageServer

pytestmark = pytest.mark.model

SECRET = "faults-signing-secret"
COOLDOWN = 5.0
QUIET_SECONDS = 0.5  # how long to watch for a second reply that must not come
OTHER_CHANNEL = "C0000002"


class FinishedRuns(logging.Handler):
    """Counts the runs that have ended (the listener's, the analysis job's: each logs its end),
    so that a step waits for its runs to end, their metrics written, not only for its reply:
    a fault injected before that would catch a run's last Redis call."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0
        self.last_end = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().endswith((" done", " failed")):
            self.count += 1
            self.last_end = time.monotonic()

    def wait_settled(self, count: int, quiet: float = 0.3, timeout: float = 15.0) -> None:
        """Until a run beyond ``count`` has ended and none has ended for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while self.count <= count or time.monotonic() - self.last_end < quiet:
            assert time.monotonic() < deadline, "the runs did not end"
            time.sleep(0.01)


@pytest.fixture
def finished_runs() -> Iterator[FinishedRuns]:
    handler = FinishedRuns()
    pool_log = logging.getLogger("bot.observability.job_runs")
    level = pool_log.level
    pool_log.setLevel(logging.INFO)
    pool_log.addHandler(handler)
    yield handler
    pool_log.removeHandler(handler)
    pool_log.setLevel(level)


@dataclass
class Rig:
    redis: DisposableRedis
    proxy: CountingProxy
    clock: ManualClock
    services: Services
    slack: SlackSender
    slack_api: FakeSlackApi
    pages: PageServer
    runs: FinishedRuns

    @property
    def breaker_state(self) -> State:
        store = self.services.store
        assert isinstance(store, RedisStore)
        return store.breaker.state

    def page(self, path: str, title: str) -> str:
        return self.pages.add(path, news_page(title=title))

    def share(self, url: str, *, text: str = "", channel: str = CHANNEL) -> None:
        """Share ``url`` in ``channel`` and wait for the bot's next thread reply and for the
        end of the runs it took."""
        replies = len(self.slack_api.calls_to("chat.postMessage"))
        runs = self.runs.count
        assert self.slack.event(message_event(f"{text}<{url}>", channel=channel)).status_code == 200
        self.slack_api.wait_for("chat.postMessage", count=replies + 1)
        self.runs.wait_settled(runs)

    def last_reply(self) -> str:
        return str(self.slack_api.calls_to("chat.postMessage")[-1].args["text"])

    def assert_replies(self, count: int) -> None:
        """Exactly ``count`` thread replies so far, and no further one arriving late."""
        time.sleep(QUIET_SECONDS)
        assert len(self.slack_api.calls_to("chat.postMessage")) == count


@pytest.fixture
def rig(
    tmp_path: Path,
    settings: Settings,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    nlp: Language,
    finished_runs: FinishedRuns,
) -> Iterator[Rig]:
    server = DisposableRedis(tmp_path)
    server.start()
    proxy = CountingProxy(server.port).start()
    clock = ManualClock()
    configured = settings.model_copy(
        update={
            "redis_url": SecretStr(proxy.url),
            "allow_hosts": frozenset({page_server.host_port}),
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr(SECRET),
                api_url=slack_api.base_url,
            ),
        }
    )
    services = build_services(
        configured, RedisStore.open(configured, CircuitBreaker(COOLDOWN, clock))
    )
    services.pipeline.nlp = nlp
    bot = RunningBot(build_app(services), services).start()
    sender = SlackSender(bot.base_url, SECRET)
    yield Rig(server, proxy, clock, services, sender, slack_api, page_server, finished_runs)
    sender.close()
    bot.stop()
    services.close()
    proxy.stop()
    server.stop()


def outage_log(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.message.split(" (")[0] for r in caplog.records if r.name == "bot.storage.redis_store"]


def test_with_redis_hung_a_link_is_answered_once_after_one_redis_timeout(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.share(rig.page("/news/flood", STORY_TITLE))
    levees = rig.page("/news/levees", "Levees hold for now")
    rig.redis.pause()
    sent = rig.proxy.writes
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        rig.share(levees)
    assert rig.last_reply().startswith("Levees hold for now")
    rig.assert_replies(2)
    assert rig.proxy.writes == sent + 1  # the first call timed out; nothing else was sent
    assert rig.breaker_state is State.OPEN
    assert outage_log(caplog) == ["Redis unavailable"]


def test_after_redis_resumes_the_bot_uses_it_again_and_kept_what_it_had(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    flood, ferry = rig.page("/news/flood", STORY_TITLE), rig.page("/news/ferry", "Ferry runs")
    rig.share(flood)
    rig.redis.pause()
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        rig.share(rig.page("/news/levees", "Levees hold for now"))
        rig.redis.resume()
        rig.clock.advance(COOLDOWN)
        rig.share(ferry)
    assert outage_log(caplog) == ["Redis unavailable", "Redis is back"]
    assert rig.breaker_state is State.CLOSED
    assert_remembered(rig, flood)  # recorded before the fault
    assert_remembered(rig, ferry)  # recorded after it, without a restart


def test_with_redis_killed_a_link_is_answered_once_and_a_restart_loses_nothing(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    flood, ferry = rig.page("/news/flood", STORY_TITLE), rig.page("/news/ferry", "Ferry runs")
    rig.share(flood)
    rig.redis.kill()
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        rig.share(rig.page("/news/levees", "Levees hold for now"))
        assert rig.last_reply().startswith("Levees hold for now")
        rig.assert_replies(2)
        assert rig.breaker_state is State.OPEN

        rig.redis.start()  # the same directory: the append-only file is read back
        rig.clock.advance(COOLDOWN)
        rig.share(ferry)
    assert outage_log(caplog) == ["Redis unavailable", "Redis is back"]
    assert_remembered(rig, flood)  # written before the kill
    assert_remembered(rig, ferry)  # written after the restart


def assert_remembered(rig: Rig, url: str) -> None:
    """The share is in the channel's history (the same link again gets a pointer to it) and
    its analysis is cached (the link in another channel is answered without a fetch)."""
    path = urlsplit(url).path
    fetched = len(rig.pages.requests_for(path))
    rig.share(url, text="again ")
    assert rig.last_reply().startswith("Already shared")
    rig.share(url, channel=OTHER_CHANNEL)
    assert not rig.last_reply().startswith("Already shared")
    assert len(rig.pages.requests_for(path)) == fetched


def test_with_redis_hung_a_digest_change_is_refused_in_plain_words(rig: Rig) -> None:
    rig.redis.pause()
    rig.slack.command("digest at 08:30 Asia/Hong_Kong", rig.slack_api.response_url("at"))
    (answer,) = rig.slack_api.wait_for("response:at")
    assert answer.args["response_type"] == "ephemeral"
    assert "couldn't save that just now" in answer.args["text"]
    time.sleep(QUIET_SECONDS)
    assert len(rig.slack_api.calls_to("response:at")) == 1

    rig.redis.resume()
    rig.clock.advance(COOLDOWN)
    rig.slack.command("digest at 08:30 Asia/Hong_Kong", rig.slack_api.response_url("again"))
    (answer,) = rig.slack_api.wait_for("response:again")
    assert "08:30 Asia/Hong_Kong, every day" in answer.args["text"]


def test_a_digest_job_change_with_redis_hung_waits_for_the_next_sync(rig: Rig) -> None:
    services = rig.services
    digests = DigestScheduler(
        build_scheduler(services), services, build_web_client(services.settings.slack)
    )
    digests.start(paused=True)  # its own loop stays idle: only the calls below reach Redis
    try:
        hong_kong = DigestSchedule(enabled=True, time="08:30", zone="Asia/Hong_Kong", days="daily")
        services.prefs.set_digest_schedule(CHANNEL, hong_kong)
        rig.redis.pause()
        sent = rig.proxy.writes
        digests.schedule_channel(CHANNEL)  # as a /newsbot digest request does: no exception
        assert rig.proxy.writes == sent + 1  # the prefs read timed out; the job store not asked

        rig.redis.resume()
        rig.clock.advance(COOLDOWN)
        digests.sync_channels()  # the periodic sync
        job = digests.scheduler.get_job(f"digest:{CHANNEL}")
        assert job is not None
        assert str(job.trigger.timezone) == "Asia/Hong_Kong"
        assert "hour='8', minute='30'" in str(job.trigger)
    finally:
        digests.shutdown()
