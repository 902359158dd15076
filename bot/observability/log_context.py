"""Context fields for log lines (event id, team, channel, job id, duration), carried with
contextvars so that every line logged while handling one request or job carries them, however
deep the call that logs it.

Why contextvars: the fields are set once where work enters the bot (the Bolt middleware, the
digest clock's executor, a queue's job runner) and read by the log formatter, with no
parameter threaded through the pipeline. Thread pools do not copy the context by themselves;
`bot.observability.context_pool` does, for the Bolt listeners and the digest jobs.

Only the names in FIELDS are accepted: a field is an identifier or a number, never a message's
text or a credential, and an unknown name is a programming error caught at once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

Value = str | int | float

FIELDS = (
    "event_id",  # Slack's event id, or a command's / shortcut's trigger id
    "team",
    "channel",
    "job",  # the kind of work: listener, digest, or a queue's name
    "job_id",
    "attempt",
    "duration_ms",
)
MAX_VALUE_CHARS = 100  # ids are short; anything longer is cut, never logged whole

_EMPTY: Mapping[str, Value] = MappingProxyType({})
_fields: ContextVar[Mapping[str, Value]] = ContextVar("newsbot_log_context", default=_EMPTY)


@contextmanager
def log_context(**fields: Value | None) -> Iterator[None]:
    """Add ``fields`` to every log line within the block (None values are left out); the
    enclosing fields come back when it ends."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise TypeError(f"not a log context field: {', '.join(unknown)} (see FIELDS)")
    added = {name: _bounded(v) for name, v in fields.items() if v is not None}
    token = _fields.set(MappingProxyType({**_fields.get(), **added}))
    try:
        yield
    finally:
        _fields.reset(token)


def current_fields() -> Mapping[str, Value]:
    """The fields in force here, in FIELDS order."""
    found = _fields.get()
    return {name: found[name] for name in FIELDS if name in found}


def elapsed_ms(started: float) -> int:
    """Milliseconds since ``started`` (a `time.perf_counter()` reading): the duration field."""
    return round((time.perf_counter() - started) * 1000)


def _bounded(value: Value) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)[:MAX_VALUE_CHARS]
    return value
