"""Message shortcut "Analyze with newsbot": for article text pasted into Slack, or the links in
any message. Acked at once; the analysis goes into the message's thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.render_blocks import analysis_message
from bot.services import Services
from bot.sources import LinkSource
from handlers import messages
from handlers.matchers import sources_in
from handlers.replies import Asker, analyze_for, post_analysis, say_privately, tell

CALLBACK_ID = "analyze_message"


def register_shortcuts(app: App, services: Services) -> None:
    def run_shortcut(shortcut: dict[str, Any], client: WebClient, respond: Respond) -> None:
        analyze_message(services, shortcut, client, respond)

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
    for source in sources:
        link = source.url if isinstance(source, LinkSource) else None
        analysis = analyze_for(services, source, link or "that message", asker, client)
        if analysis is None:
            continue
        posted = post_analysis(
            services,
            client,
            analysis,
            channel=asker.channel,
            thread_ts=message.get("thread_ts") or message["ts"],
            shared_ts=message["ts"],
            link=link,
            user=message.get("user"),
        )
        if not posted:
            say_privately(client, asker, analysis_message(analysis, link))
