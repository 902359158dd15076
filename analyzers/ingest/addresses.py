"""Which network addresses a shared link may make the bot connect to.

Anyone in the workspace can paste a link, and the bot fetches it from inside our network. Left
unchecked, a link such as ``http://169.254.169.254/latest/meta-data/`` or ``http://10.0.0.5/admin``
would make the bot read cloud credentials or internal services and post what it found into Slack
(server-side request forgery). So only globally routable addresses are fetched.

The policy is applied to the addresses a host name *resolves to*, not to the name, because any
name can resolve to an internal address; and the fetcher then connects to exactly the address
that was checked, so a second DNS answer cannot swap it (DNS rebinding).

``ipaddress``' own ``is_global`` is the base, but its tables have changed between Python
releases and it says nothing about addresses embedded in IPv6 transition prefixes (NAT64, 6to4,
Teredo, IPv4-mapped), which reach IPv4 hosts; hence the explicit lists below. Everything here is
a pure function, so the policy can be tested without any network.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

from analyzers.errors import RefusedAddress

IPAddress = IPv4Address | IPv6Address

# Not globally reachable, whatever this Python's ``is_global`` says (RFC 6890 and successors).
_BLOCKED_V4 = tuple(
    IPv4Network(net)
    for net in (
        "0.0.0.0/8",  # "this network", unspecified
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, cloud metadata services
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # deprecated 6to4 relay anycast
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the broadcast address
    )
)
_BLOCKED_V6 = tuple(
    IPv6Network(net)
    for net in (
        "::/128",  # unspecified
        "::1/128",  # loopback
        "::/96",  # deprecated IPv4-compatible
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001:db8::/32",  # documentation
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # deprecated site-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = IPv6Network("64:ff9b::/96")


def parse_address(ip: str | IPAddress) -> IPAddress | None:
    """The address, or None when ``ip`` is not one (a resolver answer we cannot vouch for)."""
    if not isinstance(ip, str):
        return ip
    try:
        return ipaddress.ip_address(ip)
    except ValueError:
        return None


def is_public_address(ip: str | IPAddress) -> bool:
    """True only for a globally routable unicast address; anything unparseable is not public."""
    address = parse_address(ip)
    if address is None:
        return False
    if isinstance(address, IPv6Address):
        if address.scope_id:
            return False
        if address.ipv4_mapped is not None:
            return _is_public_v4(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if embedded and not all(_is_public_v4(v4) for v4 in embedded):
            return False
        return _is_public_v6(address)
    return _is_public_v4(address)


def _is_public_v4(address: IPv4Address) -> bool:
    if any(address in net for net in _BLOCKED_V4):
        return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def _is_public_v6(address: IPv6Address) -> bool:
    if any(address in net for net in _BLOCKED_V6):
        return False
    special = (
        address.is_multicast
        or address.is_private
        or address.is_link_local
        or address.is_site_local
        or address.is_loopback
        or address.is_unspecified
    )
    # NAT64 is marked reserved but is the one public way to reach IPv4 from IPv6-only networks;
    # its embedded IPv4 address has been checked already.
    return address.is_global and not special and (address in _NAT64 or not address.is_reserved)


def _embedded_ipv4(address: IPv6Address) -> list[IPv4Address]:
    """IPv4 addresses an IPv6 address reaches through a transition mechanism."""
    found: list[IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in _NAT64:
        found.append(IPv4Address(int(address) & 0xFFFF_FFFF))
    return found


def check_host_addresses(
    host: str,
    addresses: Iterable[str],
    *,
    allow_internal: bool = False,
    redirected: bool = False,
) -> list[str]:
    """The addresses to connect to, or RefusedAddress if *any* of them is internal.

    All must pass, not just the first: the connection may fall back to any of them, and a name
    answering with one public and one internal address is exactly what a rebinding attack looks
    like. ``allow_internal`` is for allow-listed hosts (tests, an intranet news site): they skip
    the address class check but are still resolved and pinned like any other host.
    IPv4-mapped IPv6 answers are returned in their IPv4 form so the connection uses IPv4.
    """
    verb = "redirected to" if redirected else "points to"
    result: list[str] = []
    for raw in addresses:
        address = parse_address(raw)
        if address is None:
            raise RefusedAddress(
                f"The link {verb} {host}, which resolved to {raw!r}, not an address, "
                "so it was not fetched."
            )
        if not allow_internal and not is_public_address(address):
            raise RefusedAddress(
                f"The link {verb} a private or internal address ({address}) and was not fetched."
            )
        if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if str(address) not in result:
            result.append(str(address))
    return result


def is_allow_listed(host: str, port: int, allow_hosts: Iterable[str]) -> bool:
    """Whether ``host`` or ``host:port`` is in the allow list (entries are lower-case).

    IPv6 hosts match with or without brackets: ``::1``, ``[::1]`` or ``[::1]:8080``.
    """
    name = host.lower().rstrip(".")
    candidates = {name, f"{name}:{port}"}
    if ":" in name:
        candidates |= {f"[{name}]", f"[{name}]:{port}"}
    return not candidates.isdisjoint(allow_hosts)
