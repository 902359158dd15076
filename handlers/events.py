"""Event listeners: links shared in channels, unfurls, mentions. Events are acknowledged by
Bolt at once; what follows runs after the ack, in Bolt's worker threads: the answers that need
no analysis at once, the rest handed over as jobs (handlers/handover.py), inline or to the
workers. Each event is handled once however often Slack redelivers it (the event ledger)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.services import Services
from bot.work.dispatch import Dispatcher
from bot.work.job import AUTOMATIC, INTERACTIVE, Job
from handlers import messages
from handlers.digest_command import ScheduleChanged
from handlers.handover import hand_over
from handlers.job_runners import LINK, UNFURL, source_jobs
from handlers.matchers import article_links, is_new_human_message, sources_in, thread_of
from handlers.replies import Asker, tell


def register_events(
    app: App,
    services: Services,
    dispatcher: Dispatcher,
    schedule_changed: ScheduleChanged | None = None,
) -> None:
    slack = services.settings.slack

    @app.event("member_joined_channel")
    def on_member_joined(event: dict[str, Any], context: BoltContext) -> None:
        if schedule_changed is not None and event.get("user") == context.bot_user_id:
            # a new channel gets its daily digest, in its workspace's schedule
            schedule_changed(event["channel"], services.for_team(context.team_id).team_id)

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
        team_id = _team(body, context)
        for link in links:
            job = Job(
                kind=LINK,
                key=f"link:{team_id}:{channel}:{event['ts']}:{link}",
                team_id=team_id,
                channel=channel,
                user=event["user"],
                lane=AUTOMATIC,
                link=link,
                thread_ts=thread_of(event),
                shared_ts=event["ts"],
            )
            hand_over(team, client, dispatcher, job)

    @app.event("app_mention")
    def on_mention(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if not team.ledger.first_delivery(body["event_id"]):
            return
        user, channel = event.get("user", ""), event["channel"]
        sources = sources_in(
            event.get("text", ""), slack.ignored_hosts, slack.max_links_per_message
        )
        if not sources:
            tell(client, Asker(user=user, channel=channel), messages.HELP)
        jobs = source_jobs(
            sources,
            key=f"event:{body['event_id']}",
            team_id=_team(body, context),
            channel=channel,
            user=user,
            lane=INTERACTIVE,
            thread_ts=thread_of(event),
            shared_ts=event["ts"],
        )
        for job in jobs:
            hand_over(team, client, dispatcher, job)

    @app.event("link_shared")
    def on_link_shared(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        team = services.for_team(context.team_id)
        if not team.ledger.first_delivery(body["event_id"]):
            return
        target = (
            {"unfurl_id": event["unfurl_id"], "source": event["source"]}
            if "unfurl_id" in event and "source" in event
            else {"channel": event["channel"], "ts": event["message_ts"]}
        )
        for number, item in enumerate(event.get("links", [])[: slack.max_links_per_message]):
            job = Job(
                kind=UNFURL,
                key=f"unfurl:{body['event_id']}:{number}",
                team_id=_team(body, context),
                channel=event.get("channel", ""),
                user=event.get("user", ""),
                lane=AUTOMATIC,
                link=item["url"],
                extra=target,
            )
            hand_over(team, client, dispatcher, job)


def _team(body: dict[str, Any], context: BoltContext) -> str:
    return str(context.team_id or body.get("team_id") or "")


def _mentions_bot(event: dict[str, Any], context: BoltContext) -> bool:
    bot_user = context.bot_user_id
    return bool(bot_user) and f"<@{bot_user}" in event.get("text", "")
