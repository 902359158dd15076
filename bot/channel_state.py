"""Small per-workspace state kept in Redis: which Slack events were already handled, and each
channel's preferences."""

from __future__ import annotations

import logging

from bot.storage import Store, StoreUnavailable

log = logging.getLogger(__name__)

EVENT_MEMORY_SECONDS = 24 * 3600
AUTO_REPLIES = "auto_replies"


class EventLedger:
    """Slack redelivers an event it thinks was missed (X-Slack-Retry-Num); the first delivery
    claims its event_id, so the work is done once however often it arrives."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def first_delivery(self, event_id: str) -> bool:
        try:
            return self._store.claim(f"event:{event_id}", EVENT_MEMORY_SECONDS)
        except StoreUnavailable:
            log.warning("cannot check event %s for repeats while Redis is down", event_id)
            return True


class ChannelPrefs:
    """Per-channel switches set from App Home; a channel never configured has the defaults."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def auto_replies(self, channel: str) -> bool:
        try:
            return self._store.hash_get_all(_key(channel)).get(AUTO_REPLIES, "on") == "on"
        except StoreUnavailable:
            return True

    def set_auto_replies(self, channel: str, enabled: bool) -> None:
        self._store.hash_set(_key(channel), AUTO_REPLIES, "on" if enabled else "off")


def _key(channel: str) -> str:
    return f"channel:{channel}"
