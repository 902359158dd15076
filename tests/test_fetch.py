"""The link fetcher: real HTTP over loopback for behaviour, injected DNS for the address policy.

No test sends a packet beyond 127.0.0.1: public and internal addresses are only ever "resolved"
by an injected resolver and "served" by an httpx.MockTransport, and the refusal tests use a
transport that fails the test if it is reached at all.
"""

from __future__ import annotations

import datetime
import gzip
import socket
import ssl
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import FrozenInstanceError
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from analyzers.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidSource,
    RefusedAddress,
    TooLarge,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from analyzers.ingest.addresses import check_host_addresses, is_allow_listed, is_public_address
from analyzers.ingest.body import FetchedPage
from analyzers.ingest.fetch import Fetcher, Resolver
from bot.services import make_fetcher
from config.settings import DEFAULT_USER_AGENT, FetchLimits, Settings
from tests.fakes.web_pages import PageServer

HTML = "<!doctype html><html><head><title>T</title></head><body><p>Story</p></body></html>"

INTERNAL_ADDRESSES = [
    "169.254.169.254",  # cloud metadata
    "10.0.0.5",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",  # shared address space
    "127.0.0.1",
    "0.0.0.0",
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",  # site-local
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::",
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2001:db8::1",  # documentation
]
PUBLIC_ADDRESSES = ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]


# --- helpers -------------------------------------------------------------------------------


def new_fetcher(
    *allowed: str,
    limits: FetchLimits | None = None,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver | None = None,
) -> Fetcher:
    """A Fetcher with the default limits and User-Agent, allow-listing ``allowed`` only."""
    return Fetcher(
        limits or FetchLimits(),
        user_agent=DEFAULT_USER_AGENT,
        allow_hosts=frozenset(allowed),
        transport=transport,
        resolver=resolver,
    )


def fetch_from(server: PageServer, path: str, **limits: float) -> FetchedPage:
    overridden = FetchLimits(**limits)  # type: ignore[arg-type]
    with new_fetcher(server.host_port, limits=overridden) as fetcher:
        return fetcher.fetch(server.url(path))


class FakeDNS:
    """An injected resolver: a fixed table, and a log of the lookups made."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.lookups: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append((host, port))
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.table[host]


class Recorder:
    """An httpx.MockTransport handler that records requests and answers from a function."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self._answer = answer or (lambda _request: page_response(HTML))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._answer(request)


def page_response(
    body: str | bytes, content_type: str = "text/html; charset=utf-8", **headers: str
) -> httpx.Response:
    """A streamed response, as a real transport gives (``content=`` would be pre-read)."""
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(
        200,
        headers={"Content-Type": content_type, "Content-Length": str(len(content)), **headers},
        stream=httpx.ByteStream(content),
    )


def must_not_connect(request: httpx.Request) -> httpx.Response:
    pytest.fail(f"a request reached the transport: {request.method} {request.url}")


def mock_fetcher(
    dns: dict[str, list[str]],
    handler: Callable[[httpx.Request], httpx.Response] = must_not_connect,
    limits: FetchLimits | None = None,
) -> tuple[Fetcher, FakeDNS]:
    resolver = FakeDNS(dns)
    fetcher = new_fetcher(limits=limits, transport=httpx.MockTransport(handler), resolver=resolver)
    return fetcher, resolver


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --- address policy (pure) -----------------------------------------------------------------


@pytest.mark.parametrize("ip", INTERNAL_ADDRESSES)
def test_internal_addresses_are_not_public(ip: str) -> None:
    assert not is_public_address(ip)


@pytest.mark.parametrize("ip", PUBLIC_ADDRESSES)
def test_global_addresses_are_public(ip: str) -> None:
    assert is_public_address(ip)


@pytest.mark.parametrize("value", ["", "example.com", "1.2.3", "fe80::1%eth0", "::1::2"])
def test_non_addresses_and_scoped_addresses_are_not_public(value: str) -> None:
    assert not is_public_address(value)


