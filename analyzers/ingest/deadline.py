"""The one clock of a fetch: every hop and the body share one total deadline, and a watchdog
cuts a connection that drips bytes past it."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import suppress
from typing import Any

import httpx

from analyzers.errors import FetchTimeout
from config.settings import FetchLimits


class Deadline:
    """The one clock for a whole fetch: every hop and the body share ``total_timeout``."""

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        self.seconds = limits.total_timeout
        self._end = time.monotonic() + limits.total_timeout

    def remaining(self) -> float:
        return max(self._end - time.monotonic(), 0.0)

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self._end

    def timeout(self) -> httpx.Timeout:
        """Per-operation timeouts for the next hop, none running past the deadline."""
        left = max(self.remaining(), 0.001)
        connect = min(self.limits.connect_timeout, left)
        read = min(self.limits.read_timeout, left)
        return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


class Watchdog:
    """Cuts the current connection when the deadline passes.

    Socket timeouts restart with every read, so a server that drips its headers or body a few
    bytes at a time would hold the fetch far beyond the deadline. Shutting the socket down from
    a timer thread wakes the blocked read at once. The socket is learnt from httpcore's ``trace``
    extension; with keep-alive off, every request opens (and so reports) a fresh connection.
    """

    _EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})

    def __init__(self, deadline: Deadline) -> None:
        self._lock = threading.Lock()
        self._stream: Any = None
        self._fired = False
        self._timer = threading.Timer(deadline.remaining(), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in self._EVENTS:
            with self._lock:
                self._stream = info.get("return_value")
                if self._fired:
                    self._cut()

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            self._cut()

    def _cut(self) -> None:
        sock = self._stream.get_extra_info("socket") if self._stream is not None else None
        if isinstance(sock, socket.socket):
            # The plain socket method: SSLSocket.shutdown would also drop the TLS object that
            # the reading thread is using; shutting down TCP is enough to end its read.
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def deadline_passed(deadline: Deadline) -> FetchTimeout:
    return FetchTimeout(f"The site did not answer within {seconds_text(deadline.seconds)}.")


def seconds_text(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"
