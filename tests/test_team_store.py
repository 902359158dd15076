"""Each workspace's view of the store: its keys under its own prefix, so two workspaces with
the same channel id never see each other's shares or settings, and a workspace's data can be
removed whole; `Services.for_team` hands the views out, one per team."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.services import Services, build_services
from bot.storage.memory_store import MemoryStore
from bot.storage.team_store import TeamStore, team_prefix
from config.settings import Settings, SlackSettings

MULTI = SlackSettings(
    client_id="1111.2222",
    client_secret=SecretStr("client-secret"),
    signing_secret=SecretStr("signing"),
)


def multi_workspace_services(store: MemoryStore) -> Services:
    return build_services(Settings(slack=MULTI), store)


def test_a_view_keeps_every_kind_of_key_under_its_team_prefix() -> None:
    shared = MemoryStore()
    one, two = TeamStore(shared, "T1"), TeamStore(shared, "T2")
    one.set_many({"a": "1"})
    one.hash_set("channel:C1", {"auto_replies": "off"})
    one.add_scored("shares:C1", "share", 1.0, keep_after=0)
    assert one.claim("event:Ev1", 60)
    assert two.get("a") is None and two.hash_get_all("channel:C1") == {}
    assert two.scored_between("shares:C1", 0, 9) == []
    assert two.claim("event:Ev1", 60)  # the same event id in another workspace is another event
    assert shared.get("team:T1:a") == "1"
    assert shared.hash_get_all("team:T1:channel:C1") == {"auto_replies": "off"}
    assert one.take("a") == "1" and shared.get("team:T1:a") is None
    assert one.delete_prefixed("") == 3
    assert two.scored_between("shares:C1", 0, 9) == [] and two.get("event:Ev1") == "1"


@pytest.mark.parametrize("bad", ["", "t1", "T1:", "T1:x", "T*", "T 1", "1T"])
def test_a_malformed_team_id_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="team id"):
        team_prefix(bad)


def test_for_team_gives_each_workspace_its_own_services_built_once() -> None:
    store = MemoryStore()
    services = multi_workspace_services(store)
    one, two = services.for_team("T1"), services.for_team("T2")
    assert services.for_team("T1") is one and one.for_team("T1") is one
    assert one.for_team("T2") is two
    assert (one.team_id, two.team_id) == ("T1", "T2")
    assert one.pipeline is services.pipeline  # the analysis cache of public pages is shared
    assert one.signatures is services.signatures
    one.prefs.set_auto_replies("C1", False)
    assert two.prefs.auto_replies("C1") is True
    assert services.prefs.auto_replies("C1") is True
    assert store.hash_get_all("team:T1:channel:C1") == {"auto_replies": "off"}
    one.close()  # a view owns nothing: the shared store stays open and readable
    assert store.hash_get_all("team:T1:channel:C1") == {"auto_replies": "off"}


def test_forgetting_a_team_removes_its_keys_only() -> None:
    store = MemoryStore()
    services = multi_workspace_services(store)
    one = services.for_team("T1")
    one.prefs.set_auto_replies("C1", False)
    assert one.ledger.first_delivery("Ev1")
    services.for_team("T2").prefs.set_auto_replies("C1", False)
    store.set_many({"analysis:v1:abc": "{}"})
    assert services.forget_team("T1") == 2
    assert services.for_team("T1").prefs.auto_replies("C1") is True
    assert services.for_team("T1").ledger.first_delivery("Ev1")
    assert services.for_team("T2").prefs.auto_replies("C1") is False
    assert store.get("analysis:v1:abc") == "{}"


def test_one_workspace_keeps_its_unscoped_keys() -> None:
    store = MemoryStore()
    services = build_services(
        Settings(slack=SlackSettings(bot_token=SecretStr("xoxb-1"), signing_secret=SecretStr("s"))),
        store,
    )
    assert services.for_team("T1") is services
    assert services.for_team(None) is services
    services.prefs.set_auto_replies("C1", False)
    assert store.hash_get_all("channel:C1") == {"auto_replies": "off"}
    assert services.forget_team("T1") == 0
    assert store.hash_get_all("channel:C1") == {"auto_replies": "off"}
