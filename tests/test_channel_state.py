"""Per-channel preferences and the event ledger, on the in-memory store: what they keep and
what a channel never configured gets. (The Slack app tests run them on a real Redis.)"""

from __future__ import annotations

from bot.digest_schedule import DigestSchedule
from bot.storage.channel_state import EVENT_MEMORY_SECONDS, ChannelPrefs, EventLedger
from bot.storage.memory_store import MemoryStore
from config.settings import DigestSettings
from tests.fakes.clock import ManualClock

DEFAULTS = DigestSettings(time="07:15", timezone="Europe/London", days="weekdays")


def test_a_channel_never_configured_has_the_defaults() -> None:
    prefs = ChannelPrefs(MemoryStore(), DEFAULTS)
    assert prefs.auto_replies("C1") is True
    assert prefs.digest_schedule("C1") == DigestSchedule(True, "07:15", "Europe/London", "weekdays")


def test_each_setting_is_kept_per_channel_without_losing_the_other() -> None:
    prefs = ChannelPrefs(MemoryStore(), DEFAULTS)
    schedule = DigestSchedule(False, "08:30", "Asia/Hong_Kong", "daily")
    prefs.set_digest_schedule("C1", schedule)
    prefs.set_auto_replies("C1", False)
    assert prefs.digest_schedule("C1") == schedule
    assert prefs.auto_replies("C1") is False
    assert prefs.auto_replies("C2") is True


def test_an_event_is_handled_once_for_as_long_as_slack_may_redeliver_it() -> None:
    clock = ManualClock()
    ledger = EventLedger(MemoryStore(clock))
    assert ledger.first_delivery("Ev1") is True
    assert ledger.first_delivery("Ev1") is False
    assert ledger.first_invocation("Ev1") is True  # a trigger id is another namespace
    clock.advance(EVENT_MEMORY_SECONDS - 1)
    assert ledger.first_delivery("Ev1") is False
    clock.advance(1)
    assert ledger.first_delivery("Ev1") is True
