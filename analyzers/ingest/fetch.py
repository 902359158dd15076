"""Fetch the page behind a link someone shared, without letting the link fetch anything else.

The link comes from anyone in the workspace, so the fetch is bounded on every side: only http
and https, only public addresses (see ``analyzers.ingest.addresses``), a total deadline, a
byte cap on the *decoded* body, a redirect limit, and only HTML or plain text. Each refusal
raises one of ``analyzers.errors``' FetchError classes with a sentence that can be shown to the
person as is.

Every hop is resolved once, checked, and then requested from the checked IP literal, with the
real name in the ``Host`` header and, for https, in the ``sni_hostname`` extension (so TLS SNI
and certificate checks still use the name). httpx never resolves a name itself, so a second DNS
answer cannot redirect the connection somewhere internal.
"""

from __future__ import annotations

import codecs
import logging
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any

import charset_normalizer
import httpx

from analyzers.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RefusedAddress,
    TooLarge,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from analyzers.ingest.addresses import check_host_addresses, is_allow_listed
from analyzers.ingest.binary import binary_kind
from analyzers.ingest.links import WebLink, parse_link
from config.settings import FetchLimits, Settings

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
ACCEPT_LANGUAGE = "en-US,en;q=0.9"
# Only what we decode ourselves, with a bound on the output (see _Inflater).
ACCEPT_ENCODING = "gzip, deflate"

REDIRECTED = "The link redirected to an address that"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_STATUS_HINTS = {
    401: "the page needs a login",
    402: "often a paywall",
    403: "often a paywall or a block on bots",
    410: "the page was removed",
    429: "the site is limiting requests; try again later",
}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<title)", re.I)
_PIECE = 64 * 1024
LOOKUP_THREADS = 4


