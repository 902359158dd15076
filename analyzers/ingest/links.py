"""Web links from outside, parsed and checked in one place.

Links reach newsbot from people (a Slack message, a slash command, the command line) and from
pages (a redirect's ``Location``, a ``<link rel=canonical>``). Left to ``urllib.parse`` or
httpx at each use, a malformed one (``http://[::1/x``, a port of 99999, a lone surrogate)
raises a different exception at a different depth: a cache key, a repeat look-up, a redirect.
Here every link becomes either a `WebLink`, whose parts are known to be sound, or an
`InvalidSource` whose message can be shown to the person as is. Everything that reads a link
(the fetcher, the cache keys, the share history, the canonical-link reader, the Slack
matchers) goes through `parse_link` or `link_or_none`.

What is refused: schemes other than http and https, user names and passwords in the link,
host names that are neither a DNS name nor a standard IP literal (odd numeric spellings such as
``0x7f.1`` or ``2130706433`` only ever serve to smuggle an internal address past a filter),
ports outside 1-65535 and links longer than `MAX_LINK_CHARS`. Whether the host's *address* may
be fetched is a separate question, answered after DNS by ``analyzers.ingest.addresses``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import httpx

from analyzers.errors import InvalidSource

MAX_LINK_CHARS = 8192  # what common web servers accept in a request line
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "smid",
        "smtyp",
        "ref",
        "ref_src",
        "ref_url",
        "_ga",
        "yclid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "at_medium",
        "at_campaign",
        "ito",
        "__twitter_impression",
        "s_cid",
        "wt_mc",
    }
)
_LABEL = re.compile(r"[a-z0-9_-]{1,63}")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")


@dataclass(frozen=True)
class WebLink:
    """A sound http(s) link: ``host`` is its lower-case ASCII (IDNA) form, an IPv6 literal
    without brackets; ``port`` is explicit or the scheme's default."""

    url: httpx.URL
    host: str
    port: int

    def __str__(self) -> str:
        return str(self.url)

    @property
    def scheme(self) -> str:
        return self.url.scheme

    @property
    def path(self) -> str:
        """Percent-decoded, as a reader sees it ("/opinion/2024/...")."""
        return self.url.path

    @property
    def is_ip_literal(self) -> bool:
        return is_ip_literal(self.host)

    @property
    def authority(self) -> str:
        """``host[:port]`` as a Host header writes it: brackets for IPv6, no default port."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def normalised(self) -> str:
        """The form that two shares of one article agree on: lower-case scheme and host, no
        default port, fragment or tracking parameters (utm_*, fbclid...)."""
        query = [
            (name, value)
            for name, value in parse_qsl(self.url.query.decode("ascii"), keep_blank_values=True)
            if not _is_tracking(name)
        ]
        path = self.url.raw_path.split(b"?", 1)[0].decode("ascii") or "/"
        return f"{self.scheme}://{self.authority}{path}" + (f"?{urlencode(query)}" if query else "")

    def join(self, reference: str, *, what: str) -> WebLink:
        """``reference`` (a redirect's Location, a relative canonical link) resolved against
        this link, and checked like any other."""
        try:
            joined = str(self.url.join(reference.strip()))
        except (httpx.InvalidURL, ValueError, TypeError):
            raise _invalid(what, reference) from None
        return parse_link(joined, what=what)


def parse_link(text: str, *, what: str = "The link") -> WebLink:
    """``text`` as a sound http(s) link, or InvalidSource saying (starting with ``what``) what
    is wrong with it."""
    raw = text.strip()
    if len(raw) > MAX_LINK_CHARS:
        raise InvalidSource(f"{what} is longer than {MAX_LINK_CHARS:,} characters.")
    try:
        url = httpx.URL(raw)
        host = url.raw_host.decode("ascii").lower()
        port = url.port
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _invalid(what, raw) from None
    if url.scheme not in DEFAULT_PORTS:
        scheme = f"{url.scheme}://" if url.scheme else "no scheme"
        raise InvalidSource(f"{what} uses {scheme}; only http:// and https:// links are read.")
    if url.userinfo:
        raise InvalidSource(f"{what} contains a user name or password, so it is not read.")
    if not host:
        raise InvalidSource(f"{what} has no host name.")
    if not _valid_host(host):
        raise InvalidSource(f"{what} has a host name that is not valid ({_shown(host)}).")
    if port is not None and not 0 < port < 65536:
        raise InvalidSource(f"{what} has a port number that is not valid ({port}).")
    return WebLink(url=url, host=host, port=port or DEFAULT_PORTS[url.scheme])


def link_or_none(text: str) -> WebLink | None:
    """For places where a bad link is simply not a link (a page's metadata, stored shares)."""
    try:
        return parse_link(text)
    except InvalidSource:
        return None


def normalise_url(url: str) -> str:
    """`WebLink.normalised`, or for a link that is not sound the text as written (stripped):
    comparing links never fails, and a bad link only ever equals itself."""
    link = link_or_none(url)
    return link.normalised if link else url.strip()


def is_ip_literal(host: str) -> bool:
    """A standard IPv4 dotted quad or IPv6 literal (no leading zeros, no zone)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return "%" not in host


def _valid_host(host: str) -> bool:
    """A DNS name or a standard IP literal; refuses ``0x7f.1``, ``2130706433``, ``127.1``...

    Those odd numeric spellings reach real addresses through some parsers and are only ever
    used to smuggle an internal address past a filter, so they are not guessed at.
    """
    if ":" in host:
        return is_ip_literal(host)
    if _NUMERIC_LABEL.fullmatch(host.removesuffix(".").rsplit(".", 1)[-1]):
        return is_ip_literal(host)
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(("utm_", "pk_", "mtm_")) or lowered in TRACKING_PARAMS


def _invalid(what: str, raw: str) -> InvalidSource:
    return InvalidSource(f"{what} is not a valid web address ({_shown(raw)}).")


def _shown(text: str) -> str:
    """At most 100 characters of what was given, quoted, anything unprintable escaped."""
    return repr(text[:100])
