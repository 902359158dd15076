"""App Home: the workspace's recent analyses and each channel's auto-reply switch."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.render_blocks import home_view
from bot.services import Services
from bot.slack_calls import member_channels, slack_call


def register_home(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            publish_home(services, client, event["user"])

    @app.action("toggle_auto_replies")
    def on_toggle(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient
    ) -> None:
        ack()
        channel, _, state = str(action["value"]).partition(":")
        services.prefs.set_auto_replies(channel, state == "on")
        publish_home(services, client, body["user"]["id"])


def publish_home(services: Services, client: WebClient, user: str) -> None:
    channels = member_channels(client) or []
    view = home_view(
        services.history.recent(),
        [(channel, services.prefs.auto_replies(channel)) for channel in channels],
    )
    slack_call(client.views_publish, user_id=user, view=view)
