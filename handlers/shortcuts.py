"""Message shortcut "Analyze with newsbot": for article text pasted into Slack, or the links in
any message. Acked at once; the analysis goes into the message's thread, once per trigger_id
(handed over as jobs, handlers/handover.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services import Services
from bot.work.dispatch import Dispatcher
from bot.work.job import INTERACTIVE
from handlers import messages
from handlers.handover import hand_over
from handlers.job_runners import source_jobs
from handlers.matchers import sources_in
from handlers.replies import Asker, tell

CALLBACK_ID = "analyze_message"


def register_shortcuts(app: App, services: Services, dispatcher: Dispatcher) -> None:
    def run_shortcut(
        shortcut: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if team.ledger.first_invocation(shortcut["trigger_id"]):
            analyze_message(team, shortcut, client, respond, dispatcher)

    app.shortcut(CALLBACK_ID)(ack=_ack, lazy=[run_shortcut])


def _ack(ack: Ack) -> None:
    ack()


def analyze_message(
    services: Services,
    shortcut: dict[str, Any],
    client: WebClient,
    respond: Respond,
    dispatcher: Dispatcher,
) -> None:
    message = shortcut["message"]
    asker = Asker(user=shortcut["user"]["id"], channel=shortcut["channel"]["id"], respond=respond)
    slack = services.settings.slack
    sources = sources_in(message.get("text", ""), slack.ignored_hosts, slack.max_links_per_message)
    if not sources:
        tell(client, asker, messages.NOTHING_TO_ANALYZE)
    jobs = source_jobs(
        sources,
        key=f"trigger:{shortcut['trigger_id']}",
        team_id=str(shortcut.get("team", {}).get("id", "")),
        channel=asker.channel,
        user=asker.user,
        lane=INTERACTIVE,
        thread_ts=message.get("thread_ts") or message["ts"],
        shared_ts=message["ts"],
        response_url=shortcut.get("response_url"),
    )
    for job in jobs:
        hand_over(services, client, dispatcher, job)
