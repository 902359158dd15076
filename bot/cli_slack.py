"""The Slack side of `newsbot`: `serve` (the bot, with the digest clock inside by default;
in queue mode only the ack and the answers that need no analysis), `clock` (the digest clock
alone, for the Procfile's clock process) and `digest CHANNEL`. `worker` is bot/cli_worker.py.
Either clock runs the digests only while it holds the clock lease (`bot.digest.standby`)."""

from __future__ import annotations

import argparse
import logging
import signal

from slack_sdk import WebClient

from bot.compose import build_app
from bot.digest.render_text import digest_text
from bot.digest.runner import DigestRunner
from bot.digest.standby import StandbyClock, standby_clock
from bot.observability.log_context import log_context
from bot.observability.metrics import Metrics
from bot.services import Services, build_services
from bot.slack.app import build_web_client
from bot.slack.readiness import readiness_problems
from bot.slack.web import serve_http, serve_socket_mode
from bot.slack.workspaces import InstalledWorkspaces, OneWorkspace, Workspaces
from bot.terminal.console import out
from config.settings import Settings

EXIT_OK, EXIT_NOT_POSTED = 0, 1
log = logging.getLogger(__name__)


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    settings.slack.require()
    services = build_services(settings)
    if not settings.work.queued:  # in queue mode the workers analyse; this process only acks
        services.pipeline.nlp  # noqa: B018  (load the model before the first request)
    client = build_web_client(settings.slack, Metrics(services.store))
    clock = None
    if settings.digest.run_scheduler:
        clock = standby_clock(services, client, workspaces_of(settings, services, client))
    app = build_app(
        services, client=client, schedule_changed=clock.clock.schedule_channel if clock else None
    )
    if clock is not None:
        _start_clock(clock)
    try:
        if settings.slack.app_token:
            serve_socket_mode(app, settings.slack.app_token.get_secret_value())
        else:
            serve_http(app, lambda: readiness_problems(services), settings.slack.port)
    finally:
        if clock is not None:
            clock.stop()
    return EXIT_OK


def _start_clock(clock: StandbyClock) -> None:
    """The bot answers links even when the digest clock cannot start (Redis down at start-up):
    digests wait for the next restart, and the log says so."""
    try:
        clock.start()
    except Exception:
        log.exception("the digest scheduler could not start; no digests until a restart")


def run_clock(args: argparse.Namespace, settings: Settings) -> int:
    """Blocks until stopped (SIGTERM or Ctrl-C), posting digests on schedule while this clock
    holds the lease, standing by while another does. On SIGTERM it releases the lease, so a
    standby takes over at its next try."""
    if not settings.slack.multi_workspace:
        settings.slack.require_token()
    services = build_services(settings)
    client = build_web_client(settings.slack, Metrics(services.store))
    clock = standby_clock(services, client, workspaces_of(settings, services, client))
    signal.signal(signal.SIGTERM, lambda _number, _frame: clock.stop_soon())
    try:
        clock.run()
    finally:
        services.close()
    return EXIT_OK


def workspaces_of(settings: Settings, services: Services, client: WebClient) -> Workspaces:
    """Every installed workspace with OAuth, else the one of SLACK_BOT_TOKEN."""
    if settings.slack.multi_workspace:
        return InstalledWorkspaces(settings.slack, services.store)
    return OneWorkspace(client)


def run_digest(args: argparse.Namespace, settings: Settings) -> int:
    services = build_services(settings)
    try:
        if args.dry_run:
            runner = DigestRunner(services, build_web_client(settings.slack))
            out(digest_text(runner.preview(args.channel)))
            return EXIT_OK
        settings.slack.require_token()
        client = build_web_client(settings.slack, Metrics(services.store))
        with log_context(job="digest", channel=args.channel):
            outcome = DigestRunner(services, client).post_now(args.channel)
    finally:
        services.close()
    out(f"digest for {args.channel}: {outcome}")
    return EXIT_OK if outcome == "posted" else EXIT_NOT_POSTED
