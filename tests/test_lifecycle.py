"""A workspace that leaves loses its token and its keys, and a reply still under way when it
left cannot leave a share behind: the team's keys are swept again later, unless the workspace
has installed newsbot again by then."""

from __future__ import annotations

import time

from pydantic import SecretStr
from slack_bolt import BoltContext
from slack_sdk.oauth.installation_store import Installation

from bot.services import build_services
from bot.storage.installations import StoreInstallationStore
from bot.storage.memory_store import MemoryStore
from config.settings import Settings, SlackSettings
from handlers.lifecycle import forget_workspace

MULTI = SlackSettings(
    client_id="1111.2222", client_secret=SecretStr("c"), signing_secret=SecretStr("s")
)
LATE_SWEEP = 0.2


def installation_of(team: str) -> Installation:
    return Installation(
        user_id="U1", team_id=team, bot_token=f"xoxb-{team.lower()}", bot_id="B1", bot_user_id="UB"
    )


def test_late_writes_are_swept_unless_the_workspace_came_back() -> None:
    store = MemoryStore()
    services = build_services(Settings(slack=MULTI), store)
    installs = StoreInstallationStore(store, "1111.2222")
    for team in ("T1", "T2"):
        installs.save(installation_of(team))
        services.for_team(team).prefs.set_auto_replies("C1", False)
    services.for_team("T3").prefs.set_auto_replies("C1", False)
    for team in ("T1", "T2"):
        forget_workspace(services, installs, BoltContext({"team_id": team}), LATE_SWEEP)
        assert installs.find_bot(enterprise_id=None, team_id=team) is None
        assert store.hash_get_all(f"team:{team}:channel:C1") == {}
    for team in ("T1", "T2"):  # replies under way when the workspaces left
        services.for_team(team).prefs.set_auto_replies("C2", False)
    installs.save(installation_of("T2"))  # T2 installs newsbot again at once
    time.sleep(LATE_SWEEP * 5)
    assert store.hash_get_all("team:T1:channel:C2") == {}
    assert store.hash_get_all("team:T2:channel:C2") == {"auto_replies": "off"}
    assert store.hash_get_all("team:T3:channel:C1") == {"auto_replies": "off"}
