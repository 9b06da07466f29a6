"""Stopping crawls on request: gracefully within a bound, or at once.

A `Stop` is shared by the crawls it may stop (one for a `crawl` command, one for the daemon's
life) and is safe to use from a signal handler: it only sets flags, wakes the threads waiting
for their crawls and asks the reactor, through `callFromThread`, to close the spiders. A crawl
that starts after the stop was requested starts nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Stop:
    """A request to stop: `request` lets running sources close, `force` abandons the crawls."""

    def __init__(self) -> None:
        # Reentrant: a signal handler may run in a thread that holds it (in `wait`).
        self._changed = threading.Condition(threading.RLock())
        self._listeners: list[Callable[[], None]] = []
        self._deadline: float | None = None
        self.is_requested = False
        self.is_forced = False

    def request(self, within_s: float) -> None:
        """Start no new source, let the running ones close; abandon them after `within_s`."""
        with self._changed:
            if self.is_requested:
                return
            self.is_requested = True
            self._deadline = time.monotonic() + within_s
            listeners = list(self._listeners)
            self._changed.notify_all()
        for listener in listeners:
            listener()

    def force(self) -> None:
        """Abandon the crawls now: what they stored stays, nothing more is."""
        with self._changed:
            self.is_forced = True
            self._changed.notify_all()

    def on_request(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when a stop is requested (at once if it was); returns the undo."""
        with self._changed:
            if not self.is_requested:
                self._listeners.append(listener)
                return lambda: self._forget(listener)
        listener()
        return lambda: None

    def notify(self) -> None:
        """Something a `wait` waits for happened (a crawl ended)."""
        with self._changed:
            self._changed.notify_all()

    def wait(self, is_done: Callable[[], bool]) -> bool:
        """Wait until `is_done()`; False when the crawl is to be abandoned instead: the stop was
        forced, or it was requested and its bound has passed."""
        with self._changed:
            while not is_done():
                if self.is_forced:
                    return False
                left_s = None if self._deadline is None else self._deadline - time.monotonic()
                if left_s is not None and left_s <= 0:
                    return False
                self._changed.wait(left_s)
            return True

    def _forget(self, listener: Callable[[], None]) -> None:
        with self._changed:
            if listener in self._listeners:
                self._listeners.remove(listener)
