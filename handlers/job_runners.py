"""The work behind each kind of job, as the dispatcher runs it (here, or on a worker): a link
shared in a channel, a source someone asked about (mention, `/newsbot analyze`, shortcut), an
unfurl. A job is plain data; the asker's response URL is turned back into a `Respond`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.services import Services
from bot.sources import LinkSource, Source, TextSource
from bot.work.job import Job
from bot.work.runtime import Runner
from handlers import messages
from handlers.link_replies import reply_to_link, unfurl
from handlers.replies import Asker, Placement, answer_sources, record_skipped, tell

LINK, SOURCE, UNFURL = "link", "source", "unfurl"


def source_jobs(sources: Sequence[Source], *, key: str, **fields: Any) -> list[Job]:
    """One job per source (so a retry redoes only the one that failed), keyed ``key:N``."""
    return [
        Job(
            kind=SOURCE,
            key=f"{key}:{number}",
            link=source.url if isinstance(source, LinkSource) else None,
            text=source.text if isinstance(source, TextSource) else None,
            **fields,
        )
        for number, source in enumerate(sources)
    ]


def asker_of(job: Job) -> Asker:
    respond = Respond(response_url=job.response_url) if job.response_url else None
    return Asker(user=job.user, channel=job.channel, respond=respond)


def placement_of(job: Job) -> Placement:
    return Placement(thread_ts=job.thread_ts, shared_ts=job.shared_ts, private=job.private)


def source_of(job: Job) -> Source:
    return LinkSource(job.link) if job.link else TextSource(job.text or "", "slack")


def run_link(services: Services, client: WebClient, job: Job, queued: bool) -> None:
    assert job.link is not None
    reply_to_link(services, client, asker_of(job), job.link, placement_of(job), queued=queued)


def run_source(services: Services, client: WebClient, job: Job, queued: bool) -> None:
    answer_sources(
        services, client, [source_of(job)], asker_of(job), placement_of(job), queued=queued
    )


def run_unfurl(services: Services, client: WebClient, job: Job, queued: bool) -> None:
    assert job.link is not None
    unfurl(services, client, job.link, job.extra, queued=queued)


RUNNERS: Mapping[str, Runner] = {LINK: run_link, SOURCE: run_source, UNFURL: run_unfurl}


def tell_failure(services: Services, client: WebClient, job: Job, reason: str | None) -> None:
    """A job out of tries: the person who asked hears why (an unfurl has nobody to tell)."""
    if job.kind == UNFURL:
        return
    what = job.link or "the pasted text"
    said = reason or messages.INTERNAL_REASON
    tell(client, asker_of(job), messages.KEPT_FAILING.format(what=what, reason=said))
    if job.link and job.shared_ts:  # the digest still lists the link, with the reason
        record_skipped(
            services, client, asker_of(job), message_ts=job.shared_ts, link=job.link, reason=said
        )
