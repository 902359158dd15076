"""config/manifest.yml must ask Slack for what the code listens to and calls."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.slack.oauth import REDIRECT_PATH
from config.scopes import BOT_SCOPES
from handlers.shortcuts import CALLBACK_ID
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO_ROOT / "config" / "manifest.yml").read_text())
    return loaded


def test_command_and_shortcut_match_the_handlers(manifest: dict[str, Any]) -> None:
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/newsbot"
    assert command["should_escape"] is False  # links arrive as typed
    (shortcut,) = manifest["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", CALLBACK_ID)


def test_every_event_the_bot_handles_is_subscribed(manifest: dict[str, Any]) -> None:
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {
        "message.channels",
        "message.groups",
        "app_mention",
        "link_shared",
        "app_home_opened",
        "app_uninstalled",  # a workspace's token and data are removed
        "tokens_revoked",
    } <= events


def test_scopes_cover_the_web_api_methods_called(manifest: dict[str, Any]) -> None:
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = {
        "chat:write",  # chat.postMessage, chat.postEphemeral
        "links:read",
        "links:write",  # link_shared, chat.unfurl
        "channels:read",
        "groups:read",
        "im:read",
        "mpim:read",  # users.conversations: the bot's channels, and a person's for App Home
        "users:read",  # users.info: workspace admins may change any channel's settings
        "channels:history",
        "groups:history",  # message events
        "app_mentions:read",
        "commands",
    }
    assert needed <= scopes


def test_app_home_and_interactivity_are_on(manifest: dict[str, Any]) -> None:
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["unfurl_domains"]


def test_the_oauth_install_asks_for_the_manifest_scopes_and_comes_back_to_newsbot(
    manifest: dict[str, Any],
) -> None:
    oauth = manifest["oauth_config"]
    assert sorted(oauth["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert len(set(BOT_SCOPES)) == len(BOT_SCOPES)
    (redirect,) = oauth["redirect_urls"]
    assert redirect.endswith(REDIRECT_PATH)
