"""The crawl's progress on the terminal: a live table per source, or one line per finished source.

Reports are updated on the reactor thread; the live table only reads them when it redraws.
"""

from __future__ import annotations

import threading
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.table import Table

from crawler.context import SourceReport


def status(report: SourceReport) -> str:
    if report.stopped:
        return "[yellow]stopped[/]"
    if not report.done:
        return "[yellow]crawling[/]" if report.fetched or report.error else "[dim]waiting[/]"
    return "[green]ok[/]" if report.ok else "[red]failed[/]"


def skipped(report: SourceReport) -> str:
    """ ", 4 skipped (3 not an article, 1 no readable text)", or nothing when none was."""
    if not report.skipped:
        return ""
    reasons = ", ".join(f"{count} {why}" for why, count in report.skipped.items())
    return f", {sum(report.skipped.values())} skipped ({reasons})"


def done_line(report: SourceReport) -> str:
    detail = f" — {report.error}" if report.error else ""
    failed = f", {report.failed_pages} page(s) failed" if report.failed_pages else ""
    return (
        f"  {status(report)} {report.source_id}: fetched {report.fetched}, {report.new} new, "
        f"{report.unchanged} unchanged{skipped(report)}{failed}{detail}"
    )


class CrawlProgress:
    """Context manager; pass `update` to the crawl as its progress callback."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.reports: dict[str, SourceReport] = {}
        self._printed: set[str] = set()
        self._lock = threading.Lock()
        self._live: Live | None = None
        if console.is_terminal:
            self._live = Live(
                console=console, get_renderable=self.table, refresh_per_second=4, transient=False
            )

    def __enter__(self) -> CrawlProgress:
        if self._live is not None:
            self._live.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.stop()

    def update(self, report: SourceReport) -> None:
        with self._lock:
            self.reports[report.source_id] = report
            if self._live is not None or not report.done or report.source_id in self._printed:
                return
            self._printed.add(report.source_id)
        self.console.print(done_line(report), markup=True, highlight=False)

    def table(self) -> Table:
        table = Table("source", "status", "fetched", "new", "unchanged", "failed pages", box=None)
        with self._lock:
            reports = list(self.reports.values())
        for report in reports:
            table.add_row(
                report.source_id,
                status(report),
                str(report.fetched),
                str(report.new),
                str(report.unchanged),
                str(report.failed_pages),
            )
        return table
