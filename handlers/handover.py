"""After the ack: answer at once what needs no analysis (the fast lane), hand the rest over as
jobs, and tell the person when the queue is busy or full.

The fast lane (an "already shared" pointer, a cached analysis) never waits behind analyses:
the listener posts it itself. Everything else goes to the dispatcher, one job per source, so
that a retry redoes only the source that failed.
"""

from __future__ import annotations

import math

from slack_sdk import WebClient

from bot.services import Services
from bot.work.dispatch import Admission, Dispatcher
from bot.work.job import Job
from handlers import messages
from handlers.job_runners import LINK, UNFURL, asker_of, placement_of, source_of
from handlers.link_replies import cached_analysis, point_to_earlier, unfurl
from handlers.replies import answer_with, tell


def hand_over(services: Services, client: WebClient, dispatcher: Dispatcher, job: Job) -> None:
    """Answer ``job`` now if it needs no analysis, else dispatch it."""
    if not answered_at_once(services.for_team(job.team_id), client, job):
        dispatch(client, dispatcher, job)


def answered_at_once(services: Services, client: WebClient, job: Job) -> bool:
    asker, placement = asker_of(job), placement_of(job)
    if job.kind == UNFURL:
        return job.link is not None and unfurl(
            services, client, job.link, job.extra, cached_only=True
        )
    if (
        job.kind == LINK
        and job.link
        and point_to_earlier(services, client, asker, job.link, placement)
    ):
        return True
    analysis = cached_analysis(services, source_of(job))
    if analysis is None:
        return False
    answer_with(services, client, analysis, job.link, asker, placement=placement)
    return True


def dispatch(client: WebClient, dispatcher: Dispatcher, job: Job) -> None:
    outcome = dispatcher.submit(job, client)
    what = job.link or "the pasted text"
    asker = asker_of(job)
    if outcome.admission is Admission.BUSY and job.kind != UNFURL:
        minutes = max(1, math.ceil(outcome.wait_seconds / 60))
        tell(client, asker, messages.BUSY.format(waiting=outcome.waiting, minutes=minutes))
    elif outcome.admission is Admission.REFUSED and job.kind != UNFURL:
        tell(client, asker, messages.TOO_BUSY.format(what=what, waiting=outcome.waiting))
    elif outcome.admission is Admission.UNAVAILABLE and job.kind != UNFURL:
        tell(client, asker, messages.QUEUE_UNAVAILABLE.format(what=what))
