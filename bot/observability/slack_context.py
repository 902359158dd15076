"""The Slack requests' entry: the Bolt app puts each request's ids in the log context
(`bot.observability.log_context`) around its whole dispatch, and logs how long the request
took to answer (the ack).

Why around `App.dispatch` rather than in a middleware: Bolt runs its middleware one after the
other, and a middleware's ``next()`` only marks that the chain may go on, so fields set in a
``with`` block there are gone before the listeners start. Around the dispatch, the fields are
in force for every middleware (the replay guard's log lines name the request) and for the
listener runs it submits, which Bolt's pool (`bot.observability.context_pool`) carries into
its threads: every line logged while handling an event names its event id, team and channel.
Only ids: never the message's text, the user's words or a credential.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.observability.log_context import elapsed_ms, log_context

log = logging.getLogger(__name__)


def request_ids(body: Mapping[str, Any], team: str | None, channel: str | None) -> dict[str, str]:
    """An event's ``event_id`` (a command's or shortcut's ``trigger_id``), the team and the
    channel, as far as the request has them."""
    ids = {
        "event_id": body.get("event_id") or body.get("trigger_id"),
        "team": team,
        "channel": channel,
    }
    return {name: str(value) for name, value in ids.items() if value}


class ContextApp(App):
    """A Bolt app whose requests, and the listener runs they start, log with their ids."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        ids = request_ids(req.body, req.context.team_id, req.context.channel_id)
        with log_context(job="listener", **ids):
            response = super().dispatch(req)
            with log_context(duration_ms=elapsed_ms(started)):
                log.info("request answered %s", response.status)
        return response
