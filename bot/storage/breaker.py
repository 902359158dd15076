"""A circuit breaker: after a failure, callers are turned away at once for a cool-down instead
of each waiting out its own timeout; then one caller is let through to try (half-open), and its
outcome closes the breaker or opens it for another cool-down.

Why: a hung Redis (a stopped process, a black-holed network) costs every call its full socket
timeout, and one Slack reply makes several calls. With the breaker, the first timeout is paid
once and every later call fails fast until a trial finds the server answering again.

Pure state, no I/O: the caller reports each outcome. Thread-safe, as the bot handles events
in several threads; the clock is injectable so tests move time instead of waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import Enum


class State(Enum):
    CLOSED = "closed"  # calls go through
    OPEN = "open"  # calls are refused until the cool-down ends
    HALF_OPEN = "half-open"  # one trial call is under way; the others are refused


class Admission(Enum):
    GO = "go"
    TRIAL = "trial"  # the caller must report its outcome: it decides the breaker's state
    REFUSED = "refused"


class CircuitBreaker:
    def __init__(
        self, cooldown_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.cooldown_seconds = cooldown_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._state = State.CLOSED
        self._opened_at = 0.0

    @property
    def state(self) -> State:
        return self._state

    def admit(self) -> Admission:
        """Whether a call may go ahead; after the cool-down, the first caller gets the trial."""
        with self._lock:
            if self._state is State.CLOSED:
                return Admission.GO
            cooled = self._clock() - self._opened_at >= self.cooldown_seconds
            if self._state is State.OPEN and cooled:
                self._state = State.HALF_OPEN
                return Admission.TRIAL
            return Admission.REFUSED

    def succeeded(self) -> bool:
        """The service answered; True when that ends an outage."""
        with self._lock:
            was = self._state
            self._state = State.CLOSED
            return was is not State.CLOSED

    def failed(self) -> bool:
        """The service did not answer; True when that starts an outage. The cool-down counts
        from the latest failure."""
        with self._lock:
            was = self._state
            self._state = State.OPEN
            self._opened_at = self._clock()
            return was is State.CLOSED
