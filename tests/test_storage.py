"""The store against a Redis of the test's own that it hangs (SIGSTOP), resumes and kills: the
production connection settings (`connect`), a relay counting what reaches Redis, and the
breaker's clock moved by the test instead of waited for."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.storage.breaker import CircuitBreaker, State
from bot.storage.redis_store import RedisStore, connect
from bot.storage.store import StoreUnavailable
from tests.fakes.clock import ManualClock
from tests.fakes.redis_server import DisposableRedis
from tests.fakes.tcp_proxy import CountingProxy

COOLDOWN = 5.0


@pytest.fixture
def proxy(own_redis: DisposableRedis) -> Iterator[CountingProxy]:
    relay = CountingProxy(own_redis.port).start()
    yield relay
    relay.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def store_at(url: str, clock: ManualClock) -> RedisStore:
    client = connect(SecretStr(url), Path("unused-with-a-url"))
    return RedisStore(client, "newsbot-test:", CircuitBreaker(COOLDOWN, clock))


def outage_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.message for r in caplog.records if r.name == "bot.storage.redis_store"]


def test_a_hung_redis_costs_one_timeout_then_calls_fail_fast_until_it_answers(
    own_redis: DisposableRedis,
    proxy: CountingProxy,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = store_at(proxy.url, clock)
    store.set_many({"kept": "1"})
    own_redis.pause()
    sent = proxy.writes
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        with pytest.raises(StoreUnavailable):
            store.get("kept")
        assert proxy.writes == sent + 1  # one attempt: a timeout is not retried
        assert store.breaker.state is State.OPEN

        for call in (
            lambda: store.get("kept"),
            lambda: store.set_many({"other": "2"}),
            lambda: store.claim("claimed", 60),
            lambda: store.hash_get_all("prefs"),
        ):
            with pytest.raises(StoreUnavailable):
                call()
        assert store.ping() is False
        assert proxy.writes == sent + 1  # nothing reached Redis while the breaker was open

        clock.advance(COOLDOWN)
        with pytest.raises(StoreUnavailable):
            store.get("kept")  # the trial: a PING, unanswered
        assert proxy.writes == sent + 2
        assert store.get_many([]) == []
        with pytest.raises(StoreUnavailable):
            store.get("kept")
        assert proxy.writes == sent + 2

        own_redis.resume()
        clock.advance(COOLDOWN)
        assert store.get("kept") == "1"
        store.set_many({"after": "3"})
        assert store.get("after") == "3"
    store.close()
    messages = outage_messages(caplog)
    assert len(messages) == 2
    assert messages[0].startswith("Redis unavailable")
    assert messages[1] == "Redis is back"


def test_a_killed_and_restarted_redis_is_used_again_at_once_with_what_it_had(
    own_redis: DisposableRedis, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    store = store_at(own_redis.url, clock)
    store.set_many({"kept": "1"})
    store.add_scored("shares", "a share", 1.0, 0.0)
    own_redis.kill()
    own_redis.start()  # same directory: the append-only file is read back
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        assert store.get("kept") == "1"  # on a pooled connection the restart dropped
        assert store.scored_between("shares", 0, 2) == ["a share"]
    store.close()
    assert store.breaker.state is State.CLOSED
    assert outage_messages(caplog) == []


def test_a_connection_dropped_mid_command_is_retried_once(
    proxy: CountingProxy, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    store = store_at(proxy.url, clock)
    store.set_many({"kept": "1"})
    proxy.drop_next_write()
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        assert store.get("kept") == "1"
    store.close()
    assert store.breaker.state is State.CLOSED
    assert outage_messages(caplog) == []


def test_a_killed_redis_opens_the_breaker_and_its_restart_closes_it(
    own_redis: DisposableRedis, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    store = store_at(own_redis.url, clock)
    store.set_many({"kept": "1"})
    own_redis.kill()
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        with pytest.raises(StoreUnavailable):
            store.get("kept")
        assert store.breaker.state is State.OPEN
        own_redis.start()
        with pytest.raises(StoreUnavailable):
            store.get("kept")  # still within the cool-down: not asked
        clock.advance(COOLDOWN)
        assert store.get("kept") == "1"
    store.close()
    assert outage_messages(caplog) == [outage_messages(caplog)[0], "Redis is back"]


def test_an_error_reply_fails_the_call_but_is_no_outage(
    own_redis: DisposableRedis, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    store = store_at(own_redis.url, clock)
    store.hash_set("prefs", {"a": "b"})
    with (
        caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"),
        pytest.raises(StoreUnavailable, match="WRONGTYPE"),
    ):
        store.scored_between("prefs", 0, 1)  # a sorted-set read of a hash
    assert store.breaker.state is State.CLOSED
    assert store.hash_get_all("prefs") == {"a": "b"}
    store.close()
    assert outage_messages(caplog) == []


def test_ping_answers_whether_redis_does(own_redis: DisposableRedis, clock: ManualClock) -> None:
    store = store_at(own_redis.url, clock)
    assert store.ping() is True
    own_redis.pause()
    assert store.ping() is False
    assert store.breaker.state is State.OPEN
    own_redis.resume()
    assert store.ping() is False  # the cool-down is not over
    clock.advance(COOLDOWN)
    assert store.ping() is True
    store.close()
