"""SIGTERM and SIGINT during a crawl: the first stops it cleanly, a second abandons it at once.

Scrapy's CrawlerProcess handles these signals the same way (a graceful close, then a forced
one), but it owns the reactor and the main thread; ours runs in a thread of its own and is kept
for the next crawl, so the handlers are installed here, with Scrapy's install_shutdown_handlers,
and drive a `Stop` (crawler/stopping.py) that the crawls share.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType

from rich.console import Console
from scrapy.utils.ossignal import install_shutdown_handlers, signal_names

from crawler.stopping import Stop

HANDLED = (signal.SIGTERM, signal.SIGINT)


class StopOnSignal:
    """Context manager: while it is entered, the first SIGTERM or SIGINT requests `stop` within
    `within_s` seconds and a second forces it; each sets `wake`, if given. The previous handlers
    come back on exit."""

    def __init__(
        self, stop: Stop, within_s: float, err: Console, wake: threading.Event | None = None
    ) -> None:
        self.stop, self.within_s, self.err, self.wake = stop, within_s, err, wake
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    @property
    def name(self) -> str:
        return signal_names[self.signum] if self.signum is not None else ""

    @property
    def exit_code(self) -> int:
        """128 and the signal's number, as a shell reports a process that signal ended."""
        return 128 + (self.signum or 0)

    def __enter__(self) -> StopOnSignal:
        self._previous = {sig: signal.getsignal(sig) for sig in HANDLED}
        install_shutdown_handlers(self._first)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    # The handlers run in the main thread while it waits for the crawl (crawler/stopping.py
    # allows for that), so writing to the console here interrupts no write of that thread.
    def _first(self, signum: int, frame: FrameType | None) -> None:
        self.signum = signum
        install_shutdown_handlers(self._second)
        self.err.print(
            f"stopping on {signal_names[signum]}: no new page is fetched; what is fetched is "
            f"stored (at most {self.within_s:g}s); send it again to stop at once"
        )
        self.stop.request(self.within_s)
        if self.wake is not None:
            self.wake.set()

    def _second(self, signum: int, frame: FrameType | None) -> None:
        install_shutdown_handlers(signal.SIG_IGN)
        self.stop.force()
        if self.wake is not None:
            self.wake.set()
