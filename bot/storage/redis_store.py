"""Redis, behind the few operations newsbot needs (the `bot.storage.store.Store` protocol).
The only module that imports redis.

It owns the connection (a server at REDIS_URL, else the embedded one of
`bot.storage.embedded_redis`) and the key prefix, and turns every Redis failure into
`StoreUnavailable`, so the modules above it (the analysis cache, the event ledger, the share
history) decide what an outage means for them without knowing the client library. Values
are strings (JSON above this layer), never pickles.

Every call goes through a circuit breaker (`bot.storage.breaker`): once Redis fails to
answer, calls fail fast for a cool-down, then a PING with a short timeout decides whether to
use Redis again. A command timeout is never retried (a hung server costs one timeout, not
two); a dropped connection is retried once (a restarted server, a stale pooled socket).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis
from pydantic import SecretStr
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.storage.breaker import Admission, CircuitBreaker
from bot.storage.embedded_redis import start_or_join
from bot.storage.store import StoreUnavailable
from config.settings import Settings

if TYPE_CHECKING:
    from apscheduler.jobstores.base import BaseJobStore

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0
PING_TIMEOUT_SECONDS = 0.5  # the breaker's trial and the readiness check
DELETE_BATCH = 500  # keys a SCAN round looks at, and so at most what one UNLINK frees

Client = redis.Redis

# The lease's checked steps: the holder is compared and the key changed in one atomic step, so
# a holder whose lease expired (and was taken) can neither extend nor delete the next one's.
RENEW_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
DELETE_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


def connect(url: SecretStr | None, data_dir: Path) -> Client:
    """The server at ``url`` (REDIS_URL), or else an embedded one under ``data_dir``.

    Only this slice of the settings, so that a test or a tool can connect without building a
    whole Settings."""
    options: dict[str, Any] = {
        "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "socket_timeout": COMMAND_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,)),
    }
    if url:
        client: Client = redis.Redis.from_url(url.get_secret_value(), **options)
        return client
    server = start_or_join(data_dir)
    embedded: Client = redis.Redis(
        unix_socket_path=str(server.socket_path), client_name=server.client_name, **options
    )
    return embedded


class RedisStore:
    """Keys are given without the prefix; the store adds it. An outage is logged once when it
    starts and once when Redis answers again, however many calls fail in between."""

    def __init__(self, client: Client, prefix: str, breaker: CircuitBreaker | None = None) -> None:
        self._client = client
        self.prefix = prefix
        cooldown = Settings.model_fields["redis_cooldown_seconds"].default
        self.breaker = breaker or CircuitBreaker(cooldown)
        self._probe = _probe_client(client)
        self._renew = client.register_script(RENEW_IF_OWNER)
        self._release = client.register_script(DELETE_IF_OWNER)

    @classmethod
    def open(cls, settings: Settings, breaker: CircuitBreaker | None = None) -> RedisStore:
        """The store the settings name (``breaker``: for tests that move its clock)."""
        cooldown = breaker or CircuitBreaker(settings.redis_cooldown_seconds)
        return cls(connect(settings.redis_url, settings.data_dir), settings.redis_prefix, cooldown)

    def get(self, key: str) -> str | None:
        return self.get_many([key])[0]

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        if not keys:
            return []
        with self.guarded():
            values = self._client.mget([self.prefix + k for k in keys])
        return [_text(v) for v in values]

    def set_many(self, values: Mapping[str, str], ttl_seconds: int | None = None) -> None:
        with self.guarded(), self._client.pipeline(transaction=False) as pipe:
            for key, value in values.items():
                pipe.set(self.prefix + key, value, ex=ttl_seconds)
            pipe.execute()

    def claim(self, key: str, ttl_seconds: int, value: str = "1") -> bool:
        """Set ``key`` only if nobody has: True for the one caller that got it."""
        with self.guarded():
            return bool(self._client.set(self.prefix + key, value, nx=True, ex=ttl_seconds))

    def delete(self, key: str) -> None:
        with self.guarded():
            self._client.delete(self.prefix + key)

    def lease_acquire(self, key: str, owner: str, ttl_seconds: float) -> bool:
        with self.guarded():
            return bool(self._client.set(self.prefix + key, owner, nx=True, px=_ms(ttl_seconds)))

    def lease_renew(self, key: str, owner: str, ttl_seconds: float) -> bool:
        with self.guarded():
            return bool(self._renew(keys=[self.prefix + key], args=[owner, _ms(ttl_seconds)]))

    def lease_release(self, key: str, owner: str) -> bool:
        with self.guarded():
            return bool(self._release(keys=[self.prefix + key], args=[owner]))

    def hash_increment(self, key: str, counts: Mapping[str, int], ttl_seconds: int) -> None:
        if not counts:
            return
        with self.guarded(), self._client.pipeline(transaction=False) as pipe:
            for field, count in counts.items():
                pipe.hincrby(self.prefix + key, field, count)
            pipe.expire(self.prefix + key, ttl_seconds)
            pipe.execute()

    def take(self, key: str) -> str | None:
        """GETDEL: the value and its deletion in one command, so one caller gets it."""
        with self.guarded():
            return _text(self._client.getdel(self.prefix + key))

    def delete_prefixed(self, prefix: str) -> int:
        """SCAN for the prefix and UNLINK (freed in the background) what each round found:
        every command touches at most about DELETE_BATCH keys, so other clients are never
        held up by one big KEYS or DEL."""
        pattern = _glob_escaped(self.prefix + prefix) + "*"
        removed, cursor = 0, 0
        while True:
            with self.guarded():
                cursor, keys = self._client.scan(cursor, match=pattern, count=DELETE_BATCH)
                if keys:
                    removed += int(self._client.unlink(*keys))
            if cursor == 0:
                return removed

    def add_scored(self, key: str, member: str, score: float, keep_after: float) -> None:
        """Add to a sorted set and drop members scored below ``keep_after`` (old entries)."""
        with self.guarded(), self._client.pipeline(transaction=False) as pipe:
            pipe.zadd(self.prefix + key, {member: score})
            pipe.zremrangebyscore(self.prefix + key, "-inf", f"({keep_after}")
            pipe.execute()

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        """Members scored within [low, high], oldest first."""
        with self.guarded():
            members = self._client.zrangebyscore(self.prefix + key, low, high)
        return [m.decode() if isinstance(m, bytes) else str(m) for m in members]

    def hash_get_all(self, key: str) -> dict[str, str]:
        with self.guarded():
            found = self._client.hgetall(self.prefix + key)
        return {_text(k) or "": _text(v) or "" for k, v in found.items()}

    def hash_set(self, key: str, values: Mapping[str, str]) -> None:
        with self.guarded():
            self._client.hset(self.prefix + key, mapping=dict[Any, Any](values))

    def ping(self) -> bool:
        """Whether Redis answers a PING within PING_TIMEOUT_SECONDS (the readiness check);
        False at once while the breaker is open."""
        try:
            with self.guarded():
                self._probe.ping()
        except StoreUnavailable:
            return False
        return True

    def scheduler_jobs(self) -> BaseJobStore:
        """APScheduler's Redis job store on this store's connections, under the prefix. Its
        calls in a request must run inside `guarded()`, so that they share the breaker.
        APScheduler is imported here, when a clock is built: a cached `newsbot analyze`
        needs none of it."""
        from apscheduler.jobstores.redis import RedisJobStore  # noqa: PLC0415

        return RedisJobStore(
            jobs_key=f"{self.prefix}apscheduler:jobs",
            run_times_key=f"{self.prefix}apscheduler:run_times",
            connection_pool=self._client.connection_pool,
        )

    def close(self) -> None:
        self._probe.close()
        self._client.close()

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Run Redis calls through the breaker, as `StoreUnavailable` when they fail. An error
        reply (Redis answered) fails the call but is no outage."""
        self._admit()
        try:
            yield
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            self._failed(exc)
            raise StoreUnavailable(_reason(exc)) from exc
        except redis.RedisError as exc:
            self._answered()
            raise StoreUnavailable(_reason(exc)) from exc
        self._answered()

    def _admit(self) -> None:
        """Refuse at once while the breaker is open; after the cool-down, PING (short timeout)
        before letting a call wait out a full command timeout."""
        admission = self.breaker.admit()
        if admission is Admission.REFUSED:
            raise StoreUnavailable("Redis did not answer recently; not asked again yet")
        if admission is Admission.TRIAL:
            try:
                self._probe.ping()
            except Exception as exc:  # any failure must re-open the half-open breaker
                self._failed(exc)
                raise StoreUnavailable(_reason(exc)) from exc
            self._answered()

    def _failed(self, exc: Exception) -> None:
        if self.breaker.failed():
            log.warning("Redis unavailable (%s); going on without it until it is back", exc)

    def _answered(self) -> None:
        if self.breaker.succeeded():
            log.warning("Redis is back")


def _probe_client(client: Client) -> Client:
    """A client on the same server with short timeouts and no retry, for PINGs: built the way
    the client's pool builds its connections, with only the timeouts and retry changed."""
    pool = client.connection_pool
    options = {
        **pool.connection_kwargs,
        "socket_timeout": PING_TIMEOUT_SECONDS,
        "socket_connect_timeout": PING_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 0),
    }
    probe_pool = type(pool)(connection_class=pool.connection_class, **options)
    return redis.Redis(connection_pool=probe_pool)


def _ms(seconds: float) -> int:
    """Redis's PX/PEXPIRE unit, at least 1 (0 would be an error, not "now")."""
    return max(1, round(seconds * 1000))


def _glob_escaped(text: str) -> str:
    """``text`` as a literal in a SCAN MATCH pattern (a prefix may hold * ? [ ] or \\)."""
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)


def queue_connection(settings: Settings) -> Client:
    """A client of its own for the job queue (RQ), on the Redis the settings name: RQ keeps
    its own keys and timeouts (a worker blocks on the queue for longer than a command may
    take), so it goes around the store's breaker; a job queue that cannot be reached is told
    to the person who asked instead."""
    return connect(settings.redis_url, settings.data_dir)