def test_check_refuses_a_host_if_any_of_its_addresses_is_internal() -> None:
    with pytest.raises(RefusedAddress, match=r"private or internal address \(10\.0\.0\.5\)"):
        check_host_addresses("news.example", ["8.8.8.8", "10.0.0.5"])


def test_check_returns_addresses_deduplicated_with_mapped_ipv6_as_ipv4() -> None:
    answers = ["8.8.8.8", "::ffff:8.8.8.8", "2001:4860:4860::8888"]
    assert check_host_addresses("dns.example", answers) == ["8.8.8.8", "2001:4860:4860::8888"]


def test_check_lets_allow_listed_hosts_use_internal_addresses() -> None:
    assert check_host_addresses("intranet", ["10.0.0.5"], allow_internal=True) == ["10.0.0.5"]


def test_check_refuses_an_answer_that_is_not_an_address() -> None:
    with pytest.raises(RefusedAddress, match="not an address"):
        check_host_addresses("odd.example", ["not-an-ip"], allow_internal=True)


@pytest.mark.parametrize(
    ("host", "port", "allowed"),
    [
        ("127.0.0.1", 8080, True),
        ("127.0.0.1", 8081, False),
        ("intranet.example", 443, True),
        ("INTRANET.example.", 80, True),
        ("::1", 9000, True),
        ("other.example", 80, False),
    ],
)
def test_allow_list_matches_host_or_host_and_port(host: str, port: int, allowed: bool) -> None:
    entries = {"127.0.0.1:8080", "intranet.example", "[::1]:9000"}
    assert is_allow_listed(host, port, entries) is allowed


# --- refusals before any connection ----------------------------------------------------------


@pytest.mark.parametrize("ip", INTERNAL_ADDRESSES)
def test_a_name_resolving_to_an_internal_address_is_refused_before_connecting(ip: str) -> None:
    fetcher, dns = mock_fetcher({"news.example": [ip]})
    with fetcher, pytest.raises(RefusedAddress) as refused:
        fetcher.fetch("http://news.example/story")
    assert "private or internal address" in str(refused.value)
    assert "was not fetched" in str(refused.value)
    assert dns.lookups == [("news.example", 80)]


def test_one_internal_answer_among_public_ones_is_enough_to_refuse() -> None:
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8", "192.168.1.1"]})
    with fetcher, pytest.raises(RefusedAddress, match=r"192\.168\.1\.1"):
        fetcher.fetch("https://news.example/")


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/"]
)
def test_internal_ip_literals_are_refused_without_a_lookup(url: str) -> None:
    fetcher, dns = mock_fetcher({})
    with fetcher, pytest.raises(RefusedAddress):
        fetcher.fetch(url)
    assert dns.lookups == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://example.com/file.txt", "ftp://"),
        ("file:///etc/passwd", "file://"),
        ("javascript:alert(1)", "javascript://"),
        ("example.com/story", "no scheme"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://user@example.com/", "user name or password"),
        ("http:///path-only", "no host name"),
        ("http://exa mple.com/", "not valid"),
        ("http://0x7f.1/", "not valid"),
        ("http://2130706433/", "not valid"),
        ("http://127.1/", "not valid"),
        ("http://010.0.0.1/", "not a valid web address"),
        ("http://[fe80::1%25eth0]/", "not valid"),
        ("http://example.com:99999/", "port"),
        ("http://[not-v6]/", "not a valid web address"),
    ],
)
def test_malformed_and_non_web_links_are_invalid_sources(url: str, problem: str) -> None:
    fetcher, dns = mock_fetcher({"example.com": ["8.8.8.8"]})
    with fetcher, pytest.raises(InvalidSource, match=problem.replace("(", r"\(")):
        fetcher.fetch(url)
    assert dns.lookups == []


