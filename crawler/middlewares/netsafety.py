"""Refuse requests that would reach loopback, private, link-local or reserved addresses.

A source URL is untrusted input: without this, a config entry or a redirect could make the crawler
read an intranet page or a cloud metadata endpoint. The host is resolved exactly as the download
will resolve it (getaddrinfo, so `127.1`, `0x7f000001`, `2130706433` and `[::ffff:127.0.0.1]` all
count as loopback), every address it resolves to is checked, and the checked IPv4 address is
pinned in Scrapy's DNS cache so that the download cannot be sent elsewhere by a second lookup.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import NoReturn
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy.resolver import dnscache
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.middlewares._spider import source_spider
from radar.errors import BlockedAddress, SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOWED_SCHEMES = frozenset({"http", "https"})
SETTING = "RIVALRADAR_ALLOW_PRIVATE_NETWORKS"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DnsFailure(SourceError):
    diagnosis = "dns"


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
    """Why the address may not be crawled (e.g. "loopback"), or None when it is public."""
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


def literal_refusal(url: str) -> str | None:
    """Why a URL's host, written as an address in any spelling (`127.1`, `0x7f000001`,
    `[::ffff:a9fe:a9fe]`), may not be crawled; None for a public address or a host name, which
    only the crawl can resolve. For checking a config before anything is fetched."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (OSError, UnicodeError):
        return None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        why = refusal(address)
        if why:
            spelled = host if host == str(address) else f"{host} ({address})"
            return (
                f"refused: {spelled} is a {why} address; private networks "
                "are not crawled unless settings.allow_private_networks is true"
            )
    return None


def host_refusal(host: str, addresses: list[IPAddress]) -> str | None:
    """Why a host that resolved to these addresses may not be reached; None when all are public."""
    for address in addresses:
        why = refusal(address)
        if why:
            return (
                f"refused: {host} resolves to {address}, a {why} address; private networks "
                "are not crawled unless settings.allow_private_networks is true"
            )
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to, as the operating system resolves it (blocking)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


class PrivateNetworkMiddleware:
    """Downloader middleware: refuses non-public addresses unless the config allows them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.allow = crawler.settings.getbool(SETTING)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateNetworkMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if self.allow:
            return
        parts = urlsplit(request.url)
        if parts.scheme not in ALLOWED_SCHEMES:
            self._refuse(request, f"the URL scheme {parts.scheme!r} is not crawled; use http(s)")
        host = parts.hostname or ""
        try:
            addresses = await maybe_deferred_to_future(
                deferToThread(resolve, host, parts.port or 443)
            )
        except (OSError, UnicodeError) as err:
            raise DnsFailure(
                source_spider(self.crawler).source.id,
                request.url,
                f"dns: the host {host!r} does not resolve ({err}); check the URL",
            ) from err
        cached = dnscache.get(host)
        if cached:
            addresses.append(ipaddress.ip_address(cached))
        problem = host_refusal(host, addresses)
        if problem:
            self._refuse(request, problem)
        first_v4 = next((a for a in addresses if a.version == 4), None)
        if first_v4 is not None and host != str(first_v4):
            dnscache[host] = str(first_v4)

    def _refuse(self, request: Request, problem: str) -> NoReturn:
        raise BlockedAddress(source_spider(self.crawler).source.id, request.url, problem)
