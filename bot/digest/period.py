"""A digest's period: [start, end) in a channel's time zone, and how its moments read.

The scheduler decides when a period ends; this module only does the arithmetic and writes
the labels, in English whatever the process locale, so tests and messages do not vary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Period:
    """[start, end) of a digest: timezone-aware instants and the channel's IANA zone, in
    which the label is written (a newsroom reads "09:00" in its own time, not UTC)."""

    start: datetime
    end: datetime
    zone: str

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a digest period needs timezone-aware datetimes")
        if self.end < self.start:  # empty is fine: "/newsbot digest" right at the run time
            raise ValueError("a digest period cannot end before it starts")
        try:  # an unknown zone fails here, not when the label is first read
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.zone!r}") from exc

    @classmethod
    def ending(cls, end: datetime, zone: str, length: timedelta = timedelta(days=1)) -> Period:
        """The period of ``length`` that ends at ``end`` (the scheduler's "last 24 hours")."""
        return cls(end - length, end, zone)

    @property
    def previous(self) -> Period:
        """The period of the same length just before: what "what changed" compares with."""
        return Period(self.start - (self.end - self.start), self.start, self.zone)

    @property
    def start_ts(self) -> float:
        """Epoch seconds, as ``ShareHistory.between`` takes them."""
        return self.start.timestamp()

    @property
    def end_ts(self) -> float:
        return self.end.timestamp()

    @property
    def label(self) -> str:
        """E.g. "Thu 27 Nov 09:00 – Fri 28 Nov 09:00 (Europe/London)", in the zone's time;
        English names whatever the process locale, so tests and messages do not vary."""
        zone = ZoneInfo(self.zone)
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        return f"{_moment(start)} – {_moment(end)} ({self.zone})"

    def clock(self, timestamp: float) -> str:
        """Epoch seconds as "Thu 09:14" in the period's zone: when an article was shared."""
        moment = datetime.fromtimestamp(timestamp, ZoneInfo(self.zone))
        return f"{_DAYS[moment.weekday()]} {moment:%H:%M}"


def _moment(moment: datetime) -> str:
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment:%H:%M}"
