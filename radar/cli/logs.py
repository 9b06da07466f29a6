"""The one log format: `level logger message key=value…`, on stderr."""

from __future__ import annotations

import logging
import sys

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(f"{k}={v}" for k, v in vars(record).items() if k not in _STANDARD)
        line = f"{record.levelname.lower()} {record.name} {record.getMessage()}"
        if extras:
            line += " " + extras
        if record.exc_info and record.levelno >= logging.ERROR:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(verbose: int = 0) -> None:
    """WARNING by default; -v INFO; -vv DEBUG. Scrapy's own chatter stays a level quieter."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("scrapy", "twisted", "trafilatura", "htmldate", "alembic", "asyncio"):
        logging.getLogger(noisy).setLevel(
            max(level, logging.WARNING) if verbose < 2 else logging.INFO
        )
    # scrapy-playwright warns, with a traceback, of every rendered page that failed: the source's
    # health and its own log line already say it, in words.
    logging.getLogger("scrapy-playwright").setLevel(logging.ERROR if verbose < 2 else logging.INFO)
