"""How the text of an environment variable becomes a typed value, with a short reason if not.

Each parser takes the stripped text and raises ``ValueError`` with a phrase that completes
"setting NAME: ..."; ``config.section`` adds the name and, for non-secrets, the value. The
parsers run only on text: a value already typed (``FetchLimits(max_bytes=2000)`` in code) is
left to pydantic's type check, so code and tests can build settings without spelling them as
environment text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, SecretStr


def from_text(parse: Callable[[str], object]) -> BeforeValidator:
    """A pydantic validator that parses text with ``parse`` and passes typed values through."""

    def validate(value: object) -> object:
        return parse(value) if isinstance(value, str) else value

    return BeforeValidator(validate)


def _positive_int(raw: str) -> int:
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError("expected a whole number") from None
    if value <= 0:
        raise ValueError("expected a number above zero")
    return value


def _count(raw: str) -> int:
    if not raw.isdigit():
        raise ValueError("expected a whole number, zero or more")
    return int(raw)


def _positive_number(unit: str) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"expected a number of {unit}") from None
        if value <= 0:
            raise ValueError("expected a number above zero")
        return value

    return parse


def _path(raw: str) -> Path:
    return Path(raw).expanduser()


def _redis_url(raw: str) -> SecretStr:
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("expected a redis://, rediss:// or unix:// URL")
    return SecretStr(raw)


def _host_list(raw: str) -> frozenset[str]:
    hosts = {part.strip().lower() for part in raw.split(",") if part.strip()}
    for host in hosts:
        if "/" in host or " " in host:
            raise ValueError(f"expected host or host:port entries, not {host!r}")
    return frozenset(hosts)


def _token(prefix: str) -> Callable[[str], SecretStr]:
    def parse(raw: str) -> SecretStr:
        if not raw.startswith(prefix):
            raise ValueError(f"expected a token starting with {prefix}")
        return SecretStr(raw)

    return parse


def _api_url(raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise ValueError("expected an http(s) URL such as https://slack.com/api/")
    return raw if raw.endswith("/") else raw + "/"


def _port(raw: str) -> int:
    port = _positive_int(raw)
    if port > 65535:
        raise ValueError("expected a port number from 1 to 65535")
    return port


def _clock_time(raw: str) -> str:
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", raw):
        raise ValueError("expected a 24-hour time such as 09:00")
    hours, minutes = raw.split(":")
    return f"{int(hours):02d}:{minutes}"


def _timezone(raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("expected an IANA time zone such as Europe/London") from None
    return raw


def _digest_days(raw: str) -> str:
    if raw.lower() not in {"daily", "weekdays"}:
        raise ValueError("expected daily or weekdays")
    return raw.lower()


def _flag(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def _work_mode(raw: str) -> str:
    if raw.lower() not in {"inline", "queue"}:
        raise ValueError("expected inline or queue")
    return raw.lower()


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return level


def _log_format(raw: str) -> str:
    lowered = raw.lower()
    if lowered not in {"text", "json", "logfmt"}:
        raise ValueError("expected text, json or logfmt")
    return lowered


PositiveInt = Annotated[int, from_text(_positive_int)]
Count = Annotated[int, from_text(_count)]
Seconds = Annotated[float, from_text(_positive_number("seconds"))]
Minutes = Annotated[float, from_text(_positive_number("minutes"))]
Days = Annotated[float, from_text(_positive_number("days"))]
Port = Annotated[int, from_text(_port)]
Flag = Annotated[bool, from_text(_flag)]
Folder = Annotated[Path, from_text(_path)]
OptionalFolder = Annotated[Path | None, from_text(_path)]
HostList = Annotated[frozenset[str], from_text(_host_list)]
RedisUrl = Annotated[SecretStr | None, from_text(_redis_url)]
BotToken = Annotated[SecretStr | None, from_text(_token("xoxb-"))]
AppToken = Annotated[SecretStr | None, from_text(_token("xapp-"))]
ApiUrl = Annotated[str | None, from_text(_api_url)]
ClockTime = Annotated[str, from_text(_clock_time)]
TimeZoneName = Annotated[str, from_text(_timezone)]
DigestDays = Annotated[str, from_text(_digest_days)]
LogLevel = Annotated[str, from_text(_log_level)]
LogFormat = Annotated[str, from_text(_log_format)]
WorkMode = Annotated[str, from_text(_work_mode)]
