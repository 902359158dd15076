"""Structured log lines: context fields carried with contextvars into every line logged within
a block, across the pool threads the Bolt listeners and digest jobs run in, and written as
JSON, logfmt or text."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext

import pytest

from bot.observability.context_pool import ContextPool
from bot.observability.job_runs import observed_run
from bot.observability.log_context import MAX_VALUE_CHARS, current_fields, log_context
from bot.observability.log_format import (
    ContextFilter,
    JsonFormatter,
    LogfmtFormatter,
    TextFormatter,
    formatter_for,
)

log = logging.getLogger("newsbot.test")


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """What the root logger writes as JSON lines, at INFO, during the test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_fields_nest_and_come_back_when_a_block_ends() -> None:
    assert current_fields() == {}
    with log_context(team="T1", channel="C1"):
        with log_context(channel="C2", event_id="Ev1", job_id=None):
            assert current_fields() == {"event_id": "Ev1", "team": "T1", "channel": "C2"}
        assert current_fields() == {"team": "T1", "channel": "C1"}
    assert current_fields() == {}


def test_only_known_fields_are_taken_and_long_values_are_cut() -> None:
    with pytest.raises(TypeError, match="text"), log_context(text="the message itself"):
        pass
    with log_context(job_id="x" * 500, duration_ms=12):
        assert current_fields() == {"job_id": "x" * MAX_VALUE_CHARS, "duration_ms": 12}


def test_each_thread_keeps_its_own_fields() -> None:
    seen: dict[str, object] = {}
    ready = threading.Barrier(2)

    def work(channel: str) -> None:
        with log_context(channel=channel):
            ready.wait()
            seen[channel] = current_fields()["channel"]

    threads = [threading.Thread(target=work, args=(c,)) for c in ("C1", "C2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"C1": "C1", "C2": "C2"}


def test_json_lines_carry_the_context_and_a_traceback_on_one_line(lines: io.StringIO) -> None:
    with log_context(event_id="Ev9", team="T1", channel="C1"):
        log.warning("posted %s", "\x1b[31mreply\x1b[0m")
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("failed")
    first, second = records(lines)
    assert first["message"] == "posted reply"
    assert (first["event_id"], first["team"], first["channel"]) == ("Ev9", "T1", "C1")
    assert first["level"] == "warning" and first["logger"] == "newsbot.test"
    assert "ValueError: boom" in str(second["exception"])
    assert len(lines.getvalue().splitlines()) == 2


def record(message: str, *args: object) -> logging.LogRecord:
    made = logging.LogRecord("bot.x", logging.INFO, __file__, 1, message, args, None)
    ContextFilter().filter(made)
    return made


def test_logfmt_quotes_what_needs_quoting() -> None:
    with log_context(channel="C1", duration_ms=41):
        line = LogfmtFormatter().format(record('said "hi"\nthere'))
    assert line.split(" ", 1)[1] == (
        'level=info logger=bot.x message="said \\"hi\\"\\nthere" channel=C1 duration_ms=41'
    )
    assert line.startswith("time=")


def test_text_shows_the_context_after_the_message_and_stays_the_default() -> None:
    with log_context(team="T1", job_id="digest:C1"):
        line = TextFormatter().format(record("digest %s", "posted"))
    assert line == "INFO bot.x: digest posted [team=T1 job_id=digest:C1]"
    assert TextFormatter().format(record("plain")) == "INFO bot.x: plain"
    assert isinstance(formatter_for("text"), TextFormatter)
    assert isinstance(formatter_for("json"), JsonFormatter)


class Observer:
    def __init__(self) -> None:
        self.finished: list[tuple[str, bool]] = []

    def batch(self) -> AbstractContextManager[None]:
        return nullcontext()

    def job_finished(self, kind: str, seconds: float, *, ok: bool) -> None:
        assert seconds >= 0
        self.finished.append((kind, ok))


def test_the_pool_runs_each_task_in_its_submitters_context_and_times_it(
    lines: io.StringIO,
) -> None:
    observer = Observer()
    pool = ContextPool(2, "listener", observer)
    with log_context(event_id="Ev1", channel="C1"):
        fields = pool.submit(current_fields).result()
        assert fields == {"event_id": "Ev1", "channel": "C1", "job": "listener"}
    with log_context(job="digest"):
        failing = pool.submit(lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            failing.result()
    pool.shutdown(wait=True)
    assert observer.finished == [("listener", True), ("digest", False)]
    done = [r for r in records(lines) if r["logger"] == "bot.observability.job_runs"]
    assert [r["message"] for r in done] == ["listener done", "digest failed"]
    assert done[0]["event_id"] == "Ev1" and isinstance(done[0]["duration_ms"], int)


def test_an_observed_run_logs_its_ids_and_counts_a_failure_that_goes_on_up(
    lines: io.StringIO,
) -> None:
    observer = Observer()
    with (
        pytest.raises(TimeoutError),
        observed_run("automatic", observer, job_id="j1", team="T1", channel="C1"),
    ):
        log.warning("fetching")
        raise TimeoutError
    assert observer.finished == [("automatic", False)]
    fetching, ended = records(lines)
    assert (fetching["job"], fetching["job_id"], fetching["team"]) == ("automatic", "j1", "T1")
    assert ended["message"] == "automatic failed" and isinstance(ended["duration_ms"], int)