def test_dns_failure_is_unreachable() -> None:
    fetcher, _ = mock_fetcher({})
    with fetcher, pytest.raises(Unreachable, match=r"Could not resolve host nowhere\.invalid"):
        fetcher.fetch("https://nowhere.invalid/story")


def test_a_lookup_that_never_answers_ends_with_the_fetch_deadline() -> None:
    """getaddrinfo has no timeout of its own; the fetch waits for it no longer than its own."""
    released = threading.Event()

    def stuck(host: str, port: int) -> list[str]:
        released.wait(10)
        return ["8.8.8.8"]

    quick = FetchLimits(total_timeout=0.3)
    refused = httpx.MockTransport(must_not_connect)
    fetcher = new_fetcher(limits=quick, transport=refused, resolver=stuck)
    try:
        with fetcher, pytest.raises(FetchTimeout, match=r"Looking up slow\.example took longer"):
            fetcher.fetch("https://slow.example/")
    finally:
        released.set()


def test_an_empty_dns_answer_is_unreachable() -> None:
    fetcher, _ = mock_fetcher({"empty.example": []})
    with fetcher, pytest.raises(Unreachable, match="Could not resolve host"):
        fetcher.fetch("https://empty.example/")


# --- connecting to the checked address (MockTransport, no real traffic) ----------------------


@pytest.mark.parametrize("ip", ["8.8.8.8", "2001:4860:4860::8888"])
def test_the_request_goes_to_the_checked_ip_with_the_name_in_host(ip: str) -> None:
    recorder = Recorder()
    fetcher, dns = mock_fetcher({"news.example": [ip]}, recorder)
    with fetcher:
        page = fetcher.fetch("http://news.example/2024/story?id=7#top")
    (request,) = recorder.requests
    assert request.url.host == ip
    assert request.url.raw_path == b"/2024/story?id=7"
    assert request.headers["host"] == "news.example"
    assert "sni_hostname" not in request.extensions
    assert dns.lookups == [("news.example", 80)]
    assert page.url == "http://news.example/2024/story?id=7#top"
    assert page.final_url == "http://news.example/2024/story?id=7#top"
    assert page.status == 200


def test_https_sends_the_name_as_sni_and_keeps_a_non_default_port_in_host() -> None:
    recorder = Recorder()
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    with fetcher:
        fetcher.fetch("https://News.Example:8443/a")
    (request,) = recorder.requests
    assert request.url.scheme == "https"
    assert request.url.host == "8.8.8.8"
    assert request.url.port == 8443
    assert request.headers["host"] == "news.example:8443"
    assert request.extensions["sni_hostname"] == "news.example"


def test_a_public_ip_literal_is_fetched_without_a_lookup() -> None:
    recorder = Recorder()
    fetcher, dns = mock_fetcher({}, recorder)
    with fetcher:
        page = fetcher.fetch("http://[2001:4860:4860::8888]/x")
    assert dns.lookups == []
    assert recorder.requests[0].headers["host"] == "[2001:4860:4860::8888]"
    assert page.final_url == "http://[2001:4860:4860::8888]/x"


def test_every_redirect_hop_is_resolved_once_and_checked() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers["host"] == "short.example":
            return httpx.Response(301, headers={"Location": "https://news.example/story"})
        return page_response(HTML)

    recorder = Recorder(answer)
    dns = {"short.example": ["8.8.4.4"], "news.example": ["8.8.8.8"]}
    fetcher, resolver = mock_fetcher(dns, recorder)
    with fetcher:
        page = fetcher.fetch("http://short.example/abc")
    assert resolver.lookups == [("short.example", 80), ("news.example", 443)]
    assert [r.url.host for r in recorder.requests] == ["8.8.4.4", "8.8.8.8"]
    assert page.final_url == "https://news.example/story"


