"""A link shared in a channel: a thread reply with the analysis, or a pointer to the thread
where the same article was answered earlier in the day; and the unfurl of a link."""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from analyzers.errors import InputError, Unreachable
from analyzers.record import Analysis
from bot.services import Services
from bot.slack.render_blocks import repeat_share_message, unfurl_attachment
from bot.slack.slack_calls import slack_call
from bot.sources import LinkSource, Source
from bot.storage.source_keys import source_key
from bot.work.job import TryAgain
from handlers.replies import (
    Asker,
    Placement,
    answer_sources,
    deliver_elsewhere,
    record_share,
)

log = logging.getLogger(__name__)

REPEAT_WINDOW_SECONDS = 24 * 3600


def reply_to_link(
    services: Services,
    client: WebClient,
    asker: Asker,
    link: str,
    placement: Placement,
    *,
    queued: bool = False,
) -> None:
    """One thread reply per link: the analysis, or a pointer to the same link shared earlier."""
    if point_to_earlier(services, client, asker, link, placement):
        return
    answer_sources(services, client, [LinkSource(link)], asker, placement, queued=queued)


def point_to_earlier(
    services: Services, client: WebClient, asker: Asker, link: str, placement: Placement
) -> bool:
    """If the channel answered this article in the window, record the repeat and post a
    pointer to that thread; whether it did."""
    earlier = services.history.earlier_share(asker.channel, link, REPEAT_WINDOW_SECONDS)
    if earlier is None or earlier.message_ts == placement.shared_ts:
        return False
    record_share(
        services,
        client,
        earlier.analysis,
        channel=asker.channel,
        message_ts=str(placement.shared_ts),
        link=link,
        user=asker.user,
        repeat_of=earlier.message_ts,
    )
    pointer = repeat_share_message(earlier)
    posted = slack_call(
        client.chat_postMessage,
        channel=asker.channel,
        thread_ts=placement.thread_ts,
        unfurl_links=False,
        **pointer.as_kwargs(),
    )
    if posted is None:
        deliver_elsewhere(client, asker, pointer)
    return True


def cached_analysis(services: Services, source: Source) -> Analysis | None:
    """The source's analysis if the cache holds it: answering needs no fetch and no model.
    A malformed link has none (the job explains what is wrong with it)."""
    cache = services.pipeline.cache
    try:
        return cache.get([source_key(source)]) if cache else None
    except InputError:
        return None


def unfurl(
    services: Services,
    client: WebClient,
    link: str,
    target: dict[str, str],
    *,
    queued: bool = False,
    cached_only: bool = False,
) -> bool:
    """Unfurl one link with its analysis (``target``: the unfurl id and source, or the channel
    and message ts); False if there is none (``cached_only``: none cached). A failed
    analysis gets no unfurl: the message listener tells the person."""
    analysis = cached_analysis(services, LinkSource(link))
    if analysis is None and cached_only:
        return False
    if analysis is None:
        try:
            analysis = services.pipeline.analyze(LinkSource(link))
        except Exception as exc:
            passing = isinstance(exc, Unreachable) or not isinstance(exc, InputError)
            if queued and passing:
                raise TryAgain(str(exc)) from exc
            log.info("no unfurl for %s: %s", link, exc)
            return False
    unfurls = {link: unfurl_attachment(analysis)}
    slack_call(client.chat_unfurl, unfurls=unfurls, **target)
    return True
