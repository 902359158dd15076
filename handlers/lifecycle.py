"""A workspace leaving: `app_uninstalled` (someone removed newsbot) and `tokens_revoked` (its
bot token was revoked). Either way the bot can no longer act there, so its installation (every
record holds the bot token) and everything newsbot kept for it (shares, channel settings,
ledgers: every key under the team's prefix) are deleted. The analysis cache of public pages is
shared by all workspaces and stays.

Registered in multi-workspace mode only: with a single SLACK_BOT_TOKEN there is no
installation to remove, and the newsroom's data stays until its operator removes it.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import InstallationStore

from bot.services import Services

log = logging.getLogger(__name__)


def register_lifecycle(app: App, services: Services, installations: InstallationStore) -> None:
    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        forget_workspace(services, installations, context)

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens", {})
        if tokens.get("bot"):
            forget_workspace(services, installations, context)
            return
        for user in tokens.get("oauth", []):  # user tokens only: the bot stays installed
            installations.delete_installation(
                enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user
            )


def forget_workspace(
    services: Services, installations: InstallationStore, context: BoltContext
) -> None:
    """Token first: once it is gone no new request of the team is authorized, so nothing new
    is written under its prefix while the data goes."""
    installations.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)
    team = context.team_id or context.enterprise_id
    if team:
        removed = services.forget_team(team)
        log.warning("workspace %s removed newsbot: its token and %d keys deleted", team, removed)
