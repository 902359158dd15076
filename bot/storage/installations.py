"""Slack installations (each workspace's bot token) in newsbot's store, for Bolt's OAuth flow
and its per-team `authorize`.

Why not slack-sdk's own stores: the file store keeps tokens on one machine's disk, which a
second web process, a worker or a restarted container never sees; its SQL stores would add a
database beside Redis. This one keeps them where everything else lives, through the `Store`
protocol (so through the breaker), one JSON value per record, never a pickle.

Kept per app (the client id) and workspace: the latest bot (what `authorize` reads), the latest
installation, and each installing user's latest. Every record of a workspace carries its bot
token, so removing an installation removes all of them (`delete_all`). A list of the installed
workspaces (`installed_teams`) is what the digest clock goes through.
"""

from __future__ import annotations

import json
import logging
from logging import Logger
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore

from bot.storage.store import Store

log = logging.getLogger(__name__)

NONE = "-"  # an absent enterprise or team id in a key
INSTALLED = "1"


class StoreInstallationStore(InstallationStore):
    def __init__(self, store: Store, client_id: str) -> None:
        self._store = store
        self._client_id = client_id

    @property
    def logger(self) -> Logger:
        return log

    def save(self, installation: Installation) -> None:
        """The installation and its bot; Bolt calls this once the OAuth code is exchanged."""
        self.save_bot(installation.to_bot())
        base = self._base(installation.enterprise_id, installation.team_id)
        record = _json(installation.__dict__)
        values = {f"{base}installer": record}
        if installation.user_id:
            values[f"{base}installer:{installation.user_id}"] = record
        self._store.set_many(values)

    def save_bot(self, bot: Bot) -> None:
        if bot.bot_token is None:
            return  # a user-only installation: nothing for the bot to act with
        base = self._base(bot.enterprise_id, bot.team_id)
        self._store.set_many({f"{base}bot": _json(bot.__dict__)})
        if bot.team_id:
            self._store.hash_set(self._teams_key, {bot.team_id: INSTALLED})

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        team = None if is_enterprise_install else team_id
        raw = self._store.get(f"{self._base(enterprise_id, team)}bot")
        return Bot(**json.loads(raw)) if raw else None

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The workspace's latest installation (or ``user_id``'s), with the latest bot token:
        a user's record may be older than a reinstall that changed the bot's."""
        team = None if is_enterprise_install else team_id
        base = self._base(enterprise_id, team)
        key = f"{base}installer:{user_id}" if user_id else f"{base}installer"
        raw = self._store.get(key)
        if raw is None:
            return None
        installation = Installation(**json.loads(raw))
        bot = self.find_bot(enterprise_id=enterprise_id, team_id=team)
        if bot is not None and bot.bot_token != installation.bot_token:
            installation.bot_id, installation.bot_user_id = bot.bot_id, bot.bot_user_id
            installation.bot_token, installation.bot_scopes = bot.bot_token, bot.bot_scopes
        return installation

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._store.delete(f"{self._base(enterprise_id, team_id)}bot")

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        base = self._base(enterprise_id, team_id)
        self._store.delete(f"{base}installer:{user_id}" if user_id else f"{base}installer")

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Every record of the workspace (each holds the bot token)."""
        self._store.delete_prefixed(self._base(enterprise_id, team_id))
        if team_id:
            self._store.hash_set(self._teams_key, {team_id: ""})

    def installed_teams(self) -> list[str]:
        """The workspaces with an installation, in id order (an uninstalled one is marked
        empty rather than removed: the store's hashes are only ever set)."""
        teams = self._store.hash_get_all(self._teams_key)
        return sorted(team for team, state in teams.items() if state == INSTALLED)

    @property
    def _teams_key(self) -> str:
        return f"installation:{self._client_id}:teams"

    def _base(self, enterprise_id: str | None, team_id: str | None) -> str:
        return f"installation:{self._client_id}:{enterprise_id or NONE}:{team_id or NONE}:"


def _json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, separators=(",", ":"), default=str)
