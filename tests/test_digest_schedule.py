"""The digest schedule's date arithmetic, in local time across DST, and the command words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.digest_schedule import DigestSchedule, ScheduleError, apply_request

LONDON = DigestSchedule(enabled=True, time="09:00", zone="Europe/London", days="daily")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_runs_stay_at_local_nine_across_the_spring_dst_change() -> None:
    # Clocks go forward on Sunday 29 March 2026: 09:00 GMT on Saturday, 09:00 BST on Sunday.
    saturday = LONDON.next_run_after(utc(2026, 3, 28, 0, 0))
    sunday = LONDON.next_run_after(saturday)
    assert saturday.astimezone(UTC) == utc(2026, 3, 28, 9, 0)
    assert sunday.astimezone(UTC) == utc(2026, 3, 29, 8, 0)
    assert sunday.timestamp() - saturday.timestamp() == 23 * 3600


def test_the_trigger_agrees_with_the_schedule() -> None:
    trigger = LONDON.trigger()
    fire = trigger.get_next_fire_time(None, utc(2026, 3, 28, 9, 30))
    assert fire is not None
    assert fire.astimezone(UTC) == utc(2026, 3, 29, 8, 0)


def test_a_late_run_covers_the_period_it_was_due_for() -> None:
    late = utc(2026, 3, 29, 8, 40)  # 40 minutes after Sunday's run, e.g. after a restart
    end = LONDON.last_run_at_or_before(late)
    start = LONDON.run_before(end)
    assert end.astimezone(UTC) == utc(2026, 3, 29, 8, 0)
    assert start.astimezone(UTC) == utc(2026, 3, 28, 9, 0)


def test_weekday_digests_skip_the_weekend() -> None:
    weekdays = DigestSchedule(True, "09:00", "America/New_York", "weekdays")
    monday = weekdays.last_run_at_or_before(utc(2026, 11, 30, 15, 0))
    assert monday.weekday() == 0
    assert weekdays.run_before(monday).weekday() == 4  # Monday's digest covers Friday on
    assert weekdays.next_run_after(utc(2026, 11, 28, 0, 0)) == monday


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["at", "08:30", "Asia/Hong_Kong"], ("08:30", "Asia/Hong_Kong", "daily", True)),
        (["at", "7.05"], ("07:05", "Europe/London", "daily", True)),
        (["weekdays"], ("09:00", "Europe/London", "weekdays", True)),
        (["off"], ("09:00", "Europe/London", "daily", False)),
    ],
)
def test_command_words_change_the_schedule(
    words: list[str], expected: tuple[str, str, str, bool]
) -> None:
    changed = apply_request(LONDON, words)
    assert (changed.time, changed.zone, changed.days, changed.enabled) == expected


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["at", "25:00"], "24-hour time"),
        (["at"], "24-hour time"),
        (["at", "09:00", "Mars/Olympus"], "not a time zone I know"),
        (["sometimes"], "don't understand"),
    ],
)
def test_bad_requests_say_how_to_write_them(words: list[str], message: str) -> None:
    with pytest.raises(ScheduleError, match=message) as caught:
        apply_request(LONDON, words)
    assert "/newsbot digest" in str(caught.value)


def test_status_describes_the_schedule() -> None:
    assert LONDON.describe() == "09:00 Europe/London, every day"
    assert apply_request(LONDON, ["off"]).describe() == "off"
