"""Installations and OAuth states in newsbot's store (Bolt's InstallationStore and
OAuthStateStore): found per workspace, latest bot token first, removed whole, and a state
accepted once before it expires."""

from __future__ import annotations

from slack_sdk.oauth.installation_store import Installation

from bot.storage.installations import StoreInstallationStore
from bot.storage.memory_store import MemoryStore
from bot.storage.oauth_states import StoreOAuthStateStore
from tests.fakes.clock import ManualClock


def installation(team: str, token: str, user: str = "U1") -> Installation:
    return Installation(
        app_id="A1",
        enterprise_id=None,
        team_id=team,
        team_name=f"Newsroom {team}",
        bot_token=token,
        bot_id="B1",
        bot_user_id="UBOT",
        bot_scopes="chat:write,commands",
        user_id=user,
        installed_at=1_800_000_000.5,
    )


def test_each_workspace_gets_its_own_token_back() -> None:
    store = MemoryStore()
    installs = StoreInstallationStore(store, "1111.2222")
    installs.save(installation("T1", "xoxb-one"))
    installs.save(installation("T2", "xoxb-two", user="U2"))
    one = installs.find_installation(enterprise_id=None, team_id="T1")
    bot = installs.find_bot(enterprise_id=None, team_id="T2")
    assert one is not None and one.bot_token == "xoxb-one" and one.team_name == "Newsroom T1"
    assert one.installed_at == 1_800_000_000.5
    assert (
        bot is not None
        and bot.bot_token == "xoxb-two"
        and bot.bot_scopes
        == [
            "chat:write",
            "commands",
        ]
    )
    assert installs.find_installation(enterprise_id=None, team_id="T3") is None
    by_user = installs.find_installation(enterprise_id=None, team_id="T2", user_id="U2")
    assert by_user is not None and by_user.bot_token == "xoxb-two"
    assert (
        StoreInstallationStore(store, "another-app").find_bot(enterprise_id=None, team_id="T1")
        is None
    )


def test_a_reinstall_s_new_bot_token_is_what_an_older_user_record_gives() -> None:
    installs = StoreInstallationStore(MemoryStore(), "1111.2222")
    installs.save(installation("T1", "xoxb-old", user="U1"))
    installs.save(installation("T1", "xoxb-new", user="U2"))
    older = installs.find_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert older is not None and older.bot_token == "xoxb-new"


def test_deleting_a_workspace_removes_every_record_holding_its_token() -> None:
    store = MemoryStore()
    installs = StoreInstallationStore(store, "1111.2222")
    installs.save(installation("T1", "xoxb-one"))
    installs.save(installation("T2", "xoxb-two"))
    installs.delete_all(enterprise_id=None, team_id="T1")
    assert installs.find_installation(enterprise_id=None, team_id="T1") is None
    assert installs.find_installation(enterprise_id=None, team_id="T1", user_id="U1") is None
    assert installs.find_bot(enterprise_id=None, team_id="T1") is None
    assert installs.find_bot(enterprise_id=None, team_id="T2") is not None


def test_a_state_is_accepted_once_and_not_after_it_expires() -> None:
    clock = ManualClock()
    states = StoreOAuthStateStore(MemoryStore(clock), expiration_seconds=600)
    state, late = states.issue(), states.issue()
    assert state != late and len(state) >= 32
    assert states.consume(state) is True
    assert states.consume(state) is False
    assert states.consume("never-issued") is False
    clock.advance(601)
    assert states.consume(late) is False


def test_the_installed_workspaces_are_listed_until_they_leave() -> None:
    store = StoreInstallationStore(MemoryStore(), "C1")
    for team, token in (("T2", "xoxb-2"), ("T1", "xoxb-1")):
        store.save(installation(team, token))
    assert store.installed_teams() == ["T1", "T2"]
    store.delete_all(enterprise_id=None, team_id="T2")
    assert store.installed_teams() == ["T1"]
    store.save(installation("T2", "xoxb-2b"))  # back again
    assert store.installed_teams() == ["T1", "T2"]
