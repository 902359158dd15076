"""/healthz and /readyz of the real app behind waitress: liveness always answers; readiness
says which check fails (Redis, through the store's breaker, against a Redis of the test's own
that it hangs and kills; the models, without loading them), and never shows the Redis URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import spacy
from pydantic import SecretStr
from spacy.language import Language

from bot.compose import build_app
from bot.services import Services, build_services
from bot.storage.breaker import CircuitBreaker
from bot.storage.redis_store import RedisStore
from config.settings import Settings, SlackSettings
from tests.fakes.bot_server import RunningBot
from tests.fakes.clock import ManualClock
from tests.fakes.redis_server import DisposableRedis
from tests.fakes.slack_api import FakeSlackApi

PASSWORD = "readyz-redis-password"
COOLDOWN = 5.0


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[DisposableRedis]:
    server = DisposableRedis(tmp_path, password=PASSWORD)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def services(
    settings: Settings, own_redis: DisposableRedis, slack_api: FakeSlackApi, clock: ManualClock
) -> Iterator[Services]:
    configured = settings.model_copy(
        update={
            "redis_url": SecretStr(own_redis.url),
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr("s"),
                api_url=slack_api.base_url,
            ),
        }
    )
    built = build_services(configured, RedisStore.open(configured, CircuitBreaker(COOLDOWN, clock)))
    built.pipeline._load_nlp = refuse_to_load
    yield built
    built.close()


@pytest.fixture
def base_url(services: Services) -> Iterator[str]:
    bot = RunningBot(build_app(services), services).start()
    yield bot.base_url
    bot.stop()


def refuse_to_load() -> Language:
    raise AssertionError("the readiness check loaded the models")


def get(base_url: str, path: str) -> tuple[int, str]:
    response = httpx.get(base_url + path, timeout=10)
    return response.status_code, response.text


def test_ready_when_redis_answers_and_the_models_are_loaded(
    base_url: str, services: Services
) -> None:
    services.pipeline.nlp = spacy.blank("en")
    assert get(base_url, "/readyz") == (200, "ready\n")
    assert get(base_url, "/healthz") == (200, "ok\n")


def test_not_ready_until_the_models_are_loaded_and_asking_does_not_load_them(
    base_url: str, services: Services
) -> None:
    assert get(base_url, "/readyz") == (503, "models: not loaded\n")
    assert not services.pipeline.nlp_loaded
    services.pipeline.nlp = spacy.blank("en")
    assert get(base_url, "/readyz")[0] == 200


def test_a_hung_redis_makes_it_unready_but_still_alive_until_redis_answers(
    base_url: str, services: Services, own_redis: DisposableRedis, clock: ManualClock
) -> None:
    services.pipeline.nlp = spacy.blank("en")
    own_redis.pause()
    status, text = get(base_url, "/readyz")
    assert (status, text) == (503, "redis: not answering\n")
    assert get(base_url, "/healthz") == (200, "ok\n")
    own_redis.resume()
    assert get(base_url, "/readyz")[0] == 503  # the breaker waits out its cool-down
    clock.advance(COOLDOWN)
    assert get(base_url, "/readyz") == (200, "ready\n")


def test_every_failing_check_is_listed_and_no_secret_is(
    base_url: str, own_redis: DisposableRedis
) -> None:
    own_redis.kill()
    status, text = get(base_url, "/readyz")
    assert (status, text) == (503, "redis: not answering\nmodels: not loaded\n")
    assert PASSWORD not in text and str(own_redis.port) not in text
    assert get(base_url, "/healthz") == (200, "ok\n")
