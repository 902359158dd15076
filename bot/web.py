"""Serving the Bolt app: HTTP through waitress (a production WSGI server) with Slack's requests
at /slack/events and a health check at /healthz, or Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import logging
from collections.abc import Iterable
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
WORKER_THREADS = 8


def wsgi_app(app: App) -> WSGIApplication:
    slack = SlackRequestHandler(app, path=SLACK_PATH)

    def route(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH:
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        return slack(environ, start_response)

    return route


def serve_http(app: App, port: int, host: str = "0.0.0.0") -> None:  # noqa: S104 (a server)
    log.warning("newsbot listening on http://%s:%d%s", host, port, SLACK_PATH)
    waitress.serve(wsgi_app(app), host=host, port=port, threads=WORKER_THREADS, ident="newsbot")


def serve_socket_mode(app: App, app_token: str) -> None:
    log.warning("newsbot connecting to Slack in Socket Mode")
    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]