def test_a_redirect_to_an_internal_address_is_refused_before_connecting_to_it() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "8.8.8.8", "connected to the internal address"
        return httpx.Response(302, headers={"Location": "http://metadata.example/latest/"})

    recorder = Recorder(answer)
    dns = {"news.example": ["8.8.8.8"], "metadata.example": ["169.254.169.254"]}
    fetcher, _ = mock_fetcher(dns, recorder)
    with fetcher, pytest.raises(RefusedAddress, match=r"redirected to .*169\.254\.169\.254"):
        fetcher.fetch("http://news.example/")
    assert len(recorder.requests) == 1


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://news.example/x", "gopher://x"])
def test_a_redirect_to_another_scheme_is_refused(location: str) -> None:
    recorder = Recorder(lambda _r: httpx.Response(302, headers={"Location": location}))
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    with fetcher, pytest.raises(InvalidSource, match=r"only http:// and https://"):
        fetcher.fetch("http://news.example/")


def test_cookies_set_while_redirecting_are_sent_back_to_that_host_only() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if "cookie" not in request.headers and request.headers["host"] == "news.example":
            return httpx.Response(
                302, headers={"Location": "/story", "Set-Cookie": "seen=1; Path=/"}
            )
        return page_response(HTML)

    recorder = Recorder(answer)
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    with fetcher:
        fetcher.fetch("http://news.example/story")
        fetcher.fetch("http://news.example/story")
    cookies = [r.headers.get("cookie") for r in recorder.requests]
    assert cookies == [None, "seen=1", None, "seen=1"]  # nothing carried between fetches


def test_an_unknown_content_encoding_is_refused() -> None:
    recorder = Recorder(lambda _r: page_response(b"\x1b\x00", **{"Content-Encoding": "br"}))
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    with fetcher, pytest.raises(UnsupportedContent, match="compressed as br"):
        fetcher.fetch("http://news.example/")


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_bodies_are_decoded_in_both_forms_servers_send(wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(HTML.encode()) + packer.flush()
    recorder = Recorder(lambda _r: page_response(body, **{"Content-Encoding": "deflate"}))
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    with fetcher:
        assert fetcher.fetch("http://news.example/").text() == HTML


def test_a_gzip_bomb_is_inflated_in_bounded_pieces() -> None:
    """httpx's own decoder would inflate this single 50 kB chunk to 50 MB at once."""
    bomb = gzip.compress(b"\0" * 50_000_000)
    recorder = Recorder(
        lambda _r: page_response(bomb, "text/plain", **{"Content-Encoding": "gzip"})
    )
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder)
    tracemalloc.start()
    try:
        with fetcher, pytest.raises(TooLarge):
            fetcher.fetch("http://news.example/")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_a_body_preloaded_by_an_injected_transport_is_still_capped() -> None:
    recorder = Recorder(lambda _r: httpx.Response(200, text="x" * 3000))
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder, FetchLimits(max_bytes=2000))
    with fetcher, pytest.raises(TooLarge):
        fetcher.fetch("http://news.example/")


def test_the_total_timeout_covers_a_transport_that_is_slow_to_stream() -> None:
    def slow_body() -> Iterator[bytes]:
        for _ in range(20):
            time.sleep(0.05)
            yield b"<p>more</p>"

    recorder = Recorder(
        lambda _r: httpx.Response(200, headers={"Content-Type": "text/html"}, content=slow_body())
    )
    quick = FetchLimits(total_timeout=0.3)
    fetcher, _ = mock_fetcher({"news.example": ["8.8.8.8"]}, recorder, quick)
    with fetcher, pytest.raises(FetchTimeout, match=r"within 0\.3 seconds"):
        fetcher.fetch("http://news.example/")


# --- real HTTP over loopback -----------------------------------------------------------------


