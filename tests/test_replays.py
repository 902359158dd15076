"""The memory of seen request signatures: shared through a real Redis by every process, and kept
by each process itself, bounded, for when Redis is down."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import redis

from bot.storage.redis_store import RedisStore
from bot.storage.replays import MEMORY_SECONDS, RecentKeys, SignatureLedger

SIGNATURE = "v0=" + "ab" * 32


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(redis_client: redis.Redis, redis_prefix: str) -> RedisStore:
    return RedisStore(redis_client, redis_prefix)


@pytest.fixture
def dead_store() -> Iterator[RedisStore]:
    """A Store whose Redis does not answer (a port nothing listens on)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2)
    yield RedisStore(client, "newsbot-test-dead:")
    client.close()


def test_a_signature_is_first_used_once_across_processes(
    store: RedisStore, redis_client: redis.Redis, redis_prefix: str
) -> None:
    web_1, web_2 = SignatureLedger(store), SignatureLedger(store)
    assert web_1.first_use(SIGNATURE) is True
    assert web_2.first_use(SIGNATURE) is False
    assert web_1.first_use(SIGNATURE) is False
    assert web_1.first_use("v0=" + "cd" * 32) is True
    ttl = redis_client.ttl(f"{redis_prefix}signature:{SIGNATURE}")
    assert 10 * 60 < ttl <= MEMORY_SECONDS  # as long as Bolt would still accept the signature


def test_with_redis_down_each_process_still_remembers_what_it_saw(dead_store: RedisStore) -> None:
    ledger = SignatureLedger(dead_store)
    assert ledger.first_use(SIGNATURE) is True
    assert ledger.first_use(SIGNATURE) is False


def test_the_local_memory_forgets_after_its_ttl() -> None:
    clock = Clock()
    seen = RecentKeys(ttl_seconds=60, capacity=10, clock=clock)
    assert seen.add("a") and not seen.add("a")
    clock.now += 59
    assert not seen.add("a")
    clock.now += 1
    assert seen.add("a")


def test_the_local_memory_is_bounded_dropping_the_oldest() -> None:
    seen = RecentKeys(ttl_seconds=60, capacity=3, clock=Clock())
    for key in "abcd":
        assert seen.add(key)
    assert seen.add("a")  # dropped to make room for "d"
    assert not seen.add("d")
