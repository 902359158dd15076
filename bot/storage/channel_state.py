"""Small per-workspace state kept in Redis: which Slack events were already handled, and each
channel's preferences."""

from __future__ import annotations

import logging

from bot.digest_schedule import DigestSchedule
from bot.storage.store import Store, StoreUnavailable
from config.settings import DigestSettings

log = logging.getLogger(__name__)

EVENT_MEMORY_SECONDS = 24 * 3600
AUTO_REPLIES = "auto_replies"
DIGEST_ENABLED, DIGEST_TIME, DIGEST_ZONE, DIGEST_DAYS = (
    "digest_enabled",
    "digest_time",
    "digest_zone",
    "digest_days",
)


class EventLedger:
    """Slack redelivers an event it thinks was missed (X-Slack-Retry-Num), and any request may
    arrive twice; the first delivery claims the event_id (for a slash command or a shortcut, the
    trigger_id, unique per invocation), so the work is done once however often it arrives."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def first_delivery(self, event_id: str) -> bool:
        return self._first(f"event:{event_id}")

    def first_invocation(self, trigger_id: str) -> bool:
        return self._first(f"trigger:{trigger_id}")

    def _first(self, key: str) -> bool:
        try:
            return self._store.claim(key, EVENT_MEMORY_SECONDS)
        except StoreUnavailable:
            log.warning("cannot check %s for repeats while Redis is down", key)
            return True


class ChannelPrefs:
    """Per-channel settings (auto-replies from App Home, the digest schedule from
    /newsbot digest); a channel never configured has the defaults."""

    def __init__(self, store: Store, digest_defaults: DigestSettings) -> None:
        self._store = store
        self._digest_defaults = digest_defaults

    def auto_replies(self, channel: str) -> bool:
        return self._fields(channel).get(AUTO_REPLIES, "on") == "on"

    def set_auto_replies(self, channel: str, enabled: bool) -> None:
        self._store.hash_set(_key(channel), {AUTO_REPLIES: "on" if enabled else "off"})

    def digest_schedule(self, channel: str) -> DigestSchedule:
        fields = self._fields(channel)
        defaults = self._digest_defaults
        return DigestSchedule(
            enabled=fields.get(DIGEST_ENABLED, "on") == "on",
            time=fields.get(DIGEST_TIME, defaults.time),
            zone=fields.get(DIGEST_ZONE, defaults.timezone),
            days=fields.get(DIGEST_DAYS, defaults.days),
        )

    def set_digest_schedule(self, channel: str, schedule: DigestSchedule) -> None:
        self._store.hash_set(
            _key(channel),
            {
                DIGEST_ENABLED: "on" if schedule.enabled else "off",
                DIGEST_TIME: schedule.time,
                DIGEST_ZONE: schedule.zone,
                DIGEST_DAYS: schedule.days,
            },
        )

    def _fields(self, channel: str) -> dict[str, str]:
        try:
            return self._store.hash_get_all(_key(channel))
        except StoreUnavailable:
            return {}


def _key(channel: str) -> str:
    return f"channel:{channel}"
