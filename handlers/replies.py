"""The replies every entry point shares: analyse a source, post the result where it was asked
for, remember the share, and tell the person who asked when it failed."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from analyzers.errors import InputError, Unreachable
from analyzers.record import Analysis
from bot.services import Services
from bot.share import Share, SkippedLink
from bot.slack.render_blocks import SlackMessage, analysis_message, notice, with_note
from bot.slack.slack_calls import permalink_of, slack_call
from bot.sources import LinkSource, Source
from bot.work.job import TryAgain
from handlers import messages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Asker:
    """Who asked, and where: enough to answer them privately."""

    user: str
    channel: str
    respond: Respond | None = None


@dataclass(frozen=True)
class NotAnalysed:
    """Why there is no analysis, in the words the asker was told."""

    reason: str


def analyze_for(
    services: Services,
    source: Source,
    what: str,
    asker: Asker,
    client: WebClient,
    *,
    queued: bool = False,
) -> Analysis | NotAnalysed:
    """The analysis, or why there is none after telling the asker in plain words. On a
    worker (``queued``), a fault that may pass (an unreachable site, a timeout, an error of
    ours) is raised as TryAgain instead: the queue tries again later and, out of tries, keeps
    the job as failed and tells the asker."""
    try:
        return services.pipeline.analyze(source)
    except Unreachable as exc:
        if queued:
            raise TryAgain(str(exc)) from exc
        log.info("not analysed (%s): %s", exc.code, what)
        tell(client, asker, messages.FAILED.format(what=what, reason=exc))
        return NotAnalysed(str(exc))
    except InputError as exc:
        log.info("not analysed (%s): %s", exc.code, what)
        tell(client, asker, messages.FAILED.format(what=what, reason=exc))
        return NotAnalysed(str(exc))
    except Exception as exc:
        if queued:
            raise TryAgain(str(exc)) from exc
        log.exception("analysis of %s failed", what)
        tell(client, asker, messages.INTERNAL_ERROR.format(what=what))
        return NotAnalysed(messages.INTERNAL_REASON)


def post_analysis(
    services: Services,
    client: WebClient,
    analysis: Analysis,
    *,
    channel: str,
    thread_ts: str | None,
    shared_ts: str | None,
    link: str | None,
    user: str | None,
) -> bool:
    """Post in the channel (in a thread when given) and record the share: under the message
    that shared it, before replying (so a repeat of the link a moment later already finds it),
    or for a slash command under the bot's own post. False if Slack refused the post (the
    caller may answer another way)."""
    if shared_ts:
        record_share(
            services, client, analysis, channel=channel, message_ts=shared_ts, link=link, user=user
        )
    posted = slack_call(
        client.chat_postMessage,
        channel=channel,
        thread_ts=thread_ts,
        unfurl_links=False,
        unfurl_media=False,
        **analysis_message(analysis, link).as_kwargs(),
    )
    if posted is None:
        return False
    if not shared_ts:
        ts = str(posted["ts"])
        record_share(
            services, client, analysis, channel=channel, message_ts=ts, link=link, user=user
        )
    return True


def record_share(
    services: Services,
    client: WebClient,
    analysis: Analysis,
    *,
    channel: str,
    message_ts: str,
    link: str | None,
    user: str | None,
    repeat_of: str | None = None,
) -> None:
    """Remember who shared what, where and when, with a link to the message (the digest's
    "thread" links); a repeat of a link names the share that holds the analysis."""
    services.history.record(
        Share(
            channel=channel,
            message_ts=message_ts,
            shared_at=time.time(),
            analysis=analysis,
            url=link,
            user=user,
            permalink=permalink_of(client, channel, message_ts),
            repeat_of=repeat_of,
        )
    )


def record_skipped(
    services: Services,
    client: WebClient,
    asker: Asker,
    *,
    message_ts: str,
    link: str,
    reason: str,
) -> None:
    """Remember a link shared in the channel (by the message ``message_ts``) that could not
    be analysed, and why, so the digest still lists it."""
    services.history.record_skipped(
        SkippedLink(
            channel=asker.channel,
            message_ts=message_ts,
            shared_at=time.time(),
            url=link,
            reason=reason,
            user=asker.user,
            permalink=permalink_of(client, asker.channel, message_ts),
        )
    )


@dataclass(frozen=True)
class Placement:
    """Where answers go: a thread (None: the channel itself) or only the asker; and the message
    a share is recorded under (None: the bot's own post)."""

    thread_ts: str | None = None
    shared_ts: str | None = None
    private: bool = False


def answer_sources(
    services: Services,
    client: WebClient,
    sources: Sequence[Source],
    asker: Asker,
    placement: Placement,
    *,
    queued: bool = False,
) -> None:
    """Analyse each source and answer where asked; if the post fails, answer another way
    (`deliver_elsewhere`). ``queued``: see `analyze_for`."""
    for source in sources:
        link = source.url if isinstance(source, LinkSource) else None
        what = link or "the pasted text"
        analysis = analyze_for(services, source, what, asker, client, queued=queued)
        if isinstance(analysis, NotAnalysed):
            if link and placement.shared_ts:
                record_skipped(
                    services,
                    client,
                    asker,
                    message_ts=placement.shared_ts,
                    link=link,
                    reason=analysis.reason,
                )
            continue
        answer_with(services, client, analysis, link, asker, placement=placement)


def answer_with(
    services: Services,
    client: WebClient,
    analysis: Analysis,
    link: str | None,
    asker: Asker,
    *,
    placement: Placement,
) -> None:
    """Post an analysis where it was asked for (also a cached one, from the fast lane)."""
    message = analysis_message(analysis, link)
    if placement.private:
        say_privately(client, asker, message)
        return
    posted = post_analysis(
        services,
        client,
        analysis,
        channel=asker.channel,
        thread_ts=placement.thread_ts,
        shared_ts=placement.shared_ts,
        link=link,
        user=asker.user,
    )
    if not posted:
        deliver_elsewhere(client, asker, message)


def deliver_elsewhere(client: WebClient, asker: Asker, message: SlackMessage) -> None:
    """A public reply Slack did not take (not a member, or a fault that outlasted the client's
    retries): into the channel through the response URL when there is one, else (or if that
    fails too) to the asker alone, saying so; never lost without a word."""
    public = message.as_kwargs()
    if asker.respond is not None and responded(asker.respond, response_type="in_channel", **public):
        return
    say_privately(client, asker, with_note(messages.NOT_POSTED_IN_CHANNEL, message))


def announce(client: WebClient, channel: str, text: str) -> None:
    """A short notice for everyone in the channel (who changed which setting)."""
    slack_call(client.chat_postMessage, channel=channel, text=text)


def tell(client: WebClient, asker: Asker, text: str) -> None:
    """An ephemeral note to the asker; through the response URL when the bot cannot post in
    the channel (not a member, or a DM it is not part of)."""
    say_privately(client, asker, notice(text))


def say_privately(client: WebClient, asker: Asker, message: SlackMessage) -> None:
    """Through the response URL when there is one; if it fails, through chat.postEphemeral."""
    private = {"response_type": "ephemeral", "replace_original": False, **message.as_kwargs()}
    if asker.respond is not None and responded(asker.respond, **private):
        return
    slack_call(
        client.chat_postEphemeral, channel=asker.channel, user=asker.user, **message.as_kwargs()
    )


def responded(respond: Respond, **message: Any) -> bool:
    """Whether Slack took a message through the response URL: an expired URL (30 minutes, 5
    uses) answers with an error status, an unreachable one raises."""
    try:
        status = respond(**message).status_code
    except OSError as exc:
        log.warning("response_url failed: %s", str(exc) or type(exc).__name__)
        return False
    if status != 200:
        log.warning("response_url failed: HTTP %s", status)
    return status == 200
