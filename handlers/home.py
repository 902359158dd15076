"""App Home: recent analyses and the auto-reply switches, each person seeing only those of the
conversations they are in (a private channel or a DM never shows to anyone outside it)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.render_blocks import home_view
from bot.services import Services
from bot.slack_calls import member_channels, slack_call, user_conversations
from handlers import messages


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
    """When Slack cannot say which conversations the person is in, they see none (and why)."""
    theirs, bots = user_conversations(client, user), member_channels(client)
    note = messages.HOME_LOOKUP_FAILED if theirs is None or bots is None else None
    visible = frozenset(theirs or ())
    switches = [channel for channel in bots or [] if channel in visible]
    view = home_view(
        services.history.recent(visible),
        [(channel, services.prefs.auto_replies(channel)) for channel in switches],
        note,
    )
    slack_call(client.views_publish, user_id=user, view=view)
