"""build_app(settings, services) -> slack_bolt.App, with every listener registered.

No module-level App: tests build one per fake Slack, production one per process. The Web API
client's base URL comes from SLACK_API_URL when set (tests point it at a fake Slack on
loopback); 429 answers are retried after Retry-After by slack-sdk's retry handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.services import Services
from config.settings import SlackSettings
from handlers.commands import register_commands
from handlers.events import register_events
from handlers.home import register_home
from handlers.shortcuts import register_shortcuts

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3


def build_web_client(slack: SlackSettings) -> WebClient:
    token = slack.bot_token.get_secret_value() if slack.bot_token else None
    client = WebClient(token=token, base_url=slack.api_url or WebClient.BASE_URL)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def build_app(
    services: Services,
    *,
    client: WebClient | None = None,
    schedule_changed: Callable[[str], None] | None = None,
) -> App:
    """``schedule_changed(channel)`` is called when a channel's digest schedule may have
    changed (a /newsbot digest setting, the bot joining a channel), if this process runs the
    digest scheduler."""
    slack = services.settings.slack
    slack.require()
    app = App(
        client=client or build_web_client(slack),
        signing_secret=slack.signing_secret.get_secret_value() if slack.signing_secret else None,
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )
    register_events(app, services, schedule_changed)
    register_commands(app, services, schedule_changed)
    register_shortcuts(app, services)
    register_home(app, services)

    @app.error
    def on_error(error: Exception) -> BoltResponse | None:
        log.error("unhandled error in a listener", exc_info=error)
        return None

    return app
