"""Fetch the page behind a link someone shared, without letting the link fetch anything else.

The link comes from anyone in the workspace, so the fetch is bounded on every side: only http
and https, only public addresses (see ``analyzers.ingest.addresses``), a total deadline, a
byte cap on the *decoded* body (`analyzers.ingest.body`), a redirect limit, and only HTML or
plain text. The deadline and its watchdog are `analyzers.ingest.deadline`; following a redirect
(its location, its cookies) is `analyzers.ingest.redirects`. Each refusal raises one of
``analyzers.errors``' FetchError classes with a sentence that can be shown to the person as is
(for transport errors and HTTP statuses, worded in `analyzers.ingest.http_errors`).

Every hop is resolved once, checked, and then requested from the checked IP literal, with the
real name in the ``Host`` header and, for https, in the ``sni_hostname`` extension (so TLS SNI
and certificate checks still use the name). httpx never resolves a name itself, so a second DNS
answer cannot redirect the connection somewhere internal.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from types import TracebackType
from typing import Any

import httpx

from analyzers.errors import (
    FetchTimeout,
    RefusedAddress,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from analyzers.ingest.addresses import check_host_addresses, is_allow_listed
from analyzers.ingest.binary import binary_kind
from analyzers.ingest.body import (
    FetchedPage,
    check_declared_length,
    content_type,
    decoder_for,
    meta_charset,
    read_body,
    sniff,
)
from analyzers.ingest.deadline import Deadline, Watchdog, seconds_text
from analyzers.ingest.http_errors import check_status, connect_failure, translate_errors
from analyzers.ingest.links import WebLink, parse_link
from analyzers.ingest.redirects import cookie_header, keep_cookies, redirect_location
from config.settings import FetchLimits

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]

ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
ACCEPT_LANGUAGE = "en-US,en;q=0.9"
# Only what we decode ourselves, with a bound on the output (see Inflater).
ACCEPT_ENCODING = "gzip, deflate"

REDIRECTED = "The link redirected to an address that"
LOOKUP_THREADS = 4


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


class Fetcher:
    """Fetches shared links for analysis; one instance (and httpx client) per process.

    It takes only what fetching needs (``bot.services`` hands it that slice of the settings):
    the limits, the User-Agent to send, and the ``host``/``host:port`` entries that may be
    fetched although internal. ``fetch`` keeps its state per call, so threads may share one
    Fetcher. ``transport`` and ``resolver`` are seams for tests: an injected real
    ``httpx.HTTPTransport`` should also turn keep-alive off
    (``httpx.Limits(max_keepalive_connections=0)``), for the reasons below.
    """

    def __init__(
        self,
        limits: FetchLimits,
        *,
        user_agent: str,
        allow_hosts: frozenset[str],
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._limits = limits
        self._user_agent = user_agent
        self._allow_hosts = allow_hosts
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
        deadline = Deadline(self._limits)
        target = parse_link(url)
        cookies = httpx.Cookies()
        with Watchdog(deadline) as watchdog:
            for hop in range(self._limits.max_redirects + 1):
                response = self._request(target, deadline, cookies, watchdog, redirected=hop > 0)
                try:
                    location = redirect_location(response)
                    if location is None:
                        return self._read_page(url.strip(), target, response, deadline)
                    keep_cookies(cookies, target, response)
                finally:
                    response.close()
                target = target.join(location, what=REDIRECTED)
                log.debug("redirected to %s", target.url)
        raise TooManyRedirects(f"The link redirected more than {self._limits.max_redirects} times.")

    def _addresses(self, target: WebLink, deadline: Deadline, *, redirected: bool) -> list[str]:
        """Resolve once, check every answer; the request then goes to these exact addresses."""
        if target.is_ip_literal:
            answers = [target.host]
        else:
            answers = self._resolve(target, deadline)
            if not answers:
                raise Unreachable(f"Could not resolve host {target.host}; check the link.")
        allowed = is_allow_listed(target.host, target.port, self._allow_hosts)
        return check_host_addresses(
            target.host, answers, allow_internal=allowed, redirected=redirected
        )

    def _resolve(self, target: WebLink, deadline: Deadline) -> list[str]:
        lookup = self._lookups.submit(self._resolver, target.host, target.port)
        try:
            return lookup.result(timeout=deadline.remaining())
        except FutureTimeout:
            lookup.cancel()
            raise FetchTimeout(
                f"Looking up {target.host} took longer than {seconds_text(deadline.seconds)}."
            ) from None
        except (OSError, UnicodeError):
            return []

    def _request(
        self,
        target: WebLink,
        deadline: Deadline,
        cookies: httpx.Cookies,
        watchdog: Watchdog,
        *,
        redirected: bool,
    ) -> httpx.Response:
        """Send to each checked address in turn until one accepts the connection."""
        failure: httpx.ConnectError | None = None
        for ip in self._addresses(target, deadline, redirected=redirected):
            request = self._build(target, ip, deadline, cookies, watchdog)
            with translate_errors(target, deadline):
                try:
                    return self._client.send(request, stream=True)
                except httpx.ConnectError as exc:
                    log.debug("could not connect to %s at %s: %s", target.host, ip, exc)
                    failure = exc
        raise connect_failure(target, failure)

    def _build(
        self,
        target: WebLink,
        ip: str,
        deadline: Deadline,
        cookies: httpx.Cookies,
        watchdog: Watchdog,
    ) -> httpx.Request:
        headers = {
            "Host": target.authority,
            "User-Agent": self._user_agent,
            "Accept": ACCEPT,
            "Accept-Language": ACCEPT_LANGUAGE,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        cookie = cookie_header(cookies, target)
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
        self, url: str, target: WebLink, response: httpx.Response, deadline: Deadline
    ) -> FetchedPage:
        check_status(response)
        media_type, charset = content_type(response)
        decoder = decoder_for(response)
        check_declared_length(response, self._limits.max_bytes)
        with translate_errors(target, deadline):
            body = read_body(response, decoder, self._limits.max_bytes, deadline)
        if kind := binary_kind(body):
            raise UnsupportedContent(f"The link leads to {kind}, not a web page.")
        if not media_type:
            media_type = sniff(body)
        if charset is None and media_type != "text/plain":
            charset = meta_charset(body)
        return FetchedPage(
            url=url,
            final_url=str(target.url),
            status=response.status_code,
            content_type=media_type,
            body=body,
            encoding=charset,
        )
