"""App Home: recent analyses and the auto-reply switches, each person seeing only those of the
conversations they are in (a private channel or a DM never shows to anyone outside it). A
switch is changed only by the channel's members or a workspace admin, and the change is
announced in the channel."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.permissions import may_change_channel
from bot.slack.render_blocks import home_view
from bot.slack.slack_calls import member_channels, slack_call, user_conversations
from bot.storage.store import StoreUnavailable
from handlers import messages
from handlers.replies import announce


def register_home(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") == "home":
            publish_home(services.for_team(context.team_id), client, event["user"])

    @app.action("toggle_auto_replies")
    def on_toggle(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        team = services.for_team(context.team_id)
        user = body["user"]["id"]
        channel, _, state = str(action["value"]).partition(":")
        problem = switch_auto_replies(team, client, user, channel, enabled=state == "on")
        publish_home(team, client, user, problem)


def switch_auto_replies(
    services: Services, client: WebClient, user: str, channel: str, *, enabled: bool
) -> str | None:
    """Set the channel's switch if ``user`` may, announcing a change in the channel; what to
    tell them otherwise (shown on top of their App Home, which only they see)."""
    if not may_change_channel(client, user, channel):
        return messages.SETTINGS_NOT_ALLOWED.format(channel=channel)
    if services.prefs.auto_replies(channel) == enabled:
        return None
    try:
        services.prefs.set_auto_replies(channel, enabled)
    except StoreUnavailable:
        return messages.NOT_SAVED
    state = "on" if enabled else "off"
    announce(client, channel, messages.AUTO_REPLIES_CHANGED.format(user=user, state=state))
    return None


def publish_home(services: Services, client: WebClient, user: str, note: str | None = None) -> None:
    """When Slack cannot say which conversations the person is in, they see none (and why)."""
    theirs, bots = user_conversations(client, user), member_channels(client)
    if note is None and (theirs is None or bots is None):
        note = messages.HOME_LOOKUP_FAILED
    visible = frozenset(theirs or ())
    switches = [channel for channel in bots or [] if channel in visible]
    view = home_view(
        services.history.recent(visible),
        [(channel, services.prefs.auto_replies(channel)) for channel in switches],
        note,
    )
    slack_call(client.views_publish, user_id=user, view=view)