def test_a_page_is_fetched_with_a_browser_like_user_agent(page_server: PageServer) -> None:
    url = page_server.add("/story", HTML)
    page = fetch_from(page_server, "/story")
    assert page == FetchedPage(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html",
        body=HTML.encode(),
        encoding="utf-8",
    )
    (request,) = page_server.requests
    assert request.headers["host"] == page_server.host_port
    assert request.headers["user-agent"] == DEFAULT_USER_AGENT
    assert request.headers["accept"].startswith("text/html")
    assert request.headers["accept-language"].startswith("en")


def test_a_custom_user_agent_from_settings_is_sent(page_server: PageServer) -> None:
    page_server.add("/", HTML)
    settings = Settings(allow_hosts=frozenset({page_server.host_port}), user_agent="Test/1.0")
    with make_fetcher(settings) as fetcher:
        fetcher.fetch(page_server.url("/"))
    assert page_server.requests[0].headers["user-agent"] == "Test/1.0"


def test_redirects_are_followed_with_relative_and_absolute_locations(
    page_server: PageServer,
) -> None:
    page_server.redirect("/start", "/news/first", status=301)
    page_server.redirect("/news/first", "second", status=307)  # relative to /news/
    page_server.redirect("/news/second", page_server.url("/final?x=1"), status=308)
    final = page_server.add("/final", HTML)
    page = fetch_from(page_server, "/start")
    assert page.final_url == final + "?x=1"
    assert page.url == page_server.url("/start")
    paths = [r.path for r in page_server.requests]
    assert paths == ["/start", "/news/first", "/news/second", "/final?x=1"]
    assert {r.headers["host"] for r in page_server.requests} == {page_server.host_port}


def _redirect_chain(server: PageServer, hops: int) -> None:
    for hop in range(hops):
        server.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    server.add(f"/hop{hops}", HTML)


def test_five_redirects_are_followed(page_server: PageServer) -> None:
    _redirect_chain(page_server, 5)
    assert fetch_from(page_server, "/hop0").final_url == page_server.url("/hop5")


def test_a_sixth_redirect_is_refused(page_server: PageServer) -> None:
    _redirect_chain(page_server, 6)
    with pytest.raises(TooManyRedirects, match=r"^The link redirected more than 5 times\.$"):
        fetch_from(page_server, "/hop0")
    assert len(page_server.requests) == 6


def test_the_redirect_limit_comes_from_settings(page_server: PageServer) -> None:
    _redirect_chain(page_server, 2)
    with pytest.raises(TooManyRedirects, match="more than 1 times"):
        fetch_from(page_server, "/hop0", max_redirects=1)


def test_a_redirect_loop_ends(page_server: PageServer) -> None:
    page_server.redirect("/loop", "/loop")
    with pytest.raises(TooManyRedirects):
        fetch_from(page_server, "/loop")


def test_a_redirect_to_a_loopback_port_not_allow_listed_is_refused(
    page_server: PageServer,
) -> None:
    with PageServer() as internal:
        internal.add("/admin", "secret")
        page_server.redirect("/go", internal.url("/admin"))
        with pytest.raises(RefusedAddress, match=r"redirected to .*127\.0\.0\.1"):
            fetch_from(page_server, "/go")
        assert internal.requests == ()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "The site answered 404 Not Found."),
        (403, "The site answered 403 Forbidden (often a paywall or a block on bots)."),
        (401, "The site answered 401 Unauthorized (the page needs a login)."),
        (410, "The site answered 410 Gone (the page was removed)."),
        (
            500,
            "The site answered 500 Internal Server Error "
            "(a problem on the site's side; try again later).",
        ),
        (503, "The site answered 503 Service Unavailable (a problem on the site's side;"),
        (302, "The site answered 302 Found (without saying where to)."),
    ],
)
def test_error_statuses_say_what_the_site_answered(
    page_server: PageServer, status: int, message: str
) -> None:
    page_server.add("/page", "<html>nope</html>", status=status)
    with pytest.raises(HTTPStatusError) as error:
        fetch_from(page_server, "/page")
    assert error.value.status == status
    assert str(error.value).startswith(message)


