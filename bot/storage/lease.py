"""A lease in the store: a key that one owner holds for a time, renews while it works, and
releases when it stops. It makes one process of several the digest clock; the others stand by
and take the lease once its holder stops renewing (a crash, a SIGKILL, a lost network).

The value under the key names the holder and when it took the lease (`Holder`), so an
operator (`newsbot metrics`) sees who holds it and for how long. Renewal and release compare
that value inside the store (`Store.lease_renew`, `Store.lease_release`), so an owner whose
lease ran out cannot extend or free the one who took it next.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from bot.storage.store import Store, StoreUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Holder:
    """Who holds a lease: ``owner`` is host, process id and a random part; ``since`` when the
    lease was taken (seconds since the epoch), kept through renewals."""

    owner: str
    since: float

    def token(self) -> str:
        return json.dumps({"owner": self.owner, "since": self.since}, sort_keys=True)

    @classmethod
    def from_token(cls, token: str) -> Holder | None:
        """The holder a stored value names; None for a value that is not one."""
        try:
            data = json.loads(token)
            return cls(str(data["owner"]), float(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None


def process_owner() -> str:
    """This process's name as a lease owner: readable (host and pid, to find the process) and
    unique (two clocks in one process, or a pid reused after a restart, differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Lease:
    def __init__(
        self,
        store: Store,
        key: str,
        ttl_seconds: float,
        owner: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.key = key
        self.ttl_seconds = ttl_seconds
        self.owner = owner or process_owner()
        self._clock = clock
        self._held: Holder | None = None  # what we last stored, while we think we hold it

    def hold(self) -> bool:
        """Renew the lease if this owner holds it, else try to take it: True while this owner
        holds it for ``ttl_seconds`` more. False when another holds it or the store cannot
        say (an owner that cannot renew must act as if it had lost the lease; after a blip, the
        next call renews what is still its own)."""
        try:
            if self._held is not None and self.store.lease_renew(
                self.key, self._held.token(), self.ttl_seconds
            ):
                return True
            fresh = Holder(self.owner, self._clock())
            taken = self.store.lease_acquire(self.key, fresh.token(), self.ttl_seconds)
        except StoreUnavailable as exc:
            log.warning("lease %s not confirmed (%s)", self.key, exc)
            return False
        self._held = fresh if taken else None
        return taken

    def release(self) -> None:
        """Let the next owner take over now rather than when the lease expires."""
        held, self._held = self._held, None
        if held is None:
            return
        try:
            self.store.lease_release(self.key, held.token())
        except StoreUnavailable as exc:
            log.warning("lease %s not released (%s); it expires by itself", self.key, exc)


def lease_holder(store: Store, key: str) -> Holder | None:
    """Who holds the lease ``key`` now, if anyone (raises StoreUnavailable)."""
    token = store.get(key)
    return None if token is None else Holder.from_token(token)
