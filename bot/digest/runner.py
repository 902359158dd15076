"""Posting a channel's digest: the period, the claim that makes it happen once, the message and
its chart. Everything comes from the channel's share history in Redis; nothing is re-fetched.

A scheduled run covers the period that ends at the channel's latest scheduled time (so a run
that fires late, after a restart, still posts the period it was due for), and claims
"channel + period end" in Redis before posting: however many bot processes fire, one posts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

from slack_sdk import WebClient

from bot.digest.build import build_digest
from bot.digest.chart import chart_alt_text, stance_chart_png
from bot.digest.model import Digest
from bot.digest.period import Period
from bot.digest.render_thread import thread_messages
from bot.digest.render_top import NO_UNFURL, digest_message
from bot.digest_schedule import DigestSchedule
from bot.services import Services
from bot.slack.slack_calls import slack_call
from bot.storage.store import StoreUnavailable

log = logging.getLogger(__name__)

CLAIM_SECONDS = 8 * 24 * 3600
Outcome = Literal["posted", "empty", "failed"]


class DigestRunner:
    def __init__(
        self, services: Services, client: WebClient, clock: Callable[[], float] = time.time
    ) -> None:
        self.services = services
        self.client = client
        self.clock = clock

    def run_scheduled(self, channel: str) -> bool:
        """The scheduled digest of the period just ended; False when nothing was posted."""
        schedule = self.services.prefs.digest_schedule(channel)
        if not schedule.enabled:
            return False
        end = schedule.last_run_at_or_before(self._now())
        period = Period(schedule.run_before(end), end, schedule.zone)
        claim = f"digest:{channel}:{end.astimezone(UTC).isoformat()}"
        try:
            if not self.services.store.claim(claim, CLAIM_SECONDS):
                log.info("digest for %s, %s already posted by another process", channel, end)
                return False
        except StoreUnavailable:
            log.warning("digest for %s skipped: Redis is down, so it cannot be claimed", channel)
            return False
        outcome = self.post(channel, period, schedule)
        if outcome == "failed":
            self._release(claim)
        return outcome == "posted"

    def post_now(self, channel: str) -> Outcome:
        """On request: the period from the latest scheduled run until now (no claim)."""
        schedule = self.services.prefs.digest_schedule(channel)
        return self.post(channel, self.period_so_far(schedule), schedule)

    def preview(self, channel: str) -> Digest:
        """What `post_now` would post (`newsbot digest CHANNEL --dry-run`)."""
        schedule = self.services.prefs.digest_schedule(channel)
        return self.build(channel, self.period_so_far(schedule), schedule)

    def period_so_far(self, schedule: DigestSchedule) -> Period:
        now = self._now()
        return Period(schedule.last_run_at_or_before(now), now, schedule.zone)

    def build(self, channel: str, period: Period, schedule: DigestSchedule) -> Digest:
        history = self.services.history
        before = schedule.run_before(period.start)
        start, end = period.start.timestamp(), period.end.timestamp()
        return build_digest(
            history.between(channel, start, end),
            period,
            history.between(channel, before.timestamp(), start),
            history.skipped_between(channel, start, end),
        )

    def post(self, channel: str, period: Period, schedule: DigestSchedule) -> Outcome:
        digest = self.build(channel, period, schedule)
        if digest.is_empty and not self.services.settings.digest.post_empty:
            log.info("no digest for %s: nothing was shared in %s", channel, period.label)
            return "empty"
        message = digest_message(digest)
        posted = slack_call(
            self.client.chat_postMessage, channel=channel, **NO_UNFURL, **message.as_kwargs()
        )
        if posted is None:
            return "failed"
        thread_ts = str(posted["ts"])
        for part in thread_messages(digest):
            slack_call(
                self.client.chat_postMessage,
                channel=channel,
                thread_ts=thread_ts,
                **NO_UNFURL,
                **part.as_kwargs(),
            )
        if self.services.settings.digest.charts:
            self._upload_chart(channel, thread_ts, digest)
        return "posted"

    def _upload_chart(self, channel: str, thread_ts: str, digest: Digest) -> None:
        png = stance_chart_png(digest)
        if png is None:
            return
        slack_call(
            self.client.files_upload_v2,
            channel=channel,
            thread_ts=thread_ts,
            content=png,
            filename="newsbot-digest.png",
            title=f"Who the coverage was about, {digest.period.label}",
            alt_txt=chart_alt_text(digest),
        )

    def _release(self, claim: str) -> None:
        """Let a later run (or another process) try again after a failed post."""
        try:
            self.services.store.delete(claim)
        except StoreUnavailable:
            return

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)
