"""A fake Slack Web API on 127.0.0.1 (port 0, so tests run in parallel), in the manner of
bolt-python's mock_web_api_server: it records every call with its token and arguments,
answers as Slack documents each method, and can be told to fail a method with an error code,
with 429 and Retry-After, with an HTTP 5xx status, or by dropping the connection unanswered.
`users.conversations` pages by `limit` and `cursor`, for the bot or for a `user` (whose channels
are in `memberships`); `users.info` marks the users in `admins` as workspace admins. Response
URLs (`respond()`) are served under /response/. `oauth.v2.access` exchanges a code that
`expect_install` announced (once) for that workspace's bot token, and `auth.test` names the
workspace a token belongs to (TEAM for any other token).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import pytest

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0000001"
CHANNEL = "C0000001"
USER = "U0000001"
DEFAULT_PAGE_SIZE = 100  # Slack's default `limit` for users.conversations
SERVER_ERROR_PAGE = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
RESPONSE_PATH = "/response/"
UPLOAD_PATH = "/upload/"


@dataclass(frozen=True)
class ApiCall:
    method: str
    token: str | None
    args: dict[str, Any]
    response: dict[str, Any] = field(default_factory=dict)
    status: int = 200
    received_at: float = field(default_factory=time.monotonic)  # when it was answered

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.response.get("ok") is True


@dataclass
class _Failure:
    error: str | None  # None: the answer is `status` (429, a 5xx, or DROP)
    times: int
    status: int = 200
    retry_after: int = 0
    after: int = 0  # calls answered normally first


DROP = -1  # a _Failure status: close the connection without answering


@dataclass
class FakeSlackApi:
    member_channels: list[str] = field(default_factory=lambda: [CHANNEL])
    memberships: dict[str, list[str]] = field(default_factory=lambda: {USER: [CHANNEL]})
    admins: set[str] = field(default_factory=set)
    calls: list[ApiCall] = field(default_factory=list)
    client_id: str = "1111.2222"
    _codes: dict[str, str] = field(default_factory=dict)  # OAuth code -> team id
    _token_teams: dict[str, str] = field(default_factory=dict)  # bot token -> team id
    _failures: dict[str, _Failure] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None

    # --- running -----------------------------------------------------------------------
    def start(self) -> FakeSlackApi:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return self.base_url.replace("/api/", RESPONSE_PATH) + name

    # --- scripting and inspecting ------------------------------------------------------
    def fail(self, method: str, error: str, times: int = 1, after: int = 0) -> None:
        """Answer ``method`` with Slack's ``error`` ``times`` times, after ``after`` successes."""
        with self._lock:
            self._failures[method] = _Failure(error, times, after=after)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        with self._lock:
            self._failures[method] = _Failure(None, times, status=429, retry_after=retry_after)

    def server_error(self, method: str, status: int = 500, times: int = 1) -> None:
        """Answer ``method`` with an HTTP 5xx and an HTML page, as a failing load balancer does."""
        with self._lock:
            self._failures[method] = _Failure(None, times, status=status)

    def drop_connection(self, method: str, times: int = 1) -> None:
        """Close the connection without an answer (the client sees the peer disconnect)."""
        with self._lock:
            self._failures[method] = _Failure(None, times, status=DROP)

    def expect_install(self, code: str, team: str) -> str:
        """Slack's side of an install: ``code`` (once) grants ``team``'s bot token, returned."""
        token = f"xoxb-{team.lower()}-bot"
        with self._lock:
            self._codes[code] = team
            self._token_teams[token] = team
        return token

    def revoke(self, team: str) -> None:
        """The workspace removed the app: its token no longer authenticates."""
        with self._lock:
            for token in [t for t, owner in self._token_teams.items() if owner == team]:
                self._token_teams[token] = ""

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def answered(self, method: str) -> list[ApiCall]:
        """The calls to ``method`` that succeeded (a failed attempt posted nothing)."""
        return [c for c in self.calls_to(method) if c.ok]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[ApiCall]:
        """The calls to ``method`` once there are ``count`` of them (the bot works after its
        ack, in other threads); fails the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} call(s) to {method}, got {self.calls_to(method)}")

    # --- answering ---------------------------------------------------------------------
    def answer(
        self, method: str, token: str | None, args: dict[str, Any]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Record the call with the answer it got, and give that answer."""
        status, headers, body = self._answer(method, token, args)
        with self._lock:
            self.calls.append(ApiCall(method, token, args, body, status))
        return status, headers, body

    def _answer(
        self, method: str, token: str | None, args: dict[str, Any]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            failure = self._failures.get(method)
            if failure is not None and failure.after > 0:
                failure.after -= 1
            elif failure is not None and failure.times > 0:
                failure.times -= 1
                if failure.status == 429:
                    return (
                        429,
                        {"Retry-After": str(failure.retry_after)},
                        {"ok": False, "error": "ratelimited"},
                    )
                if failure.error is None:  # a 5xx or a dropped connection: no JSON answer
                    return failure.status, {}, {"ok": False}
                return 200, {}, {"ok": False, "error": failure.error}
            ts = f"{1_700_000_000 + next(self._ts)}.000100"
        if not token and not method.startswith(("response:", "upload:")):
            return 200, {}, {"ok": False, "error": "not_authed"}
        if method == "oauth.v2.access":
            return 200, {}, self._exchange(str(args.get("code", "")), token)
        if self._token_teams.get(str(token)) == "":
            return 200, {}, {"ok": False, "error": "token_revoked"}
        return 200, {}, {"ok": True, **self._body(method, token, args, ts)}

    def _exchange(self, code: str, credentials: str | None) -> dict[str, Any]:
        """oauth.v2.access: the app's id and secret (HTTP Basic) and a code used once."""
        with self._lock:
            team = self._codes.pop(code, None)
        if not str(credentials).startswith("Basic "):
            return {"ok": False, "error": "invalid_client_id"}
        if team is None:
            return {"ok": False, "error": "invalid_code"}
        return {
            "ok": True,
            "access_token": f"xoxb-{team.lower()}-bot",
            "token_type": "bot",
            "scope": "chat:write,commands",
            "bot_user_id": BOT_USER,
            "app_id": "A0000001",
            "team": {"id": team, "name": f"Newsroom {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": USER},
        }

    def _body(
        self, method: str, token: str | None, args: dict[str, Any], ts: str
    ) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        match method:
            case "auth.test":
                return {
                    "url": "https://newsroom.slack.com/",
                    "team": "Newsroom",
                    "team_id": self._token_teams.get(str(token)) or TEAM,
                    "user": "newsbot",
                    "user_id": BOT_USER,
                    "bot_id": BOT_ID,
                }
            case "chat.postMessage":
                return {
                    "channel": channel,
                    "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts, "bot_id": BOT_ID},
                }
            case "chat.postEphemeral":
                return {"message_ts": ts}
            case "chat.getPermalink":
                stamp = str(args.get("message_ts", "")).replace(".", "")
                return {
                    "channel": channel,
                    "permalink": f"https://newsroom.slack.com/archives/{channel}/p{stamp}",
                }
            case "conversations.info":
                return {"channel": {"id": channel, "name": "newsdesk", "is_member": True}}
            case "users.conversations":
                return self._conversations_page(args)
            case "users.info":
                user = str(args.get("user", ""))
                admin = user in self.admins
                return {"user": {"id": user, "is_admin": admin, "is_owner": False}}
            case "views.publish":
                return {"view": {"id": "V0001", **dict(_json_arg(args.get("view")))}}
            case "files.getUploadURLExternal":
                file_id = f"F{ts.replace('.', '')}"
                upload = self.base_url.replace("/api/", UPLOAD_PATH) + file_id
                return {"upload_url": upload, "file_id": file_id}
            case "files.completeUploadExternal":
                files = _json_arg(args.get("files")) or []
                return {"files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return {}

    def _conversations_page(self, args: dict[str, Any]) -> dict[str, Any]:
        """The bot's channels, or a user's, one page of ``limit`` from ``cursor`` on."""
        user = args.get("user")
        channels = self.memberships.get(str(user), []) if user else self.member_channels
        start = int(str(args.get("cursor") or "page:0").removeprefix("page:"))
        end = start + int(args.get("limit") or DEFAULT_PAGE_SIZE)
        page = [{"id": c, "name": c.lower()} for c in channels[start:end]]
        more = f"page:{end}" if end < len(channels) else ""
        return {"channels": page, "response_metadata": {"next_cursor": more}}


def _json_arg(value: Any) -> Any:
    """Arguments arrive as JSON bodies, or as form fields holding JSON."""
    return json.loads(value) if isinstance(value, str) else (value or {})


def _handler_for(api: FakeSlackApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw_bytes = self.rfile.read(length)
            raw = raw_bytes.decode("utf-8", errors="replace")
            if self.path.startswith(UPLOAD_PATH):
                api.answer("upload:" + self.path[len(UPLOAD_PATH) :], None, {"bytes": raw_bytes})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.startswith(RESPONSE_PATH):
                method, token = "response:" + self.path[len(RESPONSE_PATH) :], None
            else:
                method = self.path.split("/api/", 1)[-1].split("?")[0]
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") or None
            status, headers, body = api.answer(method, token, _parse(raw, self.headers))
            if status == DROP:
                self.close_connection = True
                return
            payload = json.dumps(body).encode() if status < 500 else SERVER_ERROR_PAGE
            self.send_response(status)
            kind = "application/json" if status < 500 else "text/html"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


def _parse(raw: str, headers: Any) -> dict[str, Any]:
    if "application/json" in str(headers.get("Content-Type", "")):
        loaded: dict[str, Any] = json.loads(raw) if raw else {}
        return loaded
    return dict(parse_qsl(raw))


@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi().start()
    yield api
    api.stop()
