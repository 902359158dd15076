"""Message shortcut "Analyze with newsbot": for article text pasted into Slack, or the links in
any message. Acked at once; the analysis goes into the message's thread, once per trigger_id."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services import Services
from handlers import messages
from handlers.matchers import sources_in
from handlers.replies import Asker, Placement, answer_sources, tell

CALLBACK_ID = "analyze_message"


def register_shortcuts(app: App, services: Services) -> None:
    def run_shortcut(
        shortcut: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if team.ledger.first_invocation(shortcut["trigger_id"]):
            analyze_message(team, shortcut, client, respond)

    app.shortcut(CALLBACK_ID)(ack=_ack, lazy=[run_shortcut])


def _ack(ack: Ack) -> None:
    ack()


def analyze_message(
    services: Services, shortcut: dict[str, Any], client: WebClient, respond: Respond
) -> None:
    message = shortcut["message"]
    asker = Asker(user=shortcut["user"]["id"], channel=shortcut["channel"]["id"], respond=respond)
    slack = services.settings.slack
    sources = sources_in(message.get("text", ""), slack.ignored_hosts, slack.max_links_per_message)
    if not sources:
        tell(client, asker, messages.NOTHING_TO_ANALYZE)
    placement = Placement(
        thread_ts=message.get("thread_ts") or message["ts"], shared_ts=message["ts"]
    )
    answer_sources(services, client, sources, asker, placement)
