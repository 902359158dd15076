"""The composition root: the one module under bot/ that imports the Slack listeners
(handlers/), and wires them to the services and the Bolt app.

Why here: handlers/ sits above bot/ (listeners use the pipeline, the storage and the
renderers), so bot/slack/ importing it would be an arrow pointing back up. The command line
(`newsbot serve`), the tests and the benchmarks build their app here instead.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App
from slack_sdk import WebClient

from bot.observability.metrics import Metrics
from bot.services import Services
from bot.slack.app import bare_app, build_web_client
from bot.slack.oauth import oauth_settings
from handlers.commands import register_commands
from handlers.events import register_events
from handlers.home import register_home
from handlers.lifecycle import register_lifecycle
from handlers.replays import register_replay_guard
from handlers.shortcuts import register_shortcuts


def build_app(
    services: Services,
    *,
    client: WebClient | None = None,
    schedule_changed: Callable[[str], None] | None = None,
) -> App:
    """Every listener registered behind the replay guard (handlers/replays.py), which must come
    first; each listener run is timed into the metrics and, without ``client``, one that
    counts replies and failures there is built. ``schedule_changed(channel)`` is called when
    a channel's digest schedule may have changed (a /newsbot digest setting, the bot joining
    a channel), if this process runs the digest scheduler. With OAuth settings
    (multi-workspace mode), the install flow and the listeners that remove a workspace when
    it leaves; the listeners work on `services.for_team(context.team_id)`."""
    oauth = oauth_settings(services.settings.slack, services.store)
    metrics = Metrics(services.store)
    slack = services.settings.slack
    app = bare_app(slack, client or build_web_client(slack, metrics), oauth, metrics)
    register_replay_guard(app, services.signatures)
    if oauth is not None and oauth.installation_store is not None:
        register_lifecycle(app, services, oauth.installation_store)
    register_events(app, services, schedule_changed)
    register_commands(app, services, schedule_changed)
    register_shortcuts(app, services)
    register_home(app, services)
    return app
