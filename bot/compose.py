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

from bot.observability.job_runs import observed_run
from bot.observability.metrics import Metrics
from bot.services import Services
from bot.slack.app import bare_app, build_web_client
from bot.slack.oauth import oauth_settings
from bot.work.dispatch import Dispatcher, InlineDispatcher, QueueDispatcher
from bot.work.job import Job
from bot.work.queues import JobQueues
from bot.work.runtime import Runner, Runtime, TeamClient
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
    schedule_changed: Callable[[str, str | None], None] | None = None,
    dispatcher: Dispatcher | None = None,
) -> App:
    """Every listener registered behind the replay guard (handlers/replays.py), which must come
    first; each listener run is timed into the metrics and, without ``client``, one that
    counts replies and failures there is built. ``schedule_changed(channel, team)`` is called when
    a channel's digest schedule may have changed (a /newsbot digest setting, the bot joining
    a channel), if this process runs the digest scheduler. With OAuth settings
    (multi-workspace mode), the install flow and the listeners that remove a workspace when
    it leaves; the listeners work on `services.for_team(context.team_id)`. ``dispatcher``:
    where jobs go; by default as NEWSBOT_WORK_MODE says."""
    oauth = oauth_settings(services.settings.slack, services.store)
    metrics = Metrics(services.store)
    slack = services.settings.slack
    app = bare_app(slack, client or build_web_client(slack, metrics), oauth, metrics)
    work = dispatcher or build_dispatcher(services, app.client)
    register_replay_guard(app, services.signatures)
    if oauth is not None and oauth.installation_store is not None:
        register_lifecycle(app, services, oauth.installation_store)
    register_events(app, services, work, schedule_changed)
    register_commands(app, services, work, schedule_changed)
    register_shortcuts(app, services, work)
    register_home(app, services)
    return app


def build_runtime(
    services: Services, clients: TeamClient, metrics: Metrics | None = None
) -> Runtime:
    """What runs jobs: the listeners' job runners on these services; ``clients``: the Web API
    client of a team, for jobs run away from the request (on a worker). With ``metrics``, each
    run (on a worker, or on the inline pool) logs with its job's ids and is timed into the
    metrics by lane, what it counted written in one call."""
    if metrics is None:
        return Runtime(services, clients, RUNNERS, tell_failure)
    observed = {kind: _observed(runner, metrics) for kind, runner in RUNNERS.items()}
    return Runtime(services, clients, observed, tell_failure)


def _observed(runner: Runner, metrics: Metrics) -> Runner:
    def run(services: Services, client: WebClient, job: Job, queued: bool) -> None:
        ids = {"job_id": job.job_id, "team": job.team_id, "channel": job.channel}
        with observed_run(job.lane, metrics, **ids):
            runner(services, client, job, queued)

    return run


def build_dispatcher(services: Services, client: WebClient) -> Dispatcher:
    """Inline (the jobs run on this process's pool, with the listener's client) or onto the RQ
    queues."""
    if services.settings.work.queued:
        return QueueDispatcher(services, JobQueues(services.settings))
    runtime = build_runtime(services, lambda team: client, Metrics(services.store))
    return InlineDispatcher(runtime, services.settings.work)
