"""One digest clock at a time: a clock runs its jobs only while it holds the clock lease in
Redis (`bot.storage.lease`), and otherwise stands by, paused, trying to take the lease.

Why: several clocks (a `newsbot clock` per machine, or `newsbot serve` processes that run the
clock inside) would all fire every digest job; the runner's claim keeps the posts to one per
channel and period, but each clock would still build every digest. With the lease, one clock
runs the jobs; when it dies without letting go (SIGKILL, a lost machine), its lease lapses
after NEWSBOT_CLOCK_LEASE_SECONDS and a standby, trying every NEWSBOT_CLOCK_RENEW_SECONDS,
takes over: within lease + renew seconds (40 s by default). A run that fell due meanwhile is
posted then, within the digest's grace. The claims stay as the second guard.

A clock that cannot renew (the lease went to another, or Redis did not answer) pauses at once:
it may have lost the lease, and posting twice is worse than posting late. A standby's paused
scheduler still takes job changes (a channel's new digest time), which go to the shared job
store either way.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient

from bot.digest.scheduler import DigestScheduler, build_scheduler
from bot.services import Services
from bot.slack.workspaces import Workspaces
from bot.storage.lease import Lease

log = logging.getLogger(__name__)

CLOCK_LEASE_KEY = "clock:lease"


def standby_clock(
    services: Services, client: WebClient, workspaces: Workspaces | None = None
) -> StandbyClock:
    """This process's digest clock, standing by until it holds the lease; ``workspaces``:
    whose channels it serves (by default the one of ``client``)."""
    digest = services.settings.digest
    digest.require_lease_timing()
    lease = Lease(services.store, CLOCK_LEASE_KEY, digest.lease_seconds)
    clock = DigestScheduler(build_scheduler(services), services, client, workspaces)
    return StandbyClock(clock, lease, digest.renew_seconds)


class StandbyClock:
    def __init__(self, clock: DigestScheduler, lease: Lease, renew_seconds: float) -> None:
        self.clock = clock
        self.lease = lease
        self.renew_seconds = renew_seconds
        self.active = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start paused and try for the lease in a background thread (`newsbot serve`)."""
        self.clock.start(paused=True)
        self.step()
        self._thread = threading.Thread(target=self._loop, name="clock-lease", daemon=True)
        self._thread.start()

    def run(self) -> None:
        """Start paused and try for the lease in this thread until `stop_soon` (`newsbot
        clock`; a signal handler may call it), then stop and release the lease."""
        self.clock.start(paused=True)
        try:
            self.step()
            self._loop()
        finally:
            self._finish(release=True)

    def step(self) -> bool:
        """Renew or try to take the lease once, and run or pause the jobs to match: True while
        this clock is the active one."""
        try:
            held = self.lease.hold()
        except Exception:  # unforeseen: a clock that cannot tell must not run the jobs
            log.exception("digest clock lease check failed; standing by")
            held = False
        if held and not self.active:
            log.warning("digest clock %s is active", self.lease.owner)
            self.clock.resume()
        elif not held and self.active:
            log.warning("digest clock %s lost its lease; standing by", self.lease.owner)
            self.clock.pause()
        self.active = held
        return held

    def stop_soon(self) -> None:
        """Ask the lease loop to end at its next wake-up (safe from a signal handler)."""
        self._stopping.set()

    def stop(self, *, release: bool = True) -> None:
        """Stop the clock started by `start`; with ``release``, free the lease so that a
        standby takes over at its next try. Without, the lease lapses as a killed process's
        does."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self.renew_seconds + 5)
        self._finish(release=release)

    def _finish(self, *, release: bool) -> None:
        self.clock.pause()
        self.clock.shutdown()
        self.active = False
        if release:
            self.lease.release()

    def _loop(self) -> None:
        while not self._stopping.wait(self.renew_seconds):
            self.step()