def test_an_unrouted_path_is_a_404(page_server: PageServer) -> None:
    with pytest.raises(HTTPStatusError) as error:
        fetch_from(page_server, "/missing")
    assert error.value.status == 404
    assert page_server.requests_for("/missing")


def test_a_site_that_does_not_answer_in_time_is_a_timeout(page_server: PageServer) -> None:
    page_server.add("/slow", HTML, delay=1.5)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"^The site did not answer within 0\.3 seconds\.$"):
        fetch_from(page_server, "/slow", total_timeout=0.3)
    assert time.monotonic() - started < 1.0


def test_a_read_timeout_shorter_than_the_deadline_is_reported_as_such(
    page_server: PageServer,
) -> None:
    page_server.add("/pause", HTML, delay=1.0)
    with pytest.raises(FetchTimeout, match=r"^The site did not answer within 0\.2 seconds\.$"):
        fetch_from(page_server, "/pause", read_timeout=0.2, total_timeout=5)


def test_the_total_timeout_bounds_a_body_sent_in_slow_pieces(page_server: PageServer) -> None:
    page_server.add("/drip", HTML * 20, chunk_size=40, chunk_delay=0.1, framing="chunked")
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch_from(page_server, "/drip", total_timeout=0.4)
    assert time.monotonic() - started < 1.0


def test_the_total_timeout_bounds_headers_sent_a_line_at_a_time(page_server: PageServer) -> None:
    """Each header line comes well within the read timeout; only the deadline can stop this."""
    filler = {f"X-Filler-{i}": "x" for i in range(40)}
    page_server.add("/slowloris", HTML, headers=filler, header_delay=0.05)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch_from(page_server, "/slowloris", total_timeout=0.4, read_timeout=1.0)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("framing", ["length", "chunked", "close"])
def test_a_body_over_the_cap_is_too_large(page_server: PageServer, framing: str) -> None:
    page_server.add("/big", "x" * 3000, content_type="text/plain", framing=framing)  # type: ignore[arg-type]
    with pytest.raises(TooLarge, match=r"^The page is larger than 2 kB\.$"):
        fetch_from(page_server, "/big", max_bytes=2000)


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    page_server: PageServer,
) -> None:
    page_server.add("/huge", HTML, headers={"Content-Length": "50000000"})
    started = time.monotonic()
    with pytest.raises(TooLarge, match="larger than 5 MB"):
        fetch_from(page_server, "/huge")
    assert time.monotonic() - started < 1.0


def test_a_body_exactly_at_the_cap_is_accepted(page_server: PageServer) -> None:
    page_server.add("/fits", "x" * 2000, content_type="text/plain", framing="chunked")
    assert len(fetch_from(page_server, "/fits", max_bytes=2000).body) == 2000


def test_gzip_bodies_are_decoded(page_server: PageServer) -> None:
    page_server.add("/zipped", HTML, gzip=True)
    page = fetch_from(page_server, "/zipped")
    assert page.body == HTML.encode()
    assert page_server.requests[0].headers["accept-encoding"] == "gzip, deflate"


def test_a_gzip_bomb_is_stopped_by_its_decoded_size(page_server: PageServer) -> None:
    page_server.add("/bomb", b"\0" * 30_000_000, content_type="text/plain", gzip=True)
    with pytest.raises(TooLarge, match="larger than 5 MB"):
        fetch_from(page_server, "/bomb")


def test_a_corrupt_gzip_body_is_a_fetch_error(page_server: PageServer) -> None:
    page_server.add("/broken", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="damaged compressed page"):
        fetch_from(page_server, "/broken")


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/json"])
def test_content_other_than_html_or_text_is_refused(
    page_server: PageServer, content_type: str
) -> None:
    page_server.add("/file", b"\x89PNG\r\n\x1a\n", content_type=content_type)
    with pytest.raises(UnsupportedContent) as error:
        fetch_from(page_server, "/file")
    assert str(error.value) == f"The link is not a web page (content type {content_type})."


