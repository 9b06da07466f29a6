"""A host's crawl is queued or running: a Redis key set only if absent (SET NX), with an expiry.

The scheduler sets it before it enqueues a host's sources and skips the host while it is set;
the worker that finishes the task deletes it. A task lost with Redis's data never blocks its
host for longer than the key's expiry.
"""

from __future__ import annotations

from functools import cache

import redis

CLAIM_TTL_S = 6 * 3600
_PREFIX = "rivalradar:host:"


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def claim_host(url: str, host: str) -> bool:
    """True when the host was free and is now claimed; False when its crawl is queued or running."""
    return bool(_client(url).set(_PREFIX + host, "queued", nx=True, ex=CLAIM_TTL_S))


def release_host(url: str, host: str) -> None:
    _client(url).delete(_PREFIX + host)


def claimed_hosts(url: str) -> set[str]:
    """The hosts whose crawl is queued or running."""
    keys = _client(url).scan_iter(match=_PREFIX + "*")
    return {key.decode().removeprefix(_PREFIX) for key in keys}
