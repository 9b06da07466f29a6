"""Refuse requests that would reach loopback, private, link-local or reserved addresses.

A source URL is untrusted input: without this, a config entry or a redirect could make the crawler
read an intranet page or a cloud metadata endpoint. The host is resolved exactly as the download
will resolve it (getaddrinfo, so `127.1`, `0x7f000001`, `2130706433` and `[::ffff:127.0.0.1]` all
count as loopback), every address it resolves to is checked, and the checked IPv4 address is
pinned in Scrapy's DNS cache so that the download cannot be sent elsewhere by a second lookup.
"""

from __future__ import annotations

import ipaddress
from typing import NoReturn
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy.resolver import dnscache
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.addresses import host_refusal, resolve
from crawler.middlewares._spider import source_spider
from radar.errors import BlockedAddress, SourceError

ALLOWED_SCHEMES = frozenset({"http", "https"})
SETTING = "RIVALRADAR_ALLOW_PRIVATE_NETWORKS"


class DnsFailure(SourceError):
    diagnosis = "dns"


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
