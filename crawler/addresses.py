"""Which network addresses rivalradar may reach: one rule for every outbound connection.

Loopback, private, link-local, multicast, unspecified and reserved addresses, and IPv6 addresses
that carry one of those in IPv4 form, are not public: a URL written by a user, a crawled site or
a DNS answer must not make the product reach a machine inside the network it runs in (an intranet
page, a cloud metadata endpoint). Sources (crawler/middlewares/netsafety.py, crawler/resolver.py)
and delivery (digest/channels/) refuse them unless settings.allow_private_networks is true. This
module needs no Scrapy, so that delivery can use it without loading the crawler.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress) -> str | None:
    """Why the address may not be reached (e.g. "loopback"), or None when it is public."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return refusal(inner)
    for label, flag in (
        ("loopback", address.is_loopback),
        ("private", address.is_private),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return label
    return None if address.is_global else "not public"


def literal_refusal(url: str, done: str = "crawled") -> str | None:
    """Why a URL's host, written as an address in any spelling (`127.1`, `0x7f000001`,
    `[::ffff:a9fe:a9fe]`), may not be crawled; None for a public address or a host name, which
    only the crawl can resolve. For checking a config before anything is fetched."""
    return host_literal_refusal(urlsplit(url).hostname or "", done)


def host_literal_refusal(host: str, done: str = "crawled") -> str | None:
    """literal_refusal for a bare host (`127.1`, `[::1]`); `done` says what is not done to
    private networks ("crawled", "reached") in the message."""
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (OSError, UnicodeError):
        return None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        why = refusal(address)
        if why:
            spelled = host if host == str(address) else f"{host} ({address})"
            return f"refused: {spelled} is a {why} address; {unless_allowed(done)}"
    return None


def unless_allowed(done: str) -> str:
    return f"private networks are not {done} unless settings.allow_private_networks is true"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to, as the operating system resolves it (blocking)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def host_refusal(host: str, addresses: list[IPAddress], done: str = "crawled") -> str | None:
    """Why a host that resolved to these addresses may not be reached; None when all are public."""
    for address in addresses:
        why = refusal(address)
        if why:
            return f"refused: {host} resolves to {address}, a {why} address; {unless_allowed(done)}"
    return None


class NotPublic(Exception):
    """A host resolved, when it was about to be reached, to an address that is not public."""


def public_addresses(host: str, port: int, done: str = "reached") -> list[IPAddress]:
    """Every address the host resolves to now (blocking), when all of them are public; raises
    NotPublic naming the first that is not, and OSError when the host does not resolve."""
    try:
        addresses = resolve(host.strip("[]"), port)
    except UnicodeError as err:
        raise OSError(f"{host!r} is not a host name: {err}") from err
    problem = host_refusal(host, addresses, done)
    if problem:
        raise NotPublic(problem)
    return addresses
