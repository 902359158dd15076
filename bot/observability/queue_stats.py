"""Queue depths for `newsbot metrics`: how many jobs wait in each work queue and how many
ended in its failed registry, read from the queues themselves.

The queues are RQ's (the queue mode's `bot/work/`); this module asks only for what an RQ
`Queue` answers (`count`, `failed_job_registry.count`), so it needs neither RQ nor the queue
mode to be imported, and the command line passes whatever opens a queue by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol


class CountedRegistry(Protocol):
    @property
    def count(self) -> int: ...


class CountedQueue(Protocol):
    """What `newsbot metrics` reads of an RQ queue."""

    @property
    def count(self) -> int: ...

    @property
    def failed_job_registry(self) -> CountedRegistry: ...


@dataclass(frozen=True)
class QueueDepth:
    name: str
    waiting: int
    failed: int


def queue_depths(
    names: Sequence[str], open_queue: Callable[[str], CountedQueue | None]
) -> list[QueueDepth]:
    """Each named queue's waiting and failed jobs; a name ``open_queue`` has no queue for
    (None) is left out, so a deployment without a lane shows none."""
    depths = []
    for name in names:
        queue = open_queue(name)
        if queue is not None:
            depths.append(QueueDepth(name, queue.count, queue.failed_job_registry.count))
    return depths
