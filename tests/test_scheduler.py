"""Daily digests on the APScheduler clock: real Redis (job store, claims, history), the fake
Slack Web API, and time controlled with time-machine. The scheduler is driven one tick at a
time, at the instants the test chooses. Dates lie in 2027 so
that the share history's retention (counted from the real clock) keeps them."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import time_machine
from pydantic import SecretStr
from slack_sdk import WebClient

from analyzers.record import Analysis, Entity, Source, Stance, StanceLabel
from bot.digest.runner import DigestRunner
from bot.digest.scheduler import DigestScheduler, build_scheduler
from bot.services import Services, build_services
from bot.share import Share
from bot.slack.app import build_web_client
from config.settings import DigestSettings, Settings, SlackSettings
from tests.fakes.slack_api import ApiCall, FakeSlackApi
from tests.test_record import make_analysis

CHANNEL = "C0000001"
LONDON_NINE = DigestSettings(time="09:00", timezone="Europe/London", days="daily")
QUIET_SECONDS = 0.5


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def services(settings: Settings, slack_api: FakeSlackApi) -> Iterator[Services]:
    configured = settings.model_copy(
        update={
            "digest": LONDON_NINE,
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr("s"),
                api_url=slack_api.base_url,
            ),
        }
    )
    built = build_services(configured)
    yield built
    built.close()


@pytest.fixture
def client(services: Services) -> WebClient:
    return build_web_client(services.settings.slack)


@pytest.fixture
def clocks(services: Services, client: WebClient) -> Iterator[list[DigestScheduler]]:
    """Schedulers a test starts ("bot processes"); all are shut down afterwards."""
    started: list[DigestScheduler] = []
    yield started
    for clock in started:
        clock.shutdown()


def start_clock(
    services: Services, client: WebClient, started: list[DigestScheduler]
) -> DigestScheduler:
    clock = DigestScheduler(build_scheduler(services), services, client)
    clock.start()
    started.append(clock)
    return clock


def tick(clock: DigestScheduler) -> None:
    """Make the scheduler look at its jobs now (the travelled-to now): with the clock frozen it
    would otherwise sleep until the next run time in real seconds."""
    clock.scheduler.wakeup()


def share(
    services: Services,
    title: str,
    at: datetime,
    *,
    name: str = "Xi Jinping",
    label: StanceLabel = "positive",
    url: str | None = None,
) -> None:
    analysis: Analysis = replace(
        make_analysis(),
        source=Source(
            url=url or f"https://paper.example/{title.replace(' ', '-')}", title=title, site="Paper"
        ),
        entities=[
            Entity(
                name,
                "PERSON",
                [],
                3,
                0.9,
                Stance(label, 0.4 if label == "positive" else -0.4, [f"{title}."]),
            )
        ],
    )
    services.history.record(
        Share(
            CHANNEL,
            f"{at.timestamp():.6f}",
            at.timestamp(),
            analysis,
            url=analysis.source.url,
            user="U1",
            permalink=f"https://newsroom.slack.com/archives/{CHANNEL}/p1",
        )
    )


def digests_posted(slack_api: FakeSlackApi) -> list[ApiCall]:
    """The digests' top messages (each digest's thread replies left out)."""
    return [c for c in slack_api.calls_to("chat.postMessage") if "thread_ts" not in c.args]


def wait_for_digests(slack_api: FakeSlackApi, count: int = 1, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while len(digests_posted(slack_api)) < count:
        assert time.monotonic() < deadline, f"{count} digest(s) not posted within {timeout}s"
        time.sleep(0.02)


def posted_text(slack_api: FakeSlackApi, index: int = 0) -> str:
    call = digests_posted(slack_api)[index]
    blocks = call.args["blocks"]
    return str(call.args["text"]) + json.dumps(
        json.loads(blocks) if isinstance(blocks, str) else blocks, ensure_ascii=False
    )


def test_the_digest_fires_at_local_nine_across_a_dst_change(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
    clocks: list[DigestScheduler],
) -> None:
    share(services, "Friday story", utc(2027, 3, 26, 15, 0))
    share(services, "Saturday story", utc(2027, 3, 27, 12, 0))
    with time_machine.travel(utc(2027, 3, 26, 10, 0), tick=False) as traveller:
        clock = start_clock(services, client, clocks)
        job = clock.scheduler.get_job(f"digest:{CHANNEL}")
        assert job is not None and job.next_run_time == utc(2027, 3, 27, 9, 0)

        traveller.move_to(utc(2027, 3, 27, 9, 0, 1))  # 09:00 GMT
        tick(clock)
        wait_for_digests(slack_api)
        assert "Friday story" in posted_text(slack_api)
        assert "Saturday story" not in posted_text(slack_api)

        traveller.move_to(utc(2027, 3, 28, 7, 59))  # 08:59 BST: not yet
        tick(clock)
        time.sleep(QUIET_SECONDS)
        assert len(digests_posted(slack_api)) == 1

        traveller.move_to(utc(2027, 3, 28, 8, 0, 1))  # 09:00 BST
        tick(clock)
        wait_for_digests(slack_api, count=2)
        assert "Saturday story" in posted_text(slack_api, 1)
        assert "Friday story" not in posted_text(slack_api, 1)


def test_two_schedulers_on_one_redis_post_one_digest(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
    clocks: list[DigestScheduler],
) -> None:
    share(services, "Only story", utc(2027, 6, 1, 12, 0))
    with time_machine.travel(utc(2027, 6, 1, 13, 0), tick=False) as traveller:
        first, second = (start_clock(services, client, clocks) for _ in range(2))
        traveller.move_to(utc(2027, 6, 2, 8, 0, 1))  # 09:00 BST
        ticks = [threading.Thread(target=tick, args=(c,)) for c in (first, second)]
        for thread in ticks:
            thread.start()
        for thread in ticks:
            thread.join()
        wait_for_digests(slack_api)
        time.sleep(QUIET_SECONDS)
    assert len(digests_posted(slack_api)) == 1


def test_two_processes_running_the_same_digest_post_it_once(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
) -> None:
    share(services, "Only story", utc(2027, 6, 1, 12, 0))
    runners = [
        DigestRunner(services, client, clock=lambda: utc(2027, 6, 2, 8, 5).timestamp())
        for _ in range(4)
    ]
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda r=r: results.append(r.run_scheduled(CHANNEL)))
        for r in runners
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert len(digests_posted(slack_api)) == 1


@pytest.mark.parametrize(
    ("back_at", "digests"),
    [(utc(2027, 6, 2, 8, 40), 1), (utc(2027, 6, 2, 10, 30), 0)],
    ids=["within the hour of grace", "beyond grace"],
)
def test_a_run_missed_while_down_is_posted_once_within_grace(
    back_at: datetime,
    digests: int,
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
    clocks: list[DigestScheduler],
    caplog: pytest.LogCaptureFixture,
) -> None:
    share(services, "Story from before the outage", utc(2027, 6, 1, 12, 0))
    with time_machine.travel(utc(2027, 6, 1, 13, 0), tick=False) as traveller:
        start_clock(services, client, clocks).shutdown()  # the bot goes down before 09:00
        traveller.move_to(back_at)  # and comes back after it
        with caplog.at_level(logging.WARNING, logger="apscheduler"):
            tick(start_clock(services, client, clocks))
            time.sleep(QUIET_SECONDS)
        if digests:
            wait_for_digests(slack_api)
            assert "Story from before the outage" in posted_text(slack_api)
    assert len(digests_posted(slack_api)) == digests
    if not digests:
        assert any("was missed by" in r.getMessage() for r in caplog.records)


def test_an_empty_period_posts_nothing_unless_set_to(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
) -> None:
    at_nine = utc(2027, 6, 2, 8, 0, 5).timestamp()
    assert DigestRunner(services, client, clock=lambda: at_nine).run_scheduled(CHANNEL) is False
    assert slack_api.calls_to("chat.postMessage") == []

    digest = LONDON_NINE.model_copy(update={"post_empty": True, "charts": False})
    services.settings = services.settings.model_copy(update={"digest": digest})
    next_nine = at_nine + 24 * 3600  # the empty period above is done with: it stays claimed
    assert DigestRunner(services, client, clock=lambda: next_nine).run_scheduled(CHANNEL) is True


def test_content_comes_from_the_shares_and_the_chart_goes_into_the_thread(
    services: Services,
    client: WebClient,
    slack_api: FakeSlackApi,
) -> None:
    share(services, "Praise for the summit", utc(2027, 6, 1, 12, 0))
    share(services, "Doubts about the summit", utc(2027, 6, 1, 14, 0), label="negative")
    share(services, "Yesterday's story", utc(2027, 5, 31, 12, 0), name="Vladimir Putin")
    at_nine = utc(2027, 6, 2, 8, 0, 5).timestamp()
    assert DigestRunner(services, client, clock=lambda: at_nine).run_scheduled(CHANNEL)

    (message, thread) = slack_api.calls_to("chat.postMessage")
    text = posted_text(slack_api)
    assert "Xi Jinping" in text
    assert "Yesterday's story" not in text
    listed = json.dumps(thread.args["blocks"], ensure_ascii=False)
    assert "Praise for the summit" in listed and "Doubts about the summit" in listed
    assert "Yesterday's story" not in listed
    assert thread.args["thread_ts"] == message.response["ts"]
    assert message.args["unfurl_links"] is False
    assert thread.args["unfurl_links"] is False

    (ask,) = slack_api.calls_to("files.getUploadURLExternal")
    (complete,) = slack_api.calls_to("files.completeUploadExternal")
    uploads = [c for c in slack_api.calls if c.method.startswith("upload:")]
    assert len(uploads) == 1 and uploads[0].args["bytes"].startswith(b"\x89PNG")
    assert complete.args["channel_id"] == CHANNEL
    assert complete.args["thread_ts"] == message.response["ts"]
    assert ask.args["filename"].endswith(".png")
    assert ask.args["alt_txt"].startswith("Bar chart. Articles where each person or organisation")
    assert "Xi Jinping, 2: " in ask.args["alt_txt"]
