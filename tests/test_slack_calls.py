"""Listing conversations through the real WebClient against the fake Slack Web API: every page
of Slack's cursor is followed, within a bound, and a failed page gives no partial answer."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from slack_sdk import WebClient

from bot.slack.app import build_web_client
from bot.slack.slack_calls import (
    EVERY_CONVERSATION_TYPE,
    MAX_PAGES,
    PAGE_SIZE,
    conversations_of,
    member_channels,
)
from config.settings import SlackSettings
from tests.fakes.slack_api import USER, FakeSlackApi


@pytest.fixture
def client(slack_api: FakeSlackApi) -> WebClient:
    return build_web_client(
        SlackSettings(bot_token=SecretStr("xoxb-test"), api_url=slack_api.base_url)
    )


def channel_ids(count: int) -> list[str]:
    return [f"C{n:08d}" for n in range(count)]


def test_the_bots_channels_are_listed_past_the_first_page(
    client: WebClient, slack_api: FakeSlackApi
) -> None:
    slack_api.member_channels = channel_ids(450)
    assert member_channels(client) == channel_ids(450)
    pages = slack_api.calls_to("users.conversations")
    assert [p.args.get("cursor") for p in pages] == [None, "page:200", "page:400"]
    assert {p.args["limit"] for p in pages} == {str(PAGE_SIZE)}
    assert "user" not in pages[0].args


def test_a_persons_conversations_are_listed_with_dms_and_group_dms(
    client: WebClient, slack_api: FakeSlackApi
) -> None:
    slack_api.memberships = {USER: [*channel_ids(250), "G0000001", "D0000001"]}
    assert conversations_of(client, USER, EVERY_CONVERSATION_TYPE) == slack_api.memberships[USER]
    first = slack_api.calls_to("users.conversations")[0]
    assert first.args["user"] == USER
    assert first.args["types"] == "public_channel,private_channel,mpim,im"


def test_listing_stops_after_the_page_cap(client: WebClient, slack_api: FakeSlackApi) -> None:
    slack_api.member_channels = channel_ids(PAGE_SIZE * MAX_PAGES + 1)
    assert member_channels(client) == channel_ids(PAGE_SIZE * MAX_PAGES)
    assert len(slack_api.calls_to("users.conversations")) == MAX_PAGES


def test_a_failed_page_gives_no_list_rather_than_part_of_one(
    client: WebClient, slack_api: FakeSlackApi
) -> None:
    slack_api.member_channels = channel_ids(450)
    slack_api.fail("users.conversations", "internal_error", after=1)
    assert member_channels(client) is None
    assert len(slack_api.calls_to("users.conversations")) == 2
