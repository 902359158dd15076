"""Calling the Slack Web API without letting one failed call take a listener down.

Rate limits (429) are retried by the client's retry handler after Retry-After (see
bot/app.py); what still fails is logged once with the method and Slack's error code, and the
caller gets None. Credential errors are logged as errors: they need a person, not a retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

log = logging.getLogger(__name__)

CHANNEL_TYPES = "public_channel,private_channel"
CREDENTIAL_ERRORS = frozenset(
    {"invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_authed"}
)


def slack_call(method: Callable[..., SlackResponse], **kwargs: Any) -> SlackResponse | None:
    name = _method_name(method)
    try:
        return method(**kwargs)
    except SlackApiError as exc:
        error = str(exc.response.get("error", "unknown_error"))
        level = logging.ERROR if error in CREDENTIAL_ERRORS else logging.WARNING
        log.log(level, "Slack API %s failed: %s", name, error)
    except SlackClientError as exc:
        log.warning("Slack API %s failed: %s", name, exc)
    return None


def _method_name(method: Callable[..., Any]) -> str:
    """WebClient.chat_postMessage -> chat.postMessage, as Slack's logs name it."""
    return getattr(method, "__name__", "unknown").replace("_", ".", 1)


def member_channels(client: WebClient) -> list[str] | None:
    """IDs of the channels the bot is in (App Home lists them; each gets a digest); None when
    Slack did not answer."""
    found = slack_call(
        client.users_conversations, types=CHANNEL_TYPES, exclude_archived=True, limit=200
    )
    if found is None:
        return None
    channels: list[dict[str, Any]] = found.get("channels", [])
    return [str(channel["id"]) for channel in channels]
