"""The Web API client of each workspace, for work done away from Slack's request (a job on a
worker): the one SLACK_BOT_TOKEN in single-workspace mode, else the bot token of the team's
installation, looked up for each job (a workspace that uninstalled is found missing at once)
and a client kept per token."""

from __future__ import annotations

import threading

from pydantic import SecretStr
from slack_sdk import WebClient

from bot.slack.app import build_web_client
from bot.storage.installations import StoreInstallationStore
from bot.storage.store import Store
from config.sections import SlackSettings


class TeamClients:
    def __init__(self, slack: SlackSettings, store: Store) -> None:
        self._slack = slack
        self._default = build_web_client(slack)
        self._installations = (
            StoreInstallationStore(store, slack.client_id)
            if slack.multi_workspace and slack.client_id
            else None
        )
        self._lock = threading.Lock()
        self._by_token: dict[str, WebClient] = {}

    def __call__(self, team_id: str) -> WebClient:
        if self._installations is None or not team_id:
            return self._default
        bot = self._installations.find_bot(enterprise_id=None, team_id=team_id)
        token = bot.bot_token if bot is not None else None
        if not token:
            return self._default  # no token: Slack refuses the calls, and they are logged
        with self._lock:
            client = self._by_token.get(token)
            if client is None:
                # the same client as a single workspace's, on this team's token
                one_team = {"bot_token": SecretStr(token), "client_id": None, "client_secret": None}
                slack = self._slack.model_copy(update=one_team)
                client = self._by_token[token] = build_web_client(slack)
            return client
