"""Who may change a channel's newsbot settings (or post its digest on demand): the channel's
members, and the workspace's admins and owners. Asked of Slack at each change; a lookup that
fails or times out proves nothing, so it counts as "not allowed", never as "allowed"."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.slack.slack_calls import slack_call, user_conversations


def may_change_channel(client: WebClient, user: str, channel: str) -> bool:
    """Membership first (the usual case); users.info only for someone outside the channel."""
    theirs = user_conversations(client, user) or ()
    return channel in theirs or is_workspace_admin(client, user)


def is_workspace_admin(client: WebClient, user: str) -> bool:
    found = slack_call(client.users_info, user=user)
    person: dict[str, Any] = found.get("user", {}) if found is not None else {}
    return person.get("is_admin") is True or person.get("is_owner") is True
