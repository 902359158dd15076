"""When a channel's digest runs, and which period each run covers, in the channel's own time.

Pure date arithmetic over a `DigestSchedule` (local time, IANA zone, every day or weekdays):
the APScheduler trigger, the run at or before a moment (the period a run covers ends there),
the run before it (where the period starts). Local times are built per calendar day, so a
period across a DST change is 23 or 25 hours long and every run stays at 09:00 local.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

DAILY, WEEKDAYS = "daily", "weekdays"
SEARCH_DAYS = 8  # a weekly gap at most (Friday to Monday is 3)
TIME_PATTERN = re.compile(r"([01]?\d|2[0-3])[:.h]?([0-5]\d)")
EXAMPLE = "`/newsbot digest at 08:30 Asia/Hong_Kong`"


class ScheduleError(ValueError):
    """A digest request that cannot be understood; the message says how to write it."""


@dataclass(frozen=True)
class DigestSchedule:
    enabled: bool
    time: str  # "HH:MM", 24-hour
    zone: str  # IANA name
    days: str  # DAILY or WEEKDAYS

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def local_time(self) -> dt.time:
        hours, minutes = self.time.split(":")
        return dt.time(int(hours), int(minutes))

    def trigger(self) -> CronTrigger:
        clock = self.local_time
        day_of_week = "mon-fri" if self.days == WEEKDAYS else "*"
        return CronTrigger(
            hour=clock.hour, minute=clock.minute, day_of_week=day_of_week, timezone=self.tz
        )

    def runs_on(self, day: date) -> bool:
        return self.days == DAILY or day.weekday() < 5

    def run_on(self, day: date) -> datetime:
        return datetime.combine(day, self.local_time, tzinfo=self.tz)

    def last_run_at_or_before(self, moment: datetime) -> datetime:
        day = moment.astimezone(self.tz).date()
        for _ in range(SEARCH_DAYS):
            if self.runs_on(day) and self.run_on(day) <= moment:
                return self.run_on(day)
            day -= timedelta(days=1)
        raise AssertionError("a digest schedule runs at least once a week")

    def run_before(self, run: datetime) -> datetime:
        return self.last_run_at_or_before(run - timedelta(seconds=1))

    def next_run_after(self, moment: datetime) -> datetime:
        day = moment.astimezone(self.tz).date()
        for _ in range(SEARCH_DAYS):
            if self.runs_on(day) and self.run_on(day) > moment:
                return self.run_on(day)
            day += timedelta(days=1)
        raise AssertionError("a digest schedule runs at least once a week")

    def describe(self) -> str:
        if not self.enabled:
            return "off"
        days = "every day" if self.days == DAILY else "on weekdays"
        return f"{self.time} {self.zone}, {days}"


def apply_request(schedule: DigestSchedule, words: list[str]) -> DigestSchedule:
    """`on`, `off`, `daily`, `weekdays` or `at HH:MM [Zone]`, applied to a schedule."""
    match [w.lower() for w in words[:1]]:
        case ["on"]:
            return replace(schedule, enabled=True)
        case ["off"]:
            return replace(schedule, enabled=False)
        case ["daily" | "weekdays" as days]:
            return replace(schedule, days=days, enabled=True)
        case ["at"]:
            return _at(schedule, words[1:])
    raise ScheduleError(
        f"I don't understand that. Try {EXAMPLE}, `/newsbot digest off` or "
        "`/newsbot digest status`."
    )


def _at(schedule: DigestSchedule, words: list[str]) -> DigestSchedule:
    if not words or not (found := TIME_PATTERN.fullmatch(words[0])):
        raise ScheduleError(f"Give a 24-hour time, for example {EXAMPLE}.")
    zone = words[1] if len(words) > 1 else schedule.zone
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"`{zone}` is not a time zone I know. Use an IANA name, for example "
            f"{EXAMPLE} or Europe/London."
        ) from None
    clock = f"{int(found.group(1)):02d}:{found.group(2)}"
    return replace(schedule, time=clock, zone=zone, enabled=True)
