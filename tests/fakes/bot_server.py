"""The real Bolt app served over HTTP on 127.0.0.1 (port 0) by the same WSGI server as in
production, for tests that send it signed requests."""

from __future__ import annotations

import threading
from typing import Any

import waitress
from slack_bolt import App

from bot.services import Services
from bot.slack.readiness import readiness_problems
from bot.slack.web import MAX_REQUEST_BYTES, wsgi_app

NO_READINESS = "readiness: this test server was given no services to check"


class RunningBot:
    def __init__(self, app: App, services: Services | None = None) -> None:
        """``services``: what /readyz checks; without them, /readyz answers 503."""
        ready = (lambda: readiness_problems(services)) if services else (lambda: [NO_READINESS])
        self._server: Any = waitress.create_server(  # type: ignore[attr-defined]
            wsgi_app(app, ready),
            host="127.0.0.1",
            port=0,
            threads=4,
            ident="newsbot-test",
            max_request_body_size=MAX_REQUEST_BYTES,
            asyncore_loop_timeout=0.05,
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.effective_port}"

    def start(self) -> RunningBot:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close from inside the server's own loop (closing from here would pull sockets out
        from under its select() call); the loop ends when nothing is left to watch."""
        self._server.trigger.pull_trigger(self._close_everything)
        self._thread.join(timeout=5)

    def _close_everything(self) -> None:
        self._server.close()
        for channel in list(self._server._map.values()):
            channel.close()
