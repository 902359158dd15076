"""`/newsbot`: help, analyze, entity, digest. Acked at once with what happens next (Slack
allows 3 s); the work itself runs in a lazy listener after the ack, once per trigger_id however
often the request arrives."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.render_blocks import notice
from bot.slack.render_entity import entity_report
from bot.work.dispatch import Dispatcher
from bot.work.job import INTERACTIVE
from handlers import messages
from handlers.digest_command import ScheduleChanged, handle_digest
from handlers.handover import hand_over
from handlers.job_runners import source_jobs
from handlers.matchers import CommandRequest, parse_command, sources_in
from handlers.replies import Asker, say_privately

ENTITY_DAYS = 7


def register_commands(
    app: App,
    services: Services,
    dispatcher: Dispatcher,
    schedule_changed: ScheduleChanged | None = None,
) -> None:
    def run_command(
        command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if team.ledger.first_invocation(command["trigger_id"]):
            run(
                team,
                command,
                client,
                respond,
                schedule_changed=schedule_changed,
                dispatcher=dispatcher,
            )

    app.command("/newsbot")(ack=acknowledge, lazy=[run_command])


def acknowledge(ack: Ack, command: dict[str, Any]) -> None:
    """Answer within Slack's 3 seconds: help and usage at once, otherwise 'working on it'."""
    request = parse_command(command.get("text", ""))
    if request.subcommand == "help":
        ack(**notice(messages.HELP).as_kwargs())
    elif request.subcommand == "analyze":
        ack(**notice(messages.WORKING if request.argument else messages.ANALYZE_USAGE).as_kwargs())
    elif request.subcommand == "digest":
        ack()  # the answer follows privately once the schedule is saved or the digest posted
    elif request.subcommand == "entity":
        text = (
            messages.LOOKING_UP.format(days=ENTITY_DAYS)
            if request.argument
            else (messages.ENTITY_USAGE)
        )
        ack(**notice(text).as_kwargs())
    else:
        ack(**notice(messages.UNKNOWN_SUBCOMMAND.format(subcommand=request.subcommand)).as_kwargs())


def run(
    services: Services,
    command: dict[str, Any],
    client: WebClient,
    respond: Respond,
    *,
    schedule_changed: ScheduleChanged | None,
    dispatcher: Dispatcher,
) -> None:
    """Help, usage, settings and `entity` need no analysis and are answered here; `analyze`
    hands each source over (at once when cached, else as a job)."""
    request = parse_command(command.get("text", ""))
    asker = Asker(user=command["user_id"], channel=command["channel_id"], respond=respond)
    if request.subcommand == "digest":
        handle_digest(services, request.argument, client, asker, schedule_changed)
    elif not request.argument:
        return  # the ack already showed the usage
    elif request.subcommand == "analyze":
        analyze(services, request, command, client, dispatcher)
    elif request.subcommand == "entity":
        now = time.time()
        shares = services.history.between(asker.channel, now - ENTITY_DAYS * 86400, now)
        say_privately(client, asker, entity_report(request.argument, shares, ENTITY_DAYS))


def analyze(
    services: Services,
    request: CommandRequest,
    command: dict[str, Any],
    client: WebClient,
    dispatcher: Dispatcher,
) -> None:
    slack = services.settings.slack
    sources = sources_in(request.argument, slack.ignored_hosts, slack.max_links_per_message)
    jobs = source_jobs(
        sources,
        key=f"trigger:{command['trigger_id']}",
        team_id=str(command.get("team_id", "")),
        channel=command["channel_id"],
        user=command["user_id"],
        lane=INTERACTIVE,
        private=request.private,
        response_url=command.get("response_url"),
    )
    for job in jobs:
        hand_over(services, client, dispatcher, job)