@pytest.mark.parametrize("content_type", ["text/plain", "application/xhtml+xml; charset=UTF-8"])
def test_plain_text_and_xhtml_are_accepted(page_server: PageServer, content_type: str) -> None:
    page_server.add("/doc", "Just text.", content_type=content_type)
    assert fetch_from(page_server, "/doc").content_type == content_type.partition(";")[0]


def test_an_unlabelled_body_is_accepted_only_if_it_looks_like_html(
    page_server: PageServer,
) -> None:
    page_server.add("/html", "\n  " + HTML, content_type=None)
    page_server.add("/notes", "key=value\nother=thing\n", content_type=None)
    page_server.add("/binary", b"%PDF-1.7\n\x00\x01binary", content_type=None)
    assert fetch_from(page_server, "/html").content_type == "text/html"
    with pytest.raises(UnsupportedContent, match="does not look like a web page"):
        fetch_from(page_server, "/notes")
    with pytest.raises(UnsupportedContent, match=r"^The link leads to a PDF document, not a web"):
        fetch_from(page_server, "/binary")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or an office document"),
        (b"<html>\x00\x00\x00\x01\x02", "binary data"),
    ],
)
def test_a_binary_body_labelled_as_a_page_is_refused_for_what_it_is(
    page_server: PageServer, body: bytes, kind: str
) -> None:
    page_server.add("/mislabelled", body, content_type="text/html; charset=utf-8")
    with pytest.raises(UnsupportedContent) as error:
        fetch_from(page_server, "/mislabelled")
    assert str(error.value) == f"The link leads to {kind}, not a web page."


@pytest.mark.parametrize(
    ("content_type", "body", "encoding"),
    [
        ("text/html; charset=iso-8859-1", "café – “quoted”".encode("cp1252"), "cp1252"),
        ('text/html; charset="windows-1252"', "café – “quoted”".encode("cp1252"), "cp1252"),
        ("text/plain; charset=utf-16", "café – “quoted”".encode("utf-16"), "utf-16"),
        ("text/html", "café – “quoted”".encode(), None),
        ("text/html; charset=no-such-charset", "café – “quoted”".encode(), None),
    ],
)
def test_text_uses_the_declared_charset(
    page_server: PageServer, content_type: str, body: bytes, encoding: str | None
) -> None:
    page_server.add("/page", body, content_type=content_type)
    page = fetch_from(page_server, "/page")
    assert page.encoding == encoding
    assert page.text() == "café – “quoted”"


def test_text_uses_a_meta_charset_when_the_header_has_none(page_server: PageServer) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>naïve</body></html>'
    page_server.add("/meta", html.encode("cp1252"), content_type="text/html")
    page = fetch_from(page_server, "/meta")
    assert page.encoding == "cp1252"
    assert "naïve" in page.text()


def test_text_guesses_an_undeclared_legacy_charset() -> None:
    text = "Les élèves sont allés à l'école; ça a été une journée très réussie. " * 20
    page = FetchedPage("u", "u", 200, "text/html", text.encode("cp1252"), None)
    assert page.text() == text


def test_text_prefers_a_byte_order_mark() -> None:
    page = FetchedPage("u", "u", 200, "text/html", "\ufeffcafé".encode(), "cp1252")
    assert page.text() == "café"


def test_a_fetched_page_is_immutable() -> None:
    page = FetchedPage("u", "u", 200, "text/html", b"", None)
    with pytest.raises(FrozenInstanceError):
        page.status = 500  # type: ignore[misc]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_not_on_the_allow_list_is_refused_without_a_request(
    page_server: PageServer, host: str
) -> None:
    page_server.add("/", HTML)
    with new_fetcher() as fetcher, pytest.raises(RefusedAddress, match=r"127\.0\.0\.1|::1"):
        fetcher.fetch(f"http://{host}:{page_server.port}/")
    assert page_server.requests == ()


