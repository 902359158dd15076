"""The groups of settings that one part of newsbot takes whole: fetching, Slack, the digest.

Each field's default is stated here once; its variable is the class's ``env_prefix`` plus the
field name, or its ``validation_alias`` (see ``config.section``). README's settings table is
checked against these by tests/test_settings.py.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from config.errors import SettingsError
from config.parsing import (
    ApiUrl,
    AppToken,
    BotToken,
    ClockTime,
    Count,
    DigestDays,
    Flag,
    HostList,
    Minutes,
    Port,
    PositiveInt,
    Seconds,
    TimeZoneName,
    WorkMode,
)
from config.section import Section

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


class FetchLimits(Section):
    """Bounds on what fetching one link may cost."""

    model_config: ClassVar[SettingsConfigDict] = Section.model_config | {
        "env_prefix": "NEWSBOT_FETCH_"
    }

    max_bytes: PositiveInt = 5_000_000
    connect_timeout: Seconds = 5.0
    read_timeout: Seconds = 10.0
    total_timeout: Seconds = 20.0
    max_redirects: Count = 5


class SlackSettings(Section):
    """What the Slack app needs; all optional until `newsbot serve` checks them.

    The credentials are ``SecretStr``: ``repr``, ``str`` and logging show asterisks, so
    printing the settings (or an object holding them) never leaks them; the one place that
    hands a credential to Slack's client calls ``get_secret_value()``.
    """

    model_config: ClassVar[SettingsConfigDict] = Section.model_config | {"env_prefix": "SLACK_"}

    bot_token: BotToken = None
    signing_secret: SecretStr | None = None
    client_id: str | None = None  # with the secret: many workspaces, installed through OAuth
    client_secret: SecretStr | None = None
    app_token: AppToken = None
    api_url: ApiUrl = None
    port: Port = Field(default=3000, validation_alias="PORT")
    ignored_hosts: HostList = Field(
        default=DEFAULT_IGNORED_HOSTS, validation_alias="NEWSBOT_IGNORE_HOSTS"
    )
    max_links_per_message: PositiveInt = Field(default=3, validation_alias="NEWSBOT_MAX_LINKS")

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def multi_workspace(self) -> bool:
        """Whether workspaces install the app through OAuth, each with its own bot token (the
        client id and secret are set); else the one workspace of SLACK_BOT_TOKEN."""
        return self.client_id is not None and self.client_secret is not None

    @property
    def configured(self) -> bool:
        """Whether the credentials for one of the two modes are there."""
        return (self.bot_token is not None or self.multi_workspace) and (
            self.app_token is not None or self.signing_secret is not None
        )

    def require(self) -> None:
        """Stop start-up with the name of the first missing credential."""
        if self.client_id is not None or self.client_secret is not None:
            self.require_oauth()
        else:
            self.require_token()
        if self.app_token is None and self.signing_secret is None:
            raise SettingsError(
                "SLACK_SIGNING_SECRET",
                "missing; needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
            )

    def require_oauth(self) -> None:
        """Installs need both halves of the app's credentials, and an HTTP server for Slack to
        send people back to (Socket Mode has none)."""
        if self.client_id is None:
            raise SettingsError("SLACK_CLIENT_ID", "missing; set with SLACK_CLIENT_SECRET")
        if self.client_secret is None:
            raise SettingsError("SLACK_CLIENT_SECRET", "missing; set with SLACK_CLIENT_ID")
        if self.app_token is not None:
            raise SettingsError(
                "SLACK_APP_TOKEN",
                "set with SLACK_CLIENT_ID: installs need HTTP mode; unset one of the two",
            )

    def require_token(self) -> None:
        """What a process that only calls Slack (the digest clock) needs."""
        if self.bot_token is None:
            raise SettingsError("SLACK_BOT_TOKEN", "missing; the Slack bot needs its xoxb- token")


class DigestSettings(Section):
    """Defaults for each channel's daily digest; channels change theirs with /newsbot digest."""

    model_config: ClassVar[SettingsConfigDict] = Section.model_config | {
        "env_prefix": "NEWSBOT_DIGEST_"
    }

    time: ClockTime = "09:00"
    timezone: TimeZoneName = "UTC"
    days: DigestDays = "daily"  # or "weekdays"
    grace_minutes: Minutes = 60
    post_empty: Flag = False
    charts: Flag = True
    # Off in web processes when a separate clock process runs.
    run_scheduler: Flag = Field(default=True, validation_alias="NEWSBOT_RUN_SCHEDULER")
    # One clock at a time: its lease lasts this long unless renewed, and is renewed (or, by a
    # standby, tried) this often; a standby takes over within lease + renew seconds.
    lease_seconds: Seconds = Field(default=30.0, validation_alias="NEWSBOT_CLOCK_LEASE_SECONDS")
    renew_seconds: Seconds = Field(default=10.0, validation_alias="NEWSBOT_CLOCK_RENEW_SECONDS")

    def require_lease_timing(self) -> None:
        """A clock renews well before its lease runs out, or two clocks could both run."""
        if self.renew_seconds * 2 > self.lease_seconds:
            raise SettingsError(
                "NEWSBOT_CLOCK_RENEW_SECONDS",
                f"{self.renew_seconds:g} is more than half of NEWSBOT_CLOCK_LEASE_SECONDS "
                f"({self.lease_seconds:g}); a clock must get two tries to renew",
            )

    @property
    def grace_seconds(self) -> int:
        """How late a missed run may still be posted, in the unit the scheduler takes."""
        return int(self.grace_minutes * 60)


class WorkSettings(Section):
    """Where the analyses run: in the process that took the request (``inline``, one process as
    `scripts/run` starts it), or on RQ workers fed through Redis (``queue``: `newsbot serve`
    only acks and answers what needs no analysis, `newsbot worker` does the rest)."""

    model_config: ClassVar[SettingsConfigDict] = Section.model_config | {"env_prefix": "NEWSBOT_"}

    work_mode: WorkMode = "inline"
    # Past this many jobs waiting, the person who asked is told the bot is busy and when to
    # expect the answer; past the hard cap, the job is refused (and they are told so).
    queue_busy_depth: PositiveInt = 100
    queue_max_depth: PositiveInt = 5000
    job_timeout: Seconds = 60.0  # one job's wall time on a worker; then it fails (and is retried)
    job_retry_seconds: Seconds = 5.0  # first retry's delay; then 4 and 16 times as long
    job_seconds_estimate: Seconds = 1.5  # one analysis on one worker, for the "busy" estimate

    @property
    def queued(self) -> bool:
        return self.work_mode == "queue"

    @property
    def retry_intervals(self) -> list[int]:
        """RQ's backoff between the three tries after the first (whole seconds, at least 1)."""
        return [max(1, round(self.job_retry_seconds * factor)) for factor in (1, 4, 16)]
