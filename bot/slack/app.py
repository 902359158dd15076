"""The Bolt app and the Web API client, without listeners: bot/compose.py registers those.

No module-level App: tests build one per fake Slack, production one per process. The Web API
client's base URL comes from SLACK_API_URL when set (tests point it at a fake Slack on
loopback). slack-sdk's retry handlers retry 429 answers after Retry-After, and 500/503 answers
and dropped connections with a short exponential backoff, so a reply hit by a passing Slack fault
still arrives within a few seconds.
"""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from config.settings import SlackSettings

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
FAULT_RETRIES = 2  # 5xx answers and dropped connections
# Waits of 0.25 s, then 0.5 s, each plus up to 1 s of jitter: at most about 2.75 s in all.
FAULT_BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.25)


def build_web_client(slack: SlackSettings) -> WebClient:
    """The one Web API client of a process. The handlers share one attempt counter, so a call
    is tried at most 1 + RATE_LIMIT_RETRIES times whatever mix of faults it meets."""
    token = None  # with OAuth, each request's client gets its workspace's token from Bolt
    if slack.bot_token is not None and not slack.multi_workspace:
        token = slack.bot_token.get_secret_value()
    return WebClient(
        token=token,
        base_url=slack.api_url or WebClient.BASE_URL,
        retry_handlers=[
            ConnectionErrorRetryHandler(
                max_retry_count=FAULT_RETRIES, interval_calculator=FAULT_BACKOFF
            ),
            ServerErrorRetryHandler(
                max_retry_count=FAULT_RETRIES, interval_calculator=FAULT_BACKOFF
            ),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def bare_app(
    slack: SlackSettings, client: WebClient | None = None, oauth: OAuthSettings | None = None
) -> App:
    """A Bolt app that logs what a listener leaves unhandled; the composition root adds the
    listeners, so that nothing under bot/ but the root imports handlers/. With ``oauth``
    (bot/slack/oauth.py) it serves the install flow and authorizes each request with its
    workspace's token; the client then carries no token, only the base URL and retries that
    Bolt copies into each request's client."""
    slack.require()
    app = App(
        client=client or build_web_client(slack),
        signing_secret=slack.signing_secret.get_secret_value() if slack.signing_secret else None,
        process_before_response=False,
        raise_error_for_unhandled_request=False,
        oauth_settings=oauth,
    )

    @app.error
    def on_error(error: Exception) -> BoltResponse | None:
        log.error("unhandled error in a listener", exc_info=error)
        return None

    return app
