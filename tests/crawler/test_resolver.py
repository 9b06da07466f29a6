"""Where a connection is made, the address is checked again: DNS rebinding gets no second answer."""

from __future__ import annotations

import pytest
from scrapy.resolver import dnscache
from twisted.internet.threads import blockingCallFromThread

from crawler import runner
from crawler.resolver import PublicOnlyResolver, RefusedAnswer, installed
from tests.conftest import feed
from tests.crawler.newsroom import serve_plan_feed


@pytest.fixture
def resolver():
    """The reactor's resolver as a crawl that refuses private networks leaves it."""
    reactor = runner._reactor()
    yield installed(reactor, allow_private=False)
    installed(reactor, allow_private=True)
    dnscache.pop("rebinding.example", None)


def _answer(resolver: PublicOnlyResolver, name: str) -> str:
    reactor = runner._reactor()
    return blockingCallFromThread(reactor, resolver.getHostByName, name)


def test_the_connection_goes_to_the_address_the_check_pinned_not_to_a_second_answer(resolver):
    # The private-network check resolved the host to a public address and pinned it; a rebinding
    # server would answer 127.0.0.1 to the next lookup, but the connection asks no second time.
    dnscache["rebinding.example"] = "93.184.216.34"

    assert _answer(resolver, "rebinding.example") == "93.184.216.34"


def test_a_non_public_answer_at_connection_time_is_refused(resolver):
    dnscache["rebinding.example"] = "127.0.0.1"

    with pytest.raises(RefusedAnswer, match="private networks are not crawled"):
        _answer(resolver, "rebinding.example")


def test_a_name_that_resolves_to_loopback_is_refused_where_it_connects(resolver):
    with pytest.raises(RefusedAnswer, match=r"127\.0\.0\.1, a loopback address"):
        _answer(resolver, "localhost")


def test_a_crawl_that_allows_private_networks_sets_the_reactors_resolver_so(
    httpserver, write_config, run_cli, store
):
    serve_plan_feed(httpserver)
    config = write_config(
        allow_private_networks=True, sources=[feed("inside", httpserver.url_for("/feed.xml"))]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    reactor_resolver = runner._reactor().resolver
    assert isinstance(reactor_resolver, PublicOnlyResolver) and reactor_resolver.allow_private
    assert store.titles("inside") == ["Starlink adds an airline plan"]
