"""A real HTTP server on 127.0.0.1 that serves canned pages to the code under test.

Tests that fetch links should go through real sockets and real HTTP parsing, not mocks of
httpx: that is where timeouts, redirects, compression and size caps actually happen. The
server listens on port 0, so every test gets its own port and tests can run in parallel, and it
records each request it receives, so a test can assert what was (or was not) sent.

    with PageServer() as server:
        url = server.add("/story", "<html>...</html>")
        server.redirect("/short", "/story")
        ...
        assert server.requests[0].headers["user-agent"].startswith("Mozilla/")

or take the ``page_server`` fixture. Fetching code must allow-list ``server.host_port``
(``Settings(allow_hosts=frozenset({server.host_port}))``): loopback is refused otherwise.
"""

from __future__ import annotations

import gzip as gzip_module
import ssl
import threading
from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Literal

import pytest

Framing = Literal["length", "chunked", "close"]


@dataclass(frozen=True)
class Route:
    """How to answer one path.

    ``delay`` pauses before the status line (a slow server); ``header_delay`` pauses before
    each header line (a server dripping its headers); ``chunk_size`` with ``chunk_delay`` sends
    the body in pieces with a pause between them. ``framing`` picks how the body's end is
    marked: Content-Length, chunked transfer encoding, or closing the connection. Headers given
    in ``headers`` replace the generated ones, so a test can send a false Content-Length.
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    header_delay: float = 0.0
    gzip: bool = False
    chunk_size: int | None = None
    chunk_delay: float = 0.0
    framing: Framing = "length"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; header names are lower-case."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes = b""


NOT_FOUND = Route(status=404, body=b"<html><body>not found</body></html>")


class PageServer:
    """A threaded HTTP/1.1 server on an ephemeral loopback port with registered routes."""

    def __init__(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> None:
        """``tls``: a server-side context with a certificate loaded, to serve https."""
        self._host = host
        self._tls = tls
        self._routes: dict[str, Route] = {}
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> PageServer:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self._host, 0), _Handler, self)
        if self._tls is not None:
            # Handshake lazily in the request's thread, so a client that fails it (a
            # certificate test) cannot stall the accept loop.
            self._server.socket = self._tls.wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False
            )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"page-server-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; requests still sleeping in a delay are woken and dropped."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> PageServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the page server is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def host_port(self) -> str:
        """``127.0.0.1:PORT``: the entry to put in ``Settings.allow_hosts``."""
        return f"{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        scheme = "https" if self._tls is not None else "http"
        return f"{scheme}://{self.host_port}"

    def url(self, path: str = "/") -> str:
        return f"{self.base_url}{path}"

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        header_delay: float = 0.0,
        gzip: bool = False,
        chunk_size: int | None = None,
        chunk_delay: float = 0.0,
        framing: Framing = "length",
    ) -> str:
        """Serve ``body`` at ``path`` (str bodies are UTF-8); returns the full URL.

        ``path`` may include a query string to match only that exact query; otherwise any
        query matches. ``content_type=None`` sends no Content-Type header at all.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(
            status=status,
            body=data,
            content_type=content_type,
            headers=dict(headers or {}),
            delay=delay,
            header_delay=header_delay,
            gzip=gzip,
            chunk_size=chunk_size,
            chunk_delay=chunk_delay,
            framing=framing,
        )
        return self.add_route(path, route)

    def add_route(self, path: str, route: Route) -> str:
        if not path.startswith("/"):
            raise ValueError(f"paths start with '/': {path!r}")
        with self._lock:
            self._routes[path] = route
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """Answer ``path`` with a redirect to ``location`` (sent as given: relative or absolute)."""
        return self.add(path, status=status, content_type=None, headers={"Location": location})

    @property
    def requests(self) -> tuple[RecordedRequest, ...]:
        with self._lock:
            return tuple(self._requests)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """Requests whose path (without the query) is ``path``."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def _route_for(self, path: str) -> Route:
        with self._lock:
            return self._routes.get(path) or self._routes.get(path.split("?", 1)[0], NOT_FOUND)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _pause(self, seconds: float) -> bool:
        """Sleep, unless the server is stopping; False means stop answering."""
        return seconds <= 0 or not self._stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], handler: type[_Handler], pages: PageServer
    ) -> None:
        self.pages = pages
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-answer is what timeout tests do; it is not an error."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_POST(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: pytest output is for failures."""

    def _answer(self, *, send_body: bool) -> None:
        pages = self.server.pages
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        pages._record(RecordedRequest(self.command, self.path, headers, received))
        route = pages._route_for(self.path)
        self.close_connection = True
        with suppress(OSError):  # the client hung up: exactly what some tests make it do
            self._send(pages, route, send_body=send_body)

    def _send(self, pages: PageServer, route: Route, *, send_body: bool) -> None:
        if not pages._pause(route.delay):
            return
        body = gzip_module.compress(route.body) if route.gzip else route.body
        for line in self._head_lines(route, body):
            if not pages._pause(route.header_delay):
                return
            self.wfile.write(line.encode("latin-1"))
            self.wfile.flush()
        self.wfile.write(b"\r\n")
        self.wfile.flush()
        if send_body:
            self._send_body(pages, route, body)

    def _head_lines(self, route: Route, body: bytes) -> list[str]:
        try:
            phrase = HTTPStatus(route.status).phrase
        except ValueError:
            phrase = "Unknown"
        generated: dict[str, tuple[str, str]] = {"connection": ("Connection", "close")}
        if route.content_type is not None:
            generated["content-type"] = ("Content-Type", route.content_type)
        if route.gzip:
            generated["content-encoding"] = ("Content-Encoding", "gzip")
        if route.framing == "length":
            generated["content-length"] = ("Content-Length", str(len(body)))
        elif route.framing == "chunked":
            generated["transfer-encoding"] = ("Transfer-Encoding", "chunked")
        for name, value in route.headers.items():
            generated[name.lower()] = (name, value)
        status_line = f"HTTP/1.1 {route.status} {phrase}\r\n"
        return [status_line, *(f"{name}: {value}\r\n" for name, value in generated.values())]

    def _send_body(self, pages: PageServer, route: Route, body: bytes) -> None:
        chunked = route.framing == "chunked"
        for index, piece in enumerate(_pieces(body, route.chunk_size)):
            if index and not pages._pause(route.chunk_delay):
                return
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            self.wfile.flush()
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()


def _pieces(body: bytes, size: int | None) -> Iterator[bytes]:
    if not size:
        if body:
            yield body
        return
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    """A running PageServer for one test, stopped afterwards."""
    with PageServer() as server:
        yield server
