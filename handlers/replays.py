"""A global middleware that answers a replayed signed request with 401 before any listener runs.

Bolt's own middleware has checked the signature and its timestamp by then, so only genuine
Slack requests are remembered. Slack's retries of an event are signed afresh and pass here (the
event ledger makes them run once). Socket Mode requests come over Slack's own connection,
unsigned: they pass through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse

from bot.storage.replays import SignatureLedger

log = logging.getLogger(__name__)


def register_replay_guard(app: App, ledger: SignatureLedger) -> None:
    @app.middleware
    def refuse_replays(req: BoltRequest, next_: Callable[[], None]) -> BoltResponse | None:
        signature = req.headers.get("x-slack-signature", [""])[0]
        if req.mode == "socket_mode" or not signature or ledger.first_use(signature):
            next_()
            return None
        log.warning(
            "refused a replayed Slack request (%s, signed at %s)",
            req.body.get("command") or req.body.get("type") or "unknown kind",
            req.headers.get("x-slack-request-timestamp", ["?"])[0],
        )
        return BoltResponse(status=401, body={"error": "replayed request"})
