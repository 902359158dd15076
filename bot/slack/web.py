"""Serving the Bolt app: HTTP through waitress (a production WSGI server) with Slack's requests
at /slack/events, a liveness check at /healthz (always 200 while the process serves) and a
readiness check at /readyz (200, or 503 with one line per failing check), or Socket Mode when
SLACK_APP_TOKEN is set."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import waitress
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
WORKER_THREADS = 8
# Slack's largest payloads (a 40,000-character message with 50 blocks, JSON-escaped) stay far
# below this; the server refuses a bigger body (413) before reading it, so an unsigned request
# cannot make the process buffer gigabytes before Bolt checks its signature.
MAX_REQUEST_BYTES = 4_000_000

Readiness = Callable[[], list[str]]  # the failing checks, one short line each; [] when ready


def wsgi_app(app: App, readiness: Readiness) -> WSGIApplication:
    slack = SlackRequestHandler(app, path=SLACK_PATH)

    def route(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == HEALTH_PATH:
            return _plain(start_response, "200 OK", ["ok"])
        if path == READY_PATH:
            problems = readiness()
            if problems:
                return _plain(start_response, "503 Service Unavailable", problems)
            return _plain(start_response, "200 OK", ["ready"])
        return slack(environ, start_response)

    return route


def _plain(start_response: StartResponse, status: str, lines: list[str]) -> list[bytes]:
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")]
    start_response(status, headers)
    return ["".join(f"{line}\n" for line in lines).encode()]


def serve_http(
    app: App,
    readiness: Readiness,
    port: int,
    host: str = "0.0.0.0",  # noqa: S104 (a server)
) -> None:
    log.warning("newsbot listening on http://%s:%d%s", host, port, SLACK_PATH)
    waitress.serve(
        wsgi_app(app, readiness),
        host=host,
        port=port,
        threads=WORKER_THREADS,
        ident="newsbot",
        max_request_body_size=MAX_REQUEST_BYTES,
    )


def serve_socket_mode(app: App, app_token: str) -> None:
    log.warning("newsbot connecting to Slack in Socket Mode")
    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]
