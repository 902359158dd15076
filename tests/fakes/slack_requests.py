"""Requests as Slack sends them to an app: its documented payload shapes, signed with the
signing secret exactly as Slack signs (v0, HMAC-SHA256 over "v0:{timestamp}:{body}")."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.fakes.slack_api import BOT_USER, CHANNEL, TEAM, USER

_event_ids = itertools.count(1)
_message_ts = itertools.count(1)
_trigger_ids = itertools.count(1)


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def next_ts() -> str:
    return f"{1_800_000_000 + next(_message_ts)}.000200"


def next_trigger_id() -> str:
    """Slack gives every slash command, shortcut and button press its own trigger_id."""
    return f"{next(_trigger_ids)}.1000000001.5f3c9a"


def message_event(
    text: str, *, channel: str = CHANNEL, user: str = USER, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": next_ts(),
        "channel_type": "channel",
        "team": TEAM,
        **extra,
    }


class SlackSender:
    """Posts signed requests to the app's /slack/events, as Slack would."""

    def __init__(self, base_url: str, signing_secret: str) -> None:
        self.url = base_url.rstrip("/") + "/slack/events"
        self.secret = signing_secret
        self.http = httpx.Client(timeout=10)

    def close(self) -> None:
        self.http.close()

    def send(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        retry_num: int | None = None,
    ) -> httpx.Response:
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(secret or self.secret, stamp, body),
        }
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return self.http.post(self.url, content=body.encode(), headers=headers)

    def replay(self, earlier: httpx.Response) -> httpx.Response:
        """The very request of ``earlier`` again (body, timestamp, signature), as someone who
        captured it would send it."""
        request = earlier.request
        names = ("Content-Type", "X-Slack-Request-Timestamp", "X-Slack-Signature")
        headers = {name: request.headers[name] for name in names}
        return self.http.post(self.url, content=request.content, headers=headers)

    def resend(self, earlier: httpx.Response, timestamp: int) -> httpx.Response:
        """The body of ``earlier`` signed afresh at ``timestamp``, as Slack signs a retry."""
        request = earlier.request
        body = request.content.decode()
        return self.send(body, request.headers["Content-Type"], timestamp=timestamp)

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        team: str = TEAM,
        **options: Any,
    ) -> httpx.Response:
        envelope = {
            "token": "verification-token-unused",
            "team_id": team,
            "api_app_id": "A0000001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": BOT_USER, "is_bot": True}],
        }
        return self.send(json.dumps(envelope), "application/json", **options)

    def command(
        self, text: str, response_url: str, *, channel: str = CHANNEL, user: str = USER
    ) -> httpx.Response:
        form = {
            "token": "verification-token-unused",
            "team_id": TEAM,
            "team_domain": "newsroom",
            "channel_id": channel,
            "channel_name": "newsdesk",
            "user_id": user,
            "user_name": "reporter",
            "command": "/newsbot",
            "text": text,
            "api_app_id": "A0000001",
            "response_url": response_url,
            "trigger_id": next_trigger_id(),
        }
        return self.send(urlencode(form), "application/x-www-form-urlencoded")

    def interactive(self, payload: dict[str, Any]) -> httpx.Response:
        """A shortcut or a button press: the payload as a form field holding JSON."""
        body = urlencode({"payload": json.dumps(payload)})
        return self.send(body, "application/x-www-form-urlencoded")


def message_shortcut(message: dict[str, Any], response_url: str) -> dict[str, Any]:
    return {
        "type": "message_action",
        "callback_id": "analyze_message",
        "trigger_id": next_trigger_id(),
        "team": {"id": TEAM, "domain": "newsroom"},
        "channel": {"id": message["channel"], "name": "newsdesk"},
        "user": {"id": USER, "name": "reporter"},
        "message_ts": message["ts"],
        "message": {
            "type": "message",
            "user": message["user"],
            "ts": message["ts"],
            "text": message["text"],
        },
        "response_url": response_url,
        "token": "verification-token-unused",
    }


def block_action(action_id: str, value: str, user: str = USER) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "newsroom"},
        "user": {"id": user, "name": "reporter"},
        "api_app_id": "A0000001",
        "container": {"type": "view", "view_id": "V0001"},
        "trigger_id": next_trigger_id(),
        "view": {"id": "V0001", "type": "home"},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "action_ts": str(time.time()),
            }
        ],
    }
