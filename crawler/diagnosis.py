"""Turn a failed request into a diagnosis a person can act on."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from radar.errors import SourceError

ADVICE = {
    "timeout": "the server did not answer in time; raise settings.request_timeout if it is just slow",
    "dns": "the host name does not resolve; check the URL",
    "connection refused": "nothing listens at that address; check the URL or try later",
    "connection": "the connection broke off; it will be retried at the next crawl",
    "tls": "the TLS handshake failed; check that the site's certificate is valid",
    "body too large": "the answer is larger than settings.max_body; raise it only if the page is genuine",
    "robots.txt": "the site's robots.txt forbids this URL; ask the site or drop the source",
    "redirect loop": "the URL redirects too often or in a loop; use the final URL",
}


def diagnose(failure: Failure) -> tuple[str, str]:
    """(diagnosis, message) for a failed request."""
    exc = failure.value
    if exc is None:
        return "error", "the request failed for an unknown reason"
    if isinstance(exc, HttpError):
        status = exc.response.status
        return "http", f"answered HTTP {status}" + (" (server error)" if status >= 500 else "")
    if isinstance(exc, SourceError):
        return exc.diagnosis, exc.problem
    kind = _kind(exc)
    detail = str(exc).strip() or type(exc).__name__
    advice = ADVICE.get(kind)
    return kind, f"{kind}: {detail}" + (f"; {advice}" if advice else "")


def _kind(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, DownloadTimeoutError):
        return "timeout"
    if isinstance(exc, CannotResolveHostError):
        return "dns"
    if isinstance(exc, DownloadConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, DownloadCancelledError) or "max size" in text or "maxsize" in text:
        return "body too large"
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in text:
            return "robots.txt"
        if "redirect" in text:
            return "redirect loop"
        return "ignored"
    if "ssl" in text or "tls" in text or "certificate" in text:
        return "tls"
    if isinstance(exc, ResponseDataLossError | DownloadFailedError):
        return "connection"
    return "error"
