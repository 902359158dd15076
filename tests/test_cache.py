"""The analysis cache: its keys and expiry on the in-memory store (no server needed for
those), and against a real Redis what is stored, and its behaviour while Redis is down."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
import redis

from bot.storage.breaker import CircuitBreaker
from bot.storage.cache import AnalysisCache
from bot.storage.memory_store import MemoryStore
from bot.storage.redis_store import RedisStore
from tests.fakes.clock import ManualClock
from tests.fakes.redis_server import DisposableRedis
from tests.test_record import make_analysis

TTL = 3600


def test_put_then_get_under_every_key() -> None:
    cache = AnalysisCache(MemoryStore(), TTL, "v1")
    analysis = make_analysis()
    assert cache.put(["url:a", "url:b"], analysis)
    assert cache.get(["url:b"]) == analysis
    assert cache.get(["url:missing", "url:a"]) == analysis
    assert cache.get(["url:missing"]) is None


def test_entries_are_served_until_the_ttl_ends() -> None:
    clock = ManualClock()
    cache = AnalysisCache(MemoryStore(clock), TTL, "v1")
    cache.put(["url:a"], make_analysis())
    clock.advance(TTL - 1)
    assert cache.get(["url:a"]) == make_analysis()
    clock.advance(1)
    assert cache.get(["url:a"]) is None


def test_entries_expire_after_the_ttl(redis_client: redis.Redis, redis_prefix: str) -> None:
    AnalysisCache(RedisStore(redis_client, redis_prefix), TTL, "v1").put(["url:a"], make_analysis())
    (key,) = redis_client.keys(redis_prefix + "*")
    assert 0 < redis_client.ttl(key) <= TTL


def test_another_analyzer_version_never_sees_old_records() -> None:
    store = MemoryStore()
    AnalysisCache(store, TTL, "v1").put(["url:a"], make_analysis())
    assert AnalysisCache(store, TTL, "v2").get(["url:a"]) is None
    assert AnalysisCache(store, TTL, "v1").get(["url:a"]) == make_analysis()


def test_records_are_stored_as_json(redis_client: redis.Redis, redis_prefix: str) -> None:
    analysis = replace(make_analysis(), word_count=7)
    AnalysisCache(RedisStore(redis_client, redis_prefix), TTL, "v1").put(["url:a"], analysis)
    (key,) = redis_client.keys(redis_prefix + "*")
    assert redis_client.get(key) == analysis.to_json().encode()


def test_an_unreadable_entry_is_a_miss(redis_client: redis.Redis, redis_prefix: str) -> None:
    cache = AnalysisCache(RedisStore(redis_client, redis_prefix), TTL, "v1")
    cache.put(["url:a"], make_analysis())
    (key,) = redis_client.keys(redis_prefix + "*")
    redis_client.set(key, b"\x80not json")
    assert cache.get(["url:a"]) is None


def test_redis_down_means_misses_and_one_warning_then_caching_resumes(
    own_redis: DisposableRedis, caplog: pytest.LogCaptureFixture
) -> None:
    client = redis.Redis.from_url(own_redis.url, socket_connect_timeout=0.5, socket_timeout=0.5)
    clock = ManualClock()
    breaker = CircuitBreaker(cooldown_seconds=5, clock=clock)
    cache = AnalysisCache(RedisStore(client, "newsbot-test:", breaker), TTL, "v1")
    analysis = make_analysis()
    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        assert cache.get(["url:a"]) is None
        assert cache.put(["url:a"], analysis) is False
        assert cache.get(["url:a"]) is None
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "Redis unavailable" in caplog.records[0].message

    own_redis.start()
    assert cache.put(["url:a"], analysis) is False  # not asked again within the cool-down
    clock.advance(5)
    assert cache.put(["url:a"], analysis) is True
    assert cache.get(["url:a"]) == analysis
    assert "Redis is back" in caplog.records[-1].message
