"""A clock that moves only when the test moves it, for code that takes a ``clock`` callable
(the circuit breaker's cool-down): time passes without the test waiting for it."""

from __future__ import annotations


class ManualClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