@dataclass(frozen=True)
class FetchedPage:
    """A page as received: ``final_url`` names the host (never the IP) after redirects.

    ``encoding`` is the charset the page declared (Content-Type header, else an HTML ``<meta>``),
    or None when it declared none; ``text()`` copes either way.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None

    def text(self) -> str:
        """The body as text: BOM, then declared charset, then UTF-8, then a detected charset."""
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
            if self.body.startswith(bom):
                return self.body.decode(name, errors="replace")
        if self.body.startswith(codecs.BOM_UTF16_BE):
            return self.body.decode("utf-16", errors="replace")
        if self.encoding and (codec := _codec_name(self.encoding)):
            return self.body.decode(codec, errors="replace")
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(self.body).best()
            return str(best) if best is not None else self.body.decode("utf-8", errors="replace")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


class _Deadline:
    """The one clock for a whole fetch: every hop and the body share ``total_timeout``."""

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        self.seconds = limits.total_timeout
        self._end = time.monotonic() + limits.total_timeout

    def remaining(self) -> float:
        return max(self._end - time.monotonic(), 0.0)

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self._end

    def timeout(self) -> httpx.Timeout:
        """Per-operation timeouts for the next hop, none running past the deadline."""
        left = max(self.remaining(), 0.001)
        connect = min(self.limits.connect_timeout, left)
        read = min(self.limits.read_timeout, left)
        return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


class _Watchdog:
    """Cuts the current connection when the deadline passes.

    Socket timeouts restart with every read, so a server that drips its headers or body a few
    bytes at a time would hold the fetch far beyond the deadline. Shutting the socket down from
    a timer thread wakes the blocked read at once. The socket is learnt from httpcore's ``trace``
    extension; with keep-alive off, every request opens (and so reports) a fresh connection.
    """

    _EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})

    def __init__(self, deadline: _Deadline) -> None:
        self._lock = threading.Lock()
        self._stream: Any = None
        self._fired = False
        self._timer = threading.Timer(deadline.remaining(), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in self._EVENTS:
            with self._lock:
                self._stream = info.get("return_value")
                if self._fired:
                    self._cut()

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            self._cut()

    def _cut(self) -> None:
        sock = self._stream.get_extra_info("socket") if self._stream is not None else None
        if isinstance(sock, socket.socket):
            # The plain socket method: SSLSocket.shutdown would also drop the TLS object that
            # the reading thread is using; shutting down TCP is enough to end its read.
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Inflater:
    """gzip/deflate decoding that never produces more than ``_PIECE`` bytes per step.

    httpx's decoders inflate each network chunk in full, so 64 KB of a gzip bomb can become
    64 MB in memory before any size check runs; here the caller sees small pieces and can stop.
    """

    def __init__(self, encoding: str) -> None:
        self._raw_fallback = encoding == "deflate"
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | (0 if self._raw_fallback else 32))
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self._started:
            self._started = True
            data = self._first(data)
        while data:
            piece = self._zlib.decompress(data, _PIECE)
            data = self._zlib.unconsumed_tail
            yield piece

    def _first(self, data: bytes) -> bytes:
        """Some servers send raw deflate under ``deflate``; detect it as browsers do."""
        if not self._raw_fallback:
            return data
        try:
            zlib.decompressobj().decompress(data[:64], 1)
        except zlib.error:
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        return data

    def flush(self) -> bytes:
        return self._zlib.flush(_PIECE)


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def flush(self) -> bytes:
        return b""


class Fetcher:
    """Fetches shared links for analysis; one instance (and httpx client) per process.

    ``fetch`` keeps its state per call, so threads may share one Fetcher. ``transport`` and
    ``resolver`` are seams for tests: an injected real ``httpx.HTTPTransport`` should also turn
    keep-alive off (``httpx.Limits(max_keepalive_connections=0)``), for the reasons below.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._settings = settings
        self._limits = settings.fetch
        self._resolver = resolver or system_resolver
        # getaddrinfo has no timeout of its own: lookups run here, and the fetch waits for one
        # no longer than its deadline (a stuck lookup ends on the system's own timeout).
        self._lookups = ThreadPoolExecutor(max_workers=LOOKUP_THREADS, thread_name_prefix="dns")
        # Keep-alive off: the pool is keyed by IP, and a kept TLS connection negotiated for one
        # host name must not carry a request for another name served from the same address.
        # trust_env off: a proxy from the environment would connect on our behalf, unchecked.
        self._client = httpx.Client(
            transport=transport
            or httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0)),
            trust_env=False,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()
        self._lookups.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(self, url: str) -> FetchedPage:
        """The page behind ``url``, or a FetchError/InvalidSource/TooLarge that says why not."""
        deadline = _Deadline(self._limits)
        target = parse_link(url)
        cookies = httpx.Cookies()
        with _Watchdog(deadline) as watchdog:
            for hop in range(self._limits.max_redirects + 1):
                response = self._request(target, deadline, cookies, watchdog, redirected=hop > 0)
                try:
                    location = _redirect_location(response)
                    if location is None:
                        return self._read_page(url.strip(), target, response, deadline)
                    _keep_cookies(cookies, target, response)
                finally:
                    response.close()
                target = target.join(location, what=REDIRECTED)
                log.debug("redirected to %s", target.url)
        raise TooManyRedirects(f"The link redirected more than {self._limits.max_redirects} times.")

    def _addresses(self, target: WebLink, deadline: _Deadline, *, redirected: bool) -> list[str]:
        """Resolve once, check every answer; the request then goes to these exact addresses."""
        if target.is_ip_literal:
            answers = [target.host]
        else:
            answers = self._resolve(target, deadline)
            if not answers:
                raise Unreachable(f"Could not resolve host {target.host}; check the link.")
        allowed = is_allow_listed(target.host, target.port, self._settings.allow_hosts)
        return check_host_addresses(
            target.host, answers, allow_internal=allowed, redirected=redirected
        )

    def _resolve(self, target: WebLink, deadline: _Deadline) -> list[str]:
        lookup = self._lookups.submit(self._resolver, target.host, target.port)
        try:
            return lookup.result(timeout=deadline.remaining())
        except FutureTimeout:
            lookup.cancel()
            raise FetchTimeout(
                f"Looking up {target.host} took longer than {_seconds(deadline.seconds)}."
            ) from None
        except (OSError, UnicodeError):
            return []

    def _request(
        self,
        target: WebLink,
        deadline: _Deadline,
        cookies: httpx.Cookies,
        watchdog: _Watchdog,
        *,
        redirected: bool,
    ) -> httpx.Response:
        """Send to each checked address in turn until one accepts the connection."""
        failure: httpx.ConnectError | None = None
        for ip in self._addresses(target, deadline, redirected=redirected):
            request = self._build(target, ip, deadline, cookies, watchdog)
            with _translate_errors(target, deadline):
                try:
                    return self._client.send(request, stream=True)
                except httpx.ConnectError as exc:
                    log.debug("could not connect to %s at %s: %s", target.host, ip, exc)
                    failure = exc
        raise _connect_failure(target, failure)

    def _build(
        self,
        target: WebLink,
        ip: str,
        deadline: _Deadline,
        cookies: httpx.Cookies,
        watchdog: _Watchdog,
    ) -> httpx.Request:
        headers = {
            "Host": target.authority,
            "User-Agent": self._settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Language": ACCEPT_LANGUAGE,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        cookie = _cookie_header(cookies, target)
        if cookie:
            headers["Cookie"] = cookie
        extensions: dict[str, Any] = {
            "timeout": deadline.timeout().as_dict(),
            "trace": watchdog.trace,
        }
        if target.url.scheme == "https":
            extensions["sni_hostname"] = target.host
        try:
            at_ip = target.url.copy_with(host=ip, port=target.port, fragment=None)
            return httpx.Request("GET", at_ip, headers=headers, extensions=extensions)
        except httpx.InvalidURL:
            raise RefusedAddress(f"Could not build a request to {target.host} at {ip}.") from None

    def _read_page(
        self, url: str, target: WebLink, response: httpx.Response, deadline: _Deadline
    ) -> FetchedPage:
        _check_status(response)
        media_type, charset = _content_type(response)
        decoder = _decoder(response)
        _check_declared_length(response, self._limits.max_bytes)
        with _translate_errors(target, deadline):
            body = _read_body(response, decoder, self._limits.max_bytes, deadline)
        if kind := binary_kind(body):
            raise UnsupportedContent(f"The link leads to {kind}, not a web page.")
        if not media_type:
            media_type = _sniff(body)
        if charset is None and media_type != "text/plain":
            charset = _meta_charset(body)
        return FetchedPage(
            url=url,
            final_url=str(target.url),
            status=response.status_code,
            content_type=media_type,
            body=body,
            encoding=charset,
        )


@contextmanager
def _translate_errors(target: WebLink, deadline: _Deadline) -> Iterator[None]:
    """httpx's transport errors as sentences; ConnectError is left to the address fallback."""
    try:
        yield
    except httpx.ConnectError:
        raise
    except httpx.TransportError as exc:
        limits = deadline.limits
        if deadline.expired:
            raise _timeout(deadline) from None
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            raise FetchTimeout(
                f"Could not connect to {target.host} within {_seconds(limits.connect_timeout)}."
            ) from None
        if isinstance(exc, httpx.TimeoutException):
            raise FetchTimeout(
                f"The site did not answer within {_seconds(limits.read_timeout)}."
            ) from None
        raise Unreachable(
            f"The connection to {target.host} broke off before the page was received."
        ) from None


def _timeout(deadline: _Deadline) -> FetchTimeout:
    return FetchTimeout(f"The site did not answer within {_seconds(deadline.seconds)}.")


def _connect_failure(target: WebLink, failure: httpx.ConnectError | None) -> FetchError:
    if failure is not None and "CERTIFICATE_VERIFY_FAILED" in str(failure):
        return Unreachable(f"The site {target.host} has an invalid security certificate.")
    return Unreachable(f"Could not connect to {target.host}.")


def _redirect_location(response: httpx.Response) -> str | None:
    if response.status_code in _REDIRECT_STATUSES:
        return response.headers.get("location") or None
    return None


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = response.reason_phrase
    hint = _STATUS_HINTS.get(status)
    if hint is None and status >= 500:
        hint = "a problem on the site's side; try again later"
    elif hint is None and status in _REDIRECT_STATUSES:
        hint = "without saying where to"
    said = f"{status} {phrase}".strip()
    raise HTTPStatusError(f"The site answered {said}{f' ({hint})' if hint else ''}.", status)


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    """(media type, charset); an empty media type means the site did not say."""
    header = response.headers.get("content-type", "")
    media_type, _, params = header.partition(";")
    media_type = media_type.strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise UnsupportedContent(f"The link is not a web page (content type {media_type[:80]}).")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = _codec_name(value.strip().strip("\"'"))
    return media_type, charset


def _decoder(response: httpx.Response) -> _Inflater | _Identity:
    encodings = [
        part.strip().lower()
        for part in response.headers.get("content-encoding", "").split(",")
        if part.strip().lower() not in {"", "identity"}
    ]
    if not encodings:
        return _Identity()
    if len(encodings) == 1 and encodings[0] in {"gzip", "x-gzip", "deflate"}:
        return _Inflater(encodings[0])
    raise UnsupportedContent(
        f"The site sent the page compressed as {', '.join(encodings)[:60]}, "
        "which newsbot cannot read."
    )


def _check_declared_length(response: httpx.Response, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The page is larger than {_size(limit)}.")


def _read_body(
    response: httpx.Response, decoder: _Inflater | _Identity, limit: int, deadline: _Deadline
) -> bytes:
    """The decoded body, stopped as soon as it passes ``limit`` bytes or the deadline."""
    body = bytearray()
    chunks: Iterator[bytes] = response.iter_raw()
    if response.is_stream_consumed:
        # Some injected transports (httpx.MockTransport given ``content=``) hand over a body
        # already read and decoded by httpx; it can only be capped after the fact.
        chunks, decoder = iter([response.content]), _Identity()
    try:
        for chunk in chunks:
            for piece in decoder.feed(chunk):
                body += piece
                if len(body) > limit:
                    raise TooLarge(f"The page is larger than {_size(limit)}.")
            if deadline.expired:
                raise _timeout(deadline)
        body += decoder.flush()
    except zlib.error:
        raise FetchError("The site sent a damaged compressed page.") from None
    if len(body) > limit:
        raise TooLarge(f"The page is larger than {_size(limit)}.")
    if deadline.expired:
        raise _timeout(deadline)
    return bytes(body)


def _sniff(body: bytes) -> str:
    """An unlabelled body is accepted only if it plainly starts like HTML.

    Guessing "text" for anything without NUL bytes would let PDFs, archives and the like
    through to the extractor; a real article page without a Content-Type is rare and HTML.
    """
    if _HTML_START.match(body.removeprefix(codecs.BOM_UTF8)[:1024]):
        return "text/html"
    raise UnsupportedContent(
        "The site did not say what the link is, and it does not look like a web page."
    )


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:2048])
    return _codec_name(match.group(1).decode("ascii")) if match else None


def _codec_name(label: str) -> str | None:
    """Python's codec for a charset label, or None if unknown.

    As in browsers, Latin-1 and ASCII labels mean windows-1252: sites declaring them routinely
    send curly quotes and dashes in the 0x80-0x9F range.
    """
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name in {"iso8859-1", "latin-1", "ascii"} else name


def _keep_cookies(cookies: httpx.Cookies, target: WebLink, response: httpx.Response) -> None:
    """Remember cookies set during redirects, keyed by host name (the request went to the IP).

    Some news sites set a cookie and redirect to themselves to check it; without this they
    redirect forever. Cookies live for one fetch only, so nothing leaks between links.
    """
    if "set-cookie" in response.headers:
        named = httpx.Request("GET", target.url)
        cookies.extract_cookies(httpx.Response(302, headers=response.headers, request=named))


def _cookie_header(cookies: httpx.Cookies, target: WebLink) -> str | None:
    if not cookies:
        return None
    request = httpx.Request("GET", target.url)
    cookies.set_cookie_header(request)
    cookie: str | None = request.headers.get("cookie")
    return cookie


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} kB"
    return f"{limit} bytes"
