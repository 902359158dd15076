"""Calling the Slack Web API without letting one failed call take a listener down.

Rate limits (429), 5xx answers and dropped connections are retried by the client's retry
handlers (see bot/slack/app.py); what still fails (an error code, an HTTP status, a connection that
failed or timed out) is logged once with the method, and the caller gets None. Credential errors
are logged as errors: they need a person, not a retry.
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
EVERY_CONVERSATION_TYPE = "public_channel,private_channel,mpim,im"
PAGE_SIZE = 200  # Slack's advice for cursor-paged methods
MAX_PAGES = 25  # 5,000 conversations: enough for a newsroom, and a bound on one listing
CREDENTIAL_ERRORS = frozenset(
    {"invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_authed"}
)


def slack_call(method: Callable[..., SlackResponse], **kwargs: Any) -> SlackResponse | None:
    name = _method_name(method)
    try:
        return method(**kwargs)
    except SlackApiError as exc:
        error = _error_code(exc.response)
        level = logging.ERROR if error in CREDENTIAL_ERRORS else logging.WARNING
        log.log(level, "Slack API %s failed: %s", name, error)
    except (SlackClientError, OSError) as exc:  # OSError: refused, reset, timed out
        log.warning("Slack API %s failed: %s", name, str(exc) or type(exc).__name__)
    return None


def _error_code(response: SlackResponse) -> str:
    """Slack's error code, or the HTTP status when the answer was not Slack's JSON (a 5xx)."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    return str(response.get("error", "unknown_error"))


def _method_name(method: Callable[..., Any]) -> str:
    """WebClient.chat_postMessage -> chat.postMessage, as Slack's logs name it."""
    return getattr(method, "__name__", "unknown").replace("_", ".", 1)


def member_channels(client: WebClient) -> list[str] | None:
    """IDs of the channels the bot is in (each gets a digest and an App Home switch)."""
    return conversations_of(client, None, CHANNEL_TYPES)


def permalink_of(client: WebClient, channel: str, message_ts: str) -> str | None:
    """The message's link in Slack (the digest's "thread" links), or None if Slack gave none."""
    answer = slack_call(client.chat_getPermalink, channel=channel, message_ts=message_ts)
    return str(answer["permalink"]) if answer else None


def user_conversations(client: WebClient, user: str) -> list[str] | None:
    """IDs of the channels, group DMs and DMs a person is in that the bot can see: what they
    may see of newsbot's work, and which channels' settings they may change."""
    return conversations_of(client, user, EVERY_CONVERSATION_TYPE)


def conversations_of(client: WebClient, user: str | None, types: str) -> list[str] | None:
    """IDs of the conversations ``user`` (None: the bot) is in, as far as the bot can see,
    following Slack's cursor for at most MAX_PAGES pages. None when a page failed: a partial
    list would pass for the whole one, and callers decide who may see or change what by it."""
    found: list[str] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        page = slack_call(
            client.users_conversations,
            user=user,
            types=types,
            exclude_archived=True,
            limit=PAGE_SIZE,
            cursor=cursor,
        )
        if page is None:
            return None
        channels: list[dict[str, Any]] = page.get("channels", [])
        found += [str(channel["id"]) for channel in channels]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return found
    log.warning("listed only the first %d conversations (%d pages)", len(found), MAX_PAGES)
    return found
