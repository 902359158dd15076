"""`/newsbot`: help, analyze, entity. Acked at once with what happens next (Slack allows 3 s);
the analysis itself runs in a lazy listener after the ack."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.render_blocks import analysis_message, entity_report, notice
from bot.services import Services
from bot.sources import LinkSource
from handlers import messages
from handlers.matchers import CommandRequest, parse_command, sources_in
from handlers.replies import Asker, analyze_for, post_analysis, say_privately

ENTITY_DAYS = 7


def register_commands(app: App, services: Services) -> None:
    def run_command(command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        run(services, command, client, respond)

    app.command("/newsbot")(ack=acknowledge, lazy=[run_command])


def acknowledge(ack: Ack, command: dict[str, Any]) -> None:
    """Answer within Slack's 3 seconds: help and usage at once, otherwise 'working on it'."""
    request = parse_command(command.get("text", ""))
    if request.subcommand == "help":
        ack(**notice(messages.HELP).as_kwargs())
    elif request.subcommand == "analyze":
        ack(**notice(messages.WORKING if request.argument else messages.ANALYZE_USAGE).as_kwargs())
    elif request.subcommand == "entity":
        text = (
            messages.LOOKING_UP.format(days=ENTITY_DAYS)
            if request.argument
            else (messages.ENTITY_USAGE)
        )
        ack(**notice(text).as_kwargs())
    else:
        ack(**notice(messages.UNKNOWN_SUBCOMMAND.format(subcommand=request.subcommand)).as_kwargs())


def run(services: Services, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
    request = parse_command(command.get("text", ""))
    if not request.argument:
        return  # the ack already showed the usage
    asker = Asker(user=command["user_id"], channel=command["channel_id"], respond=respond)
    if request.subcommand == "analyze":
        analyze(services, request, client, asker)
    elif request.subcommand == "entity":
        now = time.time()
        shares = services.history.between(asker.channel, now - ENTITY_DAYS * 86400, now)
        say_privately(client, asker, entity_report(request.argument, shares, ENTITY_DAYS))


def analyze(services: Services, request: CommandRequest, client: WebClient, asker: Asker) -> None:
    slack = services.settings.slack
    for source in sources_in(request.argument, slack.ignored_hosts, slack.max_links_per_message):
        link = source.url if isinstance(source, LinkSource) else None
        analysis = analyze_for(services, source, link or "the pasted text", asker, client)
        if analysis is None:
            continue
        if request.private:
            say_privately(client, asker, analysis_message(analysis, link))
            continue
        posted = post_analysis(
            services,
            client,
            analysis,
            channel=asker.channel,
            thread_ts=None,
            shared_ts=None,
            link=link,
            user=asker.user,
        )
        if not posted and asker.respond is not None:  # not a member here: answer in place
            asker.respond(
                response_type="in_channel", **analysis_message(analysis, link).as_kwargs()
            )
