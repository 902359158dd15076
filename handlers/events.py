"""Event listeners: links shared in channels, unfurls, mentions. Events are acknowledged by
Bolt at once; the work below runs after the ack, in Bolt's worker threads. Each event is
handled once however often Slack redelivers it (the event ledger)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.render_blocks import repeat_share_message, unfurl_attachment
from bot.slack.slack_calls import slack_call
from bot.sources import LinkSource
from handlers import messages
from handlers.matchers import article_links, is_new_human_message, sources_in, thread_of
from handlers.replies import (
    Asker,
    Placement,
    answer_sources,
    deliver_elsewhere,
    record_share,
    tell,
)

log = logging.getLogger(__name__)

REPEAT_WINDOW_SECONDS = 24 * 3600


def register_events(
    app: App, services: Services, schedule_changed: Callable[[str], None] | None = None
) -> None:
    slack = services.settings.slack

    @app.event("member_joined_channel")
    def on_member_joined(event: dict[str, Any], context: BoltContext) -> None:
        if schedule_changed is not None and event.get("user") == context.bot_user_id:
            schedule_changed(event["channel"])  # a new channel gets its daily digest

    @app.event("message")
    def on_message(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if not is_new_human_message(event) or _mentions_bot(event, context):
            return  # mentions are answered by on_mention
        links = article_links(event["text"], slack.ignored_hosts, slack.max_links_per_message)
        channel = event["channel"]
        team = services.for_team(context.team_id)
        if not links or not team.prefs.auto_replies(channel):
            return
        if not team.ledger.first_delivery(body["event_id"]):
            return
        asker = Asker(user=event["user"], channel=channel)
        for link in links:
            reply_to_link(team, client, event, link, asker)

    @app.event("app_mention")
    def on_mention(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if not team.ledger.first_delivery(body["event_id"]):
            return
        asker = Asker(user=event.get("user", ""), channel=event["channel"])
        sources = sources_in(
            event.get("text", ""), slack.ignored_hosts, slack.max_links_per_message
        )
        if not sources:
            tell(client, asker, messages.HELP)
        placement = Placement(thread_ts=thread_of(event), shared_ts=event["ts"])
        answer_sources(team, client, sources, asker, placement)

    @app.event("link_shared")
    def on_link_shared(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if not services.for_team(context.team_id).ledger.first_delivery(body["event_id"]):
            return
        unfurls = {}
        for item in event.get("links", [])[: slack.max_links_per_message]:
            try:
                analysis = services.pipeline.analyze(LinkSource(item["url"]))
            except Exception as exc:  # the message listener tells the person; no unfurl here
                log.info("no unfurl for %s: %s", item["url"], exc)
                continue
            unfurls[item["url"]] = unfurl_attachment(analysis)
        if unfurls:
            target = (
                {"unfurl_id": event["unfurl_id"], "source": event["source"]}
                if "unfurl_id" in event and "source" in event
                else {"channel": event["channel"], "ts": event["message_ts"]}
            )
            slack_call(client.chat_unfurl, unfurls=unfurls, **target)


def reply_to_link(
    services: Services, client: WebClient, event: dict[str, Any], link: str, asker: Asker
) -> None:
    """One thread reply per link: the analysis, or a pointer to the same link shared earlier."""
    earlier = services.history.earlier_share(asker.channel, link, REPEAT_WINDOW_SECONDS)
    if earlier is not None and earlier.message_ts != event["ts"]:
        record_share(
            services,
            client,
            earlier.analysis,
            channel=asker.channel,
            message_ts=event["ts"],
            link=link,
            user=asker.user,
            repeat_of=earlier.message_ts,
        )
        pointer = repeat_share_message(earlier)
        posted = slack_call(
            client.chat_postMessage,
            channel=asker.channel,
            thread_ts=thread_of(event),
            unfurl_links=False,
            **pointer.as_kwargs(),
        )
        if posted is None:
            deliver_elsewhere(client, asker, pointer)
        return
    placement = Placement(thread_ts=thread_of(event), shared_ts=event["ts"])
    answer_sources(services, client, [LinkSource(link)], asker, placement)


def _mentions_bot(event: dict[str, Any], context: BoltContext) -> bool:
    bot_user = context.bot_user_id
    return bool(bot_user) and f"<@{bot_user}" in event.get("text", "")
