"""What the scheduler's stored jobs call. Jobs live in Redis as references to these functions
(by name, not by object), so they reach this process's runner through this module, and the
module keeps this path: a job stored before a move would no longer load. It knows
the runner and the scheduler only by what it calls on them, so it imports neither."""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)


class ScheduledRunner(Protocol):
    def run_scheduled(self, channel: str, team: str | None = None) -> object: ...


class ChannelSync(Protocol):
    def sync_channels(self) -> None: ...


_current: tuple[ScheduledRunner, ChannelSync] | None = None


def install(runner: ScheduledRunner, scheduler: ChannelSync) -> None:
    global _current  # noqa: PLW0603 (one runner per process, set once at start-up)
    _current = (runner, scheduler)


def run_scheduled_digest(channel: str, team: str | None = None) -> None:
    """``team``: the workspace of the channel (None: the one of SLACK_BOT_TOKEN; jobs stored
    before workspaces were told apart have no team)."""
    if _current is None:
        log.error("digest job for %s fired before the runner was installed", channel)
        return
    _current[0].run_scheduled(channel, team)


def sync_channels() -> None:
    if _current is not None:
        _current[1].sync_channels()
