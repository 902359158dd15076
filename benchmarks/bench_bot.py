"""The settings of a bot a benchmark runs on loopback: its own Redis key prefix, the page
server as the one host it may fetch from, and the fake Slack Web API with a known secret."""

from __future__ import annotations

import uuid

from pydantic import SecretStr

from config.settings import Settings, SlackSettings
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.web_pages import PageServer

SECRET = "benchmark-secret"


def bench_settings(base: Settings, site: PageServer, api: FakeSlackApi) -> Settings:
    return base.model_copy(
        update={
            "redis_prefix": f"newsbot-bench:{uuid.uuid4().hex}:",
            "allow_hosts": frozenset({site.host_port}),
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-bench"),
                signing_secret=SecretStr(SECRET),
                api_url=api.base_url,
            ),
        }
    )
