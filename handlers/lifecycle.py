"""A workspace leaving: `app_uninstalled` (someone removed newsbot) and `tokens_revoked` (its
bot token was revoked). Either way the bot can no longer act there, so its installation (every
record holds the bot token) and everything newsbot kept for it (shares, channel settings,
ledgers: every key under the team's prefix) are deleted. The analysis cache of public pages is
shared by all workspaces and stays.

A reply already under way when the workspace left (in this process or another) may still
record its share afterwards, so the team's keys are swept once more when the longest such
reply is over, unless the workspace has installed newsbot again by then.

Registered in multi-workspace mode only: with a single SLACK_BOT_TOKEN there is no
installation to remove, and the newsroom's data stays until its operator removes it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import InstallationStore

from bot.services import Services
from bot.storage.store import StoreUnavailable

log = logging.getLogger(__name__)

SLACK_RETRY_SECONDS = 30  # a reply's Web API retries, and the margin past them


def register_lifecycle(app: App, services: Services, installations: InstallationStore) -> None:
    limits = services.settings
    late_sweep = limits.fetch.total_timeout + limits.analysis_timeout + SLACK_RETRY_SECONDS

    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        forget_workspace(services, installations, context, late_sweep)

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens", {})
        if tokens.get("bot"):
            forget_workspace(services, installations, context, late_sweep)
            return
        for user in tokens.get("oauth", []):  # user tokens only: the bot stays installed
            installations.delete_installation(
                enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user
            )


def forget_workspace(
    services: Services, installations: InstallationStore, context: BoltContext, late_sweep: float
) -> None:
    """Token first: once it is gone no new request of the team is authorized, so only replies
    already under way can write under its prefix while the data goes; ``late_sweep`` seconds
    later, what they wrote goes too."""
    enterprise, team = context.enterprise_id, context.team_id
    installations.delete_all(enterprise_id=enterprise, team_id=team)
    if not team:
        return
    removed = services.forget_team(team)
    log.warning("workspace %s removed newsbot: its token and %d keys deleted", team, removed)

    def sweep_again() -> None:
        try:
            if installations.find_bot(enterprise_id=enterprise, team_id=team) is None:
                services.forget_team(team)
        except StoreUnavailable:
            log.warning("workspace %s: keys written after it left may remain (Redis down)", team)

    timer = threading.Timer(late_sweep, sweep_again)
    timer.daemon = True
    timer.start()
