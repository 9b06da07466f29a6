"""Failed sign-ins counted per account and per client address; past the limit, even the right
password waits.

The counts live in the serving process's memory (`rivalradar serve` is one process): a restart
forgets them, which costs a guesser nothing it could not get by waiting out the window.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

logger = logging.getLogger(__name__)

# Per account: a person who mistypes does not reach it; a guesser gets 5 tries a quarter hour.
PER_ACCOUNT = parse("5/15 minutes")
# Per address: one office behind one NAT shares it, so it is wider; it stops spraying of
# one password over many accounts.
PER_ADDRESS = parse("30/15 minutes")


class SignInThrottle:
    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def wait_s(self, account: str, address: str) -> int:
        """Seconds before this account may be tried again from this address; 0 when it may now."""
        waits = [
            self._wait_s(limit, kind, key)
            for limit, kind, key in self._keys(account, address)
            if not self._limiter.test(limit, kind, key)
        ]
        return max(waits, default=0)

    def failed(self, account: str, address: str) -> None:
        """Count a wrong password (or an unknown token); log when it locks the account or address."""
        for limit, kind, key in self._keys(account, address):
            if not self._limiter.hit(limit, kind, key) or not self._limiter.test(limit, kind, key):
                logger.warning(
                    "sign-in locked out: too many failures for this %s",
                    kind,
                    extra={kind: key, "wait_s": self._wait_s(limit, kind, key)},
                )

    def succeeded(self, account: str) -> None:
        """A right password under the limit: the account's own count starts again."""
        self._limiter.clear(PER_ACCOUNT, "account", account)

    def _keys(self, account: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        keys = [(PER_ADDRESS, "address", address)]
        if account:
            keys.append((PER_ACCOUNT, "account", account))
        return keys

    def _wait_s(self, limit: RateLimitItem, kind: str, key: str) -> int:
        reset_at = self._limiter.get_window_stats(limit, kind, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))
