"""`newsbot worker`: the Procfile's `worker:` process in queue mode (NEWSBOT_WORK_MODE=queue).

It builds the services once and loads the models before taking the first job, then runs an RQ
worker on the queues under the key prefix, the `interactive` lane (a person waiting: a slash
command, a mention, a shortcut) before the `automatic` one (replies to links shared in
channels). Run as many as there are cores to spare; each analyses one job at a time.
"""

from __future__ import annotations

import argparse

from slack_sdk import WebClient

from bot.compose import build_runtime
from bot.observability.metrics import Metrics
from bot.observability.slack_client import ObservedWebClient
from bot.services import build_services
from bot.slack.team_clients import TeamClients
from bot.work.queues import run_worker as work
from bot.work.runtime import install
from config.settings import Settings

EXIT_OK = 0


def run_worker(args: argparse.Namespace, settings: Settings) -> int:
    """Each job answers with its team's token: SLACK_BOT_TOKEN, or with OAuth (many
    workspaces) the token of the team's installation. Each job's run logs with its ids and
    counts its latency, replies and failures into the metrics."""
    if settings.slack.multi_workspace:
        settings.slack.require_oauth()
    else:
        settings.slack.require_token()
    services = build_services(settings)
    services.pipeline.nlp  # noqa: B018  (load the models before the first job, not during it)
    metrics = Metrics(services.store)
    team_clients = TeamClients(settings.slack, services.store)

    def counting_client(team_id: str) -> WebClient:
        """The team's client, as a copy that counts replies and failed calls."""
        return ObservedWebClient.like(team_clients(team_id), metrics)

    install(build_runtime(services, counting_client, metrics))
    try:
        work(settings, burst=args.burst)
    finally:
        services.close()
    return EXIT_OK