def test_allow_listing_another_port_does_not_allow_this_one(page_server: PageServer) -> None:
    page_server.add("/", HTML)
    with new_fetcher(f"127.0.0.1:{closed_port()}") as fetcher, pytest.raises(RefusedAddress):
        fetcher.fetch(page_server.url("/"))
    assert page_server.requests == ()


def test_an_allow_listed_name_is_resolved_and_fetched(page_server: PageServer) -> None:
    page_server.add("/", HTML)
    dns = FakeDNS({"intranet.test": ["127.0.0.1"]})
    with new_fetcher("intranet.test", resolver=dns) as fetcher:
        page = fetcher.fetch(f"http://intranet.test:{page_server.port}/")
    assert page.final_url == f"http://intranet.test:{page_server.port}/"
    assert page_server.requests[0].headers["host"] == f"intranet.test:{page_server.port}"


def test_the_next_address_is_tried_when_one_refuses_the_connection(
    page_server: PageServer,
) -> None:
    page_server.add("/", HTML)
    dns = FakeDNS({"intranet.test": ["::1", "127.0.0.1"]})  # the server listens on IPv4 only
    with new_fetcher("intranet.test", resolver=dns) as fetcher:
        assert fetcher.fetch(f"http://intranet.test:{page_server.port}/").status == 200


def test_a_refused_connection_is_unreachable() -> None:
    port = closed_port()
    with new_fetcher(f"127.0.0.1:{port}") as fetcher, pytest.raises(Unreachable) as error:
        fetcher.fetch(f"http://127.0.0.1:{port}/")
    assert str(error.value) == "Could not connect to 127.0.0.1."
    assert not isinstance(error.value, FetchTimeout)


def test_a_connection_dropped_mid_body_is_unreachable(page_server: PageServer) -> None:
    page_server.add("/cut", HTML, headers={"Content-Length": str(len(HTML) + 100)})
    with pytest.raises(Unreachable, match="broke off"):
        fetch_from(page_server, "/cut")


# --- TLS: the certificate is checked against the name while connecting to the IP --------------


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for ``news.test`` and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "news.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("news.test")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_server(certificates: tuple[Path, Path]) -> Iterator[PageServer]:
    cert_file, key_file = certificates
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    with PageServer(tls=context) as server:
        server.add("/story", HTML)
        yield server


def tls_fetcher(certificates: tuple[Path, Path], host: str) -> Fetcher:
    """A fetcher trusting the test certificate, resolving ``host`` to 127.0.0.1."""
    trust = ssl.create_default_context(cafile=str(certificates[0]))
    return new_fetcher(
        host,
        transport=httpx.HTTPTransport(
            verify=trust, limits=httpx.Limits(max_keepalive_connections=0)
        ),
        resolver=FakeDNS({host: ["127.0.0.1"]}),
    )


def test_https_verifies_the_certificate_for_the_name_not_the_ip(
    tls_server: PageServer, certificates: tuple[Path, Path]
) -> None:
    with tls_fetcher(certificates, "news.test") as fetcher:
        page = fetcher.fetch(f"https://news.test:{tls_server.port}/story")
    assert page.body == HTML.encode()
    assert page.final_url == f"https://news.test:{tls_server.port}/story"
    assert tls_server.requests[0].headers["host"] == f"news.test:{tls_server.port}"


def test_https_refuses_a_certificate_for_another_name(
    tls_server: PageServer, certificates: tuple[Path, Path]
) -> None:
    with (
        tls_fetcher(certificates, "other.test") as fetcher,
        pytest.raises(Unreachable, match="invalid security certificate"),
    ):
        fetcher.fetch(f"https://other.test:{tls_server.port}/story")
    assert tls_server.requests == ()
