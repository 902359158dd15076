"""What the scheduler's stored jobs call. Jobs live in Redis as references to these functions
(by name, not by object), so they reach this process's runner through this module."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.digest_runner import DigestRunner
    from bot.scheduler import DigestScheduler

log = logging.getLogger(__name__)

_current: tuple[DigestRunner, DigestScheduler] | None = None


def install(runner: DigestRunner, scheduler: DigestScheduler) -> None:
    global _current  # noqa: PLW0603 (one runner per process, set once at start-up)
    _current = (runner, scheduler)


def run_scheduled_digest(channel: str) -> None:
    if _current is None:
        log.error("digest job for %s fired before the runner was installed", channel)
        return
    _current[0].run_scheduled(channel)


def sync_channels() -> None:
    if _current is not None:
        _current[1].sync_channels()
