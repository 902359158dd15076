"""The workspaces newsbot serves, for work that starts on its own (the digest clock) rather than
from one of Slack's requests: the one of SLACK_BOT_TOKEN (team None), or every workspace that
installed the app through OAuth, each with its own bot token."""

from __future__ import annotations

from typing import Protocol

from slack_sdk import WebClient

from bot.slack.team_clients import TeamClients
from bot.storage.installations import StoreInstallationStore
from bot.storage.store import Store
from config.sections import SlackSettings


class Workspaces(Protocol):
    def teams(self) -> list[str | None]:
        """The team ids to serve; [None]: the one workspace, under unscoped keys."""
        ...

    def client(self, team: str | None) -> WebClient:
        """The Web API client acting in ``team`` (its bot token)."""
        ...


class OneWorkspace:
    """Single-workspace mode: one client, one team, today's unscoped keys."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def teams(self) -> list[str | None]:
        return [None]

    def client(self, team: str | None) -> WebClient:
        return self._client


class InstalledWorkspaces:
    """Multi-workspace mode: every installed workspace, each with its own token."""

    def __init__(self, slack: SlackSettings, store: Store) -> None:
        self._installations = StoreInstallationStore(store, slack.client_id or "")
        self._clients = TeamClients(slack, store)

    def teams(self) -> list[str | None]:
        return list(self._installations.installed_teams())

    def client(self, team: str | None) -> WebClient:
        return self._clients(team or "")
