"""The reactor's resolver: where a connection is made, the address it goes to is checked.

The private-network middleware resolves a host, refuses a non-public answer and pins the public
one in Scrapy's DNS cache; but unless the reactor's resolver reads that cache, the connection
resolves the host again, and a host that answered public to the check may answer 127.0.0.1 to
the connection (DNS rebinding). This resolver is Scrapy's caching one, installed on the
reactor, so the connection goes to the checked address; and it refuses a non-public answer
itself, for a name whose pin has left the cache.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from crawler.addresses import refusal

logger = logging.getLogger(__name__)

CACHE_SIZE, TIMEOUT_S = 10_000, 60.0  # Scrapy's DNSCACHE_SIZE and DNS_TIMEOUT


class RefusedAnswer(DNSLookupError):
    """A host name resolved, where the connection is made, to a non-public address."""


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing non-public answers unless the crawl allows them.

    One policy at a time per process: each crawl sets `allow_private` from its config.
    """

    allow_private = False

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        answer = super().getHostByName(name, timeout)
        if self.allow_private:
            return answer
        return answer.addCallback(_public_only, name)


def _public_only(address: str, name: str) -> str:
    why = refusal(ipaddress.ip_address(address))
    if why:
        message = (
            f"refused: {name} resolves to {address}, a {why} address, where the connection is "
            "made; private networks are not crawled unless settings.allow_private_networks is true"
        )
        # Twisted's endpoint reports a failed lookup as "no results", without this reason: the
        # log keeps it, and the source's health says the host did not resolve.
        logger.warning("%s", message)
        raise RefusedAnswer(message)
    return address


def installed(reactor: Any, allow_private: bool) -> PublicOnlyResolver:
    """The reactor's resolver, installed on first use, set to this crawl's policy."""
    resolver = reactor.resolver
    if not isinstance(resolver, PublicOnlyResolver):
        resolver = PublicOnlyResolver(reactor, CACHE_SIZE, TIMEOUT_S)
        resolver.install_on_reactor()
    resolver.allow_private = allow_private
    return resolver
