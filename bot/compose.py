"""The composition root: the one module under bot/ that imports the Slack listeners
(handlers/), and wires them to the services, the Bolt app and the job runtime.

Why here: handlers/ sits above bot/ (listeners use the pipeline, the storage and the
renderers), so bot/slack/ or bot/work/ importing it would be an arrow pointing back up. The
command line (`newsbot serve`, `newsbot worker`), the tests and the benchmarks build their app
and their job runtime here instead.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.app import bare_app
from bot.slack.oauth import oauth_settings
from bot.work.dispatch import Dispatcher, InlineDispatcher, QueueDispatcher
from bot.work.queues import JobQueues
from bot.work.runtime import Runtime, TeamClient
from handlers.commands import register_commands
from handlers.events import register_events
from handlers.home import register_home
from handlers.job_runners import RUNNERS, tell_failure
from handlers.lifecycle import register_lifecycle
from handlers.replays import register_replay_guard
from handlers.shortcuts import register_shortcuts


def build_app(
    services: Services,
    *,
    client: WebClient | None = None,
    schedule_changed: Callable[[str], None] | None = None,
    dispatcher: Dispatcher | None = None,
) -> App:
    """Every listener registered behind the replay guard (handlers/replays.py), which must come
    first. ``schedule_changed(channel)`` is called when a channel's digest schedule may have
    changed (a /newsbot digest setting, the bot joining a channel), if this process runs the
    digest scheduler. With OAuth settings (multi-workspace mode), the install flow and the
    listeners that remove a workspace when it leaves; the listeners work on
    `services.for_team(context.team_id)`. ``dispatcher``: where jobs go; by default as
    NEWSBOT_WORK_MODE says."""
    oauth = oauth_settings(services.settings.slack, services.store)
    app = bare_app(services.settings.slack, client, oauth)
    work = dispatcher or build_dispatcher(services, app.client)
    register_replay_guard(app, services.signatures)
    if oauth is not None and oauth.installation_store is not None:
        register_lifecycle(app, services, oauth.installation_store)
    register_events(app, services, work, schedule_changed)
    register_commands(app, services, work, schedule_changed)
    register_shortcuts(app, services, work)
    register_home(app, services)
    return app


def build_runtime(services: Services, clients: TeamClient) -> Runtime:
    """What runs jobs: the listeners' job runners on these services; ``clients``: the Web API
    client of a team, for jobs run away from the request (on a worker)."""
    return Runtime(services, clients, RUNNERS, tell_failure)


def build_dispatcher(services: Services, client: WebClient) -> Dispatcher:
    """Inline (the jobs run in the listener's thread, with its client) or onto the RQ queues."""
    if services.settings.work.queued:
        return QueueDispatcher(services, JobQueues(services.settings))
    return InlineDispatcher(build_runtime(services, lambda team: client), services.settings.work)
