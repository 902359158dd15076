"""One workspace's view of the store: the same `Store` protocol, every key under the team's
prefix ("team:T0123:").

Why a view and not a parameter on every call: the share history, the channel settings and the
ledgers were written for one workspace and stay so; given a team's view, they keep their own
keys ("shares:C1") and cannot read or write another team's, even where channel ids coincide
(Slack Connect shares one channel id between workspaces). Removing a workspace's data is then
one prefix (`team_prefix`), deleted in bounded batches by the store beneath.

What is not the team's goes through the store beneath: the digest clock's job store, the
readiness ping, the breaker (`guarded`); closing a view leaves the shared store open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from bot.storage.store import Store

if TYPE_CHECKING:
    from apscheduler.jobstores.base import BaseJobStore

# Slack's team and enterprise ids: a letter, then letters and digits ("T0123ABC", "E0456").
TEAM_ID = re.compile(r"[A-Z][A-Z0-9]{1,40}")


def team_prefix(team_id: str) -> str:
    """The prefix of every key of one workspace. A malformed id is refused, so that no id can
    reach into another team's keys (a "T1:" would make "team:T1::...")."""
    if not TEAM_ID.fullmatch(team_id):
        raise ValueError(f"not a Slack team id: {team_id!r}")
    return f"team:{team_id}:"


class TeamStore:
    def __init__(self, inner: Store, team_id: str) -> None:
        self._inner = inner
        self.team_id = team_id
        self.prefix = team_prefix(team_id)

    def get(self, key: str) -> str | None:
        return self._inner.get(self.prefix + key)

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        return self._inner.get_many([self.prefix + k for k in keys])

    def set_many(self, values: Mapping[str, str], ttl_seconds: int | None = None) -> None:
        self._inner.set_many({self.prefix + k: v for k, v in values.items()}, ttl_seconds)

    def claim(self, key: str, ttl_seconds: int, value: str = "1") -> bool:
        return self._inner.claim(self.prefix + key, ttl_seconds, value)

    def delete(self, key: str) -> None:
        self._inner.delete(self.prefix + key)

    def take(self, key: str) -> str | None:
        return self._inner.take(self.prefix + key)

    def delete_prefixed(self, prefix: str) -> int:
        return self._inner.delete_prefixed(self.prefix + prefix)

    def add_scored(self, key: str, member: str, score: float, keep_after: float) -> None:
        self._inner.add_scored(self.prefix + key, member, score, keep_after)

    def scored_between(self, key: str, low: float, high: float) -> list[str]:
        return self._inner.scored_between(self.prefix + key, low, high)

    def hash_get_all(self, key: str) -> dict[str, str]:
        return self._inner.hash_get_all(self.prefix + key)

    def hash_set(self, key: str, values: Mapping[str, str]) -> None:
        self._inner.hash_set(self.prefix + key, values)

    def ping(self) -> bool:
        return self._inner.ping()

    def guarded(self) -> AbstractContextManager[None]:
        return self._inner.guarded()

    def scheduler_jobs(self) -> BaseJobStore:
        """The one clock's job store, shared by every workspace."""
        return self._inner.scheduler_jobs()

    def close(self) -> None:
        """Nothing of its own: the store beneath belongs to whoever opened it."""
