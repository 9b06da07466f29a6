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
from twisted.internet.error import DNSLookupError, TimeoutError
from twisted.python.failure import Failure

from radar.errors import SourceError

ADVICE = {
    "timeout": "the server did not answer in time; raise settings.request_timeout if it is just slow",
    "dns": "the host name does not resolve; check the URL",
    "connection refused": "nothing listens at that address; check the URL or try later",
    "connection": "the connection broke off; it will be retried at the next crawl",
    "tls": "the TLS handshake failed; check that the site's certificate is valid for its name "
    "and from a known authority (or, knowing why, set `tls_verify: false` on the source)",
    "body too large": "the answer is larger than settings.max_body (after decompression); "
    "raise it only if the page is genuine",
    "robots.txt": "the site's robots.txt forbids this URL to crawlers; ask the site or drop the source",
    "redirect loop": "the URL redirects too often or in a loop; open it in a browser and use the final URL",
}
HTTP_ADVICE = {
    401: "the page needs a login; rivalradar reads public pages only",
    403: "the site refuses the crawler; ask the site to allow rivalradar's User-Agent",
    404: "the page is not there; check the URL",
    410: "the page is gone for good; drop or replace the source",
    429: "the site rate-limits the crawler; raise politeness.delay or lower politeness.concurrency",
}


def diagnose(failure: Failure) -> tuple[str, str]:
    """(diagnosis, message) for a failed request."""
    exc = failure.value
    if exc is None:
        return "error", "the request failed for an unknown reason"
    if isinstance(exc, HttpError):
        return "http", http_problem(exc.response.status)
    if isinstance(exc, SourceError):
        return exc.diagnosis, exc.problem
    kind = _kind(exc)
    detail = str(exc).strip() or type(exc).__name__
    advice = ADVICE.get(kind)
    return kind, f"{kind}: {detail}" + (f"; {advice}" if advice else "")


def http_problem(status: int) -> str:
    if status >= 500:
        return f"answered HTTP {status} (server error); retried with backoff, and again next crawl"
    advice = HTTP_ADVICE.get(status, "check the URL in a browser")
    return f"answered HTTP {status}; {advice}"


def _kind(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, DownloadTimeoutError | TimeoutError):
        return "timeout"
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return "dns"
    if isinstance(exc, DownloadConnectionRefusedError):
        return "connection refused"
    if (
        isinstance(exc, DownloadCancelledError)
        or "max size" in text
        or "maxsize" in text
        or "download_maxsize" in text
    ):
        return "body too large"
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in text:
            return "robots.txt"
        if "redirect" in text:
            return "redirect loop"
        return "ignored"
    # A certificate for another name fails in service_identity, before any TLS error is raised.
    if "ssl" in text or "tls" in text or "certificate" in text or "verificationerror" in text:
        return "tls"
    if isinstance(exc, ResponseDataLossError | DownloadFailedError):
        return "connection"
    return "error"
