"""The circuit breaker's states, with a clock the test moves, and its one trial under threads."""

from __future__ import annotations

import threading

from bot.storage.breaker import Admission, CircuitBreaker, State
from tests.fakes.clock import ManualClock

COOLDOWN = 5.0


def opened_breaker() -> tuple[CircuitBreaker, ManualClock]:
    clock = ManualClock()
    breaker = CircuitBreaker(COOLDOWN, clock)
    assert breaker.failed() is True  # the outage starts
    return breaker, clock


def test_a_closed_breaker_lets_every_call_through() -> None:
    breaker = CircuitBreaker(COOLDOWN, ManualClock())
    assert [breaker.admit() for _ in range(3)] == [Admission.GO] * 3
    assert breaker.succeeded() is False  # no outage ended
    assert breaker.state is State.CLOSED


def test_after_a_failure_calls_are_refused_until_the_cooldown_ends() -> None:
    breaker, clock = opened_breaker()
    assert breaker.admit() is Admission.REFUSED
    clock.advance(COOLDOWN - 0.01)
    assert breaker.admit() is Admission.REFUSED
    clock.advance(0.01)
    assert breaker.admit() is Admission.TRIAL
    assert breaker.state is State.HALF_OPEN


def test_only_one_trial_at_a_time() -> None:
    breaker, clock = opened_breaker()
    clock.advance(COOLDOWN)
    assert breaker.admit() is Admission.TRIAL
    assert breaker.admit() is Admission.REFUSED


def test_a_successful_trial_closes_the_breaker_and_ends_the_outage() -> None:
    breaker, clock = opened_breaker()
    clock.advance(COOLDOWN)
    breaker.admit()
    assert breaker.succeeded() is True
    assert breaker.admit() is Admission.GO


def test_a_failed_trial_opens_it_for_another_cooldown_without_a_new_outage() -> None:
    breaker, clock = opened_breaker()
    clock.advance(COOLDOWN)
    breaker.admit()
    assert breaker.failed() is False  # still the same outage: not announced again
    clock.advance(COOLDOWN - 0.01)
    assert breaker.admit() is Admission.REFUSED
    clock.advance(0.01)
    assert breaker.admit() is Admission.TRIAL


def test_a_later_failure_restarts_the_cooldown() -> None:
    breaker, clock = opened_breaker()
    clock.advance(COOLDOWN - 1)
    assert breaker.failed() is False  # a call already under way when it opened
    clock.advance(1)
    assert breaker.admit() is Admission.REFUSED


def test_many_threads_at_the_end_of_the_cooldown_get_exactly_one_trial() -> None:
    breaker, clock = opened_breaker()
    clock.advance(COOLDOWN)
    threads = 16
    start = threading.Barrier(threads)
    admissions: list[Admission] = []
    lock = threading.Lock()

    def call() -> None:
        start.wait()
        admitted = breaker.admit()
        with lock:
            admissions.append(admitted)

    workers = [threading.Thread(target=call) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert admissions.count(Admission.TRIAL) == 1
    assert admissions.count(Admission.REFUSED) == threads - 1
