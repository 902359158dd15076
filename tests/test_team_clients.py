"""The Web API client a worker's job answers with: the team's installed bot token with OAuth,
SLACK_BOT_TOKEN without."""

from __future__ import annotations

from pydantic import SecretStr
from slack_sdk.oauth.installation_store import Installation

from bot.slack.team_clients import TeamClients
from bot.storage.installations import StoreInstallationStore
from bot.storage.memory_store import MemoryStore
from config.settings import SlackSettings

OAUTH = SlackSettings(
    client_id="111.222", client_secret=SecretStr("s"), signing_secret=SecretStr("x")
)


def installed(store: MemoryStore, team: str, token: str) -> None:
    installation = Installation(
        user_id="U0INSTALL", team_id=team, bot_token=token, bot_id="B1", bot_user_id="UB1"
    )
    StoreInstallationStore(store, "111.222").save(installation)


def test_each_team_gets_its_own_token_and_a_team_that_left_gets_none() -> None:
    store = MemoryStore()
    installed(store, "T0NEWS001", "xoxb-news")
    installed(store, "T0SPORT01", "xoxb-sport")
    clients = TeamClients(OAUTH, store)
    assert clients("T0NEWS001").token == "xoxb-news"
    assert clients("T0SPORT01").token == "xoxb-sport"
    assert clients("T0NEWS001") is clients("T0NEWS001")  # one client per token
    StoreInstallationStore(store, "111.222").delete_all(enterprise_id=None, team_id="T0SPORT01")
    assert clients("T0SPORT01").token is None
    assert clients("T0NOBODY").token is None


def test_one_workspace_answers_with_its_bot_token() -> None:
    clients = TeamClients(SlackSettings(bot_token=SecretStr("xoxb-only")), MemoryStore())
    assert clients("T0ANY").token == "xoxb-only"
    assert clients("").token == "xoxb-only"
