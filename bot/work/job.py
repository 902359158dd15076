"""A job: what a listener hands over after its ack, as plain data, so that it can cross a
process boundary (RQ stores it as JSON) and be run again after a crash with the same meaning.

A job names its kind (which runner takes it), a stable key (the same request always makes the
same key, so enqueueing it twice is a no-op and a finished job is not redone), its lane (a
person waiting, or an automatic reply), and who asked where: the team, channel and user, and
the response URL of a slash command or shortcut.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Lane = Literal["interactive", "automatic"]
INTERACTIVE: Lane = "interactive"  # a person is waiting: a slash command, a mention, a shortcut
AUTOMATIC: Lane = "automatic"  # nobody asked: the reply to a link shared in a channel


class TryAgain(Exception):
    """A job failed for a reason that may pass (a fetch timeout, an unreachable site, an
    unexpected error): raised only when the job has tries left, so the queue retries it."""


@dataclass(frozen=True)
class Job:
    kind: str
    key: str
    team_id: str
    channel: str
    user: str
    lane: Lane = AUTOMATIC
    link: str | None = None  # one source per job: a link, or
    text: str | None = None  # a pasted article
    thread_ts: str | None = None  # where answers go (None: the channel itself)
    shared_ts: str | None = None  # the message a share is recorded under
    private: bool = False
    response_url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # kind-specific plain fields

    @property
    def job_id(self) -> str:
        """RQ's job id: the key's digest (keys hold links of any length)."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:40]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Job:
        return cls(**raw)
